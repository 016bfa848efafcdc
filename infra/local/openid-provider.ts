/**
 * The local stand-in for Cognito's managed login: a certified OpenID provider (`oidc-provider`) with a sign-in page
 * that lists the demo users of every role (and a form for any other user, as `npm run token` takes them). It issues
 * ID tokens in Cognito's claim shape, signed with the local issuer's key, to the portal's public client by the
 * authorization code flow with PKCE.
 */

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import Provider, { type Adapter, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { ROLES, type Role } from '../../shared/api/routes.js';
import { API_SCOPES, qualifiedScope, RESOURCE_SERVER_ID } from '../../shared/domain/api-scopes.js';
import { DEMO_USERS, type DemoUser } from './demo-users.js';
import type { RunningProcess } from './dynamodb-local.js';
import { cognitoClaims, LOCAL_AUDIENCE, type LocalIssuer, type TokenRequest } from './local-issuer.js';
import { adminEndpoint, type LocalUserStore } from './local-user-store.js';

export interface OpenIdProviderOptions {
  port: number;
  issuer: LocalIssuer;
  /** The users who may sign in: the demo users and those the API invited. */
  users: LocalUserStore;
  /** What the API's handlers present at the store's admin endpoint. */
  directorySecret: string;
  /** The portal's origin: its callback and sign-out return addresses are registered for the client. */
  portalOrigin: string;
  /** Dealers' API clients (the table's items), for the client-credentials grant. */
  apiClients?: ApiClientStore;
}

/** What the provider needs of an API client: its dealer, scopes and secret hash; undefined once revoked. */
export interface ApiClientStore {
  find(clientId: string): Promise<{ dealerId: string; scopes: readonly string[]; secretHash?: string; revokedAt?: string } | undefined>;
}

/** The resource (audience) of API clients' access tokens: the API, with the portal's client id as its audience. */
const API_RESOURCE = `https://${RESOURCE_SERVER_ID}.local/api`;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface RunningOpenIdProvider extends RunningProcess {
  /** The issuer URL (the authority the portal is configured with). */
  issuerUrl: string;
}

/** The claims the ID token carries; Cognito puts them all in the ID token, so this provider does too. */
const COGNITO_CLAIMS = ['cognito:groups', 'cognito:username', 'custom:dealer_id', 'custom:regions', 'custom:dealer_role', 'token_use'];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Users signed in through the form, by subject (the provider keeps its sessions in memory too). */
const formUsers = new Map<string, DemoUser>();

/** A user who may sign in now: disabled ones may not (Cognito refuses them sign-in and token refresh alike). */
const userBySubject = (users: LocalUserStore, subject: string): DemoUser | undefined => users.bySubject(subject) ?? formUsers.get(subject);

/** A user from the sign-in form; the subject is derived from what identifies them, so it is stable. */
function formUser(form: URLSearchParams): DemoUser | string {
  const role = form.get('role') as Role | null;
  if (!role || !ROLES.includes(role)) return 'Choose a role.';
  const dealerId = form.get('dealerId')?.trim() ?? '';
  const regions = (form.get('regions') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (role === 'dealer' && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(dealerId))
    return 'A dealer needs a dealer id (lower-case letters, digits, dashes).';
  if ((role === 'partner_manager' || role === 'regional_director') && regions.length === 0) return 'A manager needs one or more regions.';
  const email = form.get('email')?.trim() || `${dealerId || role}@demo.dealer-channel.example`;
  const request: TokenRequest = {
    role,
    ...(role === 'dealer' ? { dealerId, dealerRole: form.get('dealerAdmin') ? ('admin' as const) : ('user' as const) } : {}),
    ...(regions.length && role !== 'dealer' ? { regions } : {}),
  };
  const subject = `form-${createHash('sha256')
    .update(JSON.stringify({ ...request, email }))
    .digest('hex')
    .slice(0, 16)}`;
  const user: DemoUser = { ...request, subject, email, name: form.get('name')?.trim() || email, description: role };
  formUsers.set(subject, user);
  return user;
}

function signInPage(users: LocalUserStore, uid: string, message?: string): string {
  const roleLabel: Record<Role, string> = {
    dealer: 'Dealers',
    partner_manager: 'Partner managers',
    regional_director: 'Regional directors',
    finance: 'Finance',
    channel_admin: 'Channel admins',
  };
  const groups = ROLES.map((role) => {
    const listed = DEMO_USERS.filter((u) => u.role === role && users.bySubject(u.subject));
    if (listed.length === 0) return '';
    const buttons = listed
      .map(
        (u) => `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login">
          <input type="hidden" name="subject" value="${escapeHtml(u.subject)}">
          <button type="submit">Sign in as ${escapeHtml(u.name)}</button>
          <span class="muted">${escapeHtml(u.description)} · ${escapeHtml(u.email)}</span></form></li>`,
      )
      .join('');
    return `<section><h2>${roleLabel[role]}</h2><ul>${buttons}</ul></section>`;
  }).join('');
  const roleOptions = ROLES.map((r) => `<option value="${r}">${r}</option>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Dealer Channel (local)</title>
<style>
  body{font-family:system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;color:#1b1f24;line-height:1.45}
  h1{font-size:1.5rem} h2{font-size:1.1rem;margin:1.2rem 0 .4rem} ul{list-style:none;padding:0;margin:0}
  li form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.35rem 0}
  button{font:inherit;min-height:2.75rem;padding:.4rem 1rem;border-radius:.4rem;border:1px solid #0b5394;background:#0b5394;color:#fff;cursor:pointer}
  button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
  .muted{color:#4a5561;font-size:.92rem} .error{color:#9b1c1c;font-weight:600}
  fieldset{border:1px solid #c8ced6;border-radius:.4rem;margin-top:1.5rem} label{display:block;margin:.5rem 0 .2rem}
  input,select{font:inherit;min-height:2.5rem;width:100%;max-width:24rem;box-sizing:border-box}
</style></head>
<body><main>
<h1>Sign in to Dealer Channel</h1>
<p class="muted">Local sign-in (stands in for the managed login of the AWS deployment). Pick a demo user.</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><fieldset><legend>Invited users</legend>
  <input type="hidden" name="kind" value="password">
  <label for="signin-email">Email</label><input id="signin-email" name="email" type="email" autocomplete="username">
  <label for="signin-password">Password (from the invitation)</label><input id="signin-password" name="password" type="password" autocomplete="current-password">
  <p><button type="submit">Sign in with password</button></p>
</fieldset></form>
${groups}
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><fieldset><legend>Another user</legend>
  <label for="role">Role</label><select id="role" name="role">${roleOptions}</select>
  <label for="dealerId">Dealer id (dealers)</label><input id="dealerId" name="dealerId" autocomplete="off">
  <label><input type="checkbox" name="dealerAdmin" value="1" style="width:auto;min-height:auto"> Dealer admin</label>
  <label for="regions">Regions, comma-separated (managers)</label><input id="regions" name="regions" autocomplete="off">
  <label for="name">Name</label><input id="name" name="name" autocomplete="off">
  <label for="email">Email</label><input id="email" name="email" type="email" autocomplete="off">
  <p><button type="submit">Sign in</button></p>
</fieldset></form>
</main></body></html>`;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16_384) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Clients by id: API clients come from the table (so one created a moment ago, or revoked, is known at once);
 * everything else the provider keeps (sessions, grants, codes) stays in memory.
 */
function adapterFactory(apiClients: ApiClientStore | undefined) {
  const memory = createMemoryAdapter();
  const clients: Adapter = {
    async find(clientId: string) {
      const client = await apiClients?.find(clientId);
      if (!client || client.revokedAt || !client.secretHash) return undefined;
      return {
        client_id: clientId,
        client_secret: client.secretHash,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: client.scopes.map((scope) => `${RESOURCE_SERVER_ID}/${scope}`).join(' '),
      };
    },
    async upsert() {},
    async findByUid() {
      return undefined;
    },
    async findByUserCode() {
      return undefined;
    },
    async consume() {},
    async destroy() {},
    async revokeByGrantId() {},
  };
  return (model: string) => (model === 'Client' ? clients : memory(model));
}

function configuration(options: OpenIdProviderOptions, cookieKey: string): Configuration {
  const { privateJwk } = options.issuer;
  return {
    adapter: adapterFactory(options.apiClients),
    clients: [
      {
        client_id: LOCAL_AUDIENCE,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${options.portalOrigin}/auth/callback`],
        post_logout_redirect_uris: [`${options.portalOrigin}/`],
      },
    ],
    jwks: { keys: [{ ...privateJwk, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [cookieKey] },
    claims: { openid: ['sub', ...COGNITO_CLAIMS], email: ['email', 'email_verified'], profile: ['name'] },
    // Cognito puts every attribute into the ID token, which is what the portal sends to the API.
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile', ...API_SCOPES.map(qualifiedScope)],
    pkce: { required: () => true },
    ttl: {
      IdToken: 8 * 3600,
      AccessToken: 8 * 3600,
      ClientCredentials: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 3600,
      AuthorizationCode: 60,
    },
    features: {
      devInteractions: { enabled: false },
      // Dealers' CRMs: client credentials, as Cognito's token endpoint grants them to app clients with a secret.
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, client) => (client.grantTypes?.includes('client_credentials') ? API_RESOURCE : undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource, client) => {
          if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
          return {
            scope: client.scope ?? '',
            audience: LOCAL_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: 3600,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        // The portal's own sign-out button is the confirmation: submit the provider's form at once.
        logoutSource: async (ctx, form) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing out</title></head>
<body>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm">Sign out</button>
<script>document.getElementById('confirm').click()</script></body></html>`;
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body =
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signed out</title></head><body><p>You are signed out.</p></body></html>';
        },
      },
    },
    // The portal is the manufacturer's own client: no consent screen, as with Cognito's managed login.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(COGNITO_CLAIMS);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx, subject) => {
      const user = userBySubject(options.users, subject);
      if (!user) return undefined;
      return {
        accountId: subject,
        claims: async () => ({
          sub: subject,
          ...cognitoClaims({ ...user }),
          email: user.email,
          email_verified: true,
          name: user.name,
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1>${Object.entries(
        out,
      )
        .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
        .join('')}<p><a href="${escapeHtml(options.portalOrigin)}/">Back to the portal</a></p></main></body></html>`;
    },
    clientBasedCORS: (_ctx, origin) => origin === options.portalOrigin,
    // An API client's token in the shape of a Cognito client-credentials access token, plus its dealer.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'ClientCredentials' || !token.clientId) return undefined;
      const client = await options.apiClients?.find(token.clientId);
      return client ? { token_use: 'access', 'custom:dealer_id': client.dealerId } : undefined;
    },
  };
}

export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<RunningOpenIdProvider> {
  const issuerUrl = `http://localhost:${options.port}`;
  const provider = new Provider(issuerUrl, configuration(options, randomBytes(32).toString('base64url')));
  // API clients' secrets are stored as SHA-256 only: the provider compares the hash of what the client sent.
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    const expected = Buffer.from(this.clientSecret ?? '', 'hex');
    const given = sha256(actual);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  const callback = provider.callback();
  const directory = adminEndpoint(options.users, options.directorySecret);

  const interaction = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return false;
    const uid = match[1] as string;
    const page = (status: number, html: string) => {
      response.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The sign-in form's answer redirects back to the portal, which form-action must allow too.
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${options.portalOrigin}; frame-ancestors 'none'`,
      });
      response.end(html);
    };
    try {
      const details = await provider.interactionDetails(request, response);
      if (details.uid !== uid) {
        page(400, signInPage(options.users, details.uid, 'This sign-in has expired; start again.'));
        return true;
      }
      if (!match[2]) {
        page(200, signInPage(options.users, uid));
        return true;
      }
      if (request.method !== 'POST') {
        page(405, signInPage(options.users, uid));
        return true;
      }
      const form = await readForm(request);
      const subject = form.get('subject');
      const user =
        form.get('kind') === 'password'
          ? (options.users.signIn(form.get('email') ?? '', form.get('password') ?? '') ??
            'Wrong email or password, or the account is disabled.')
          : subject
            ? userBySubject(options.users, subject)
            : formUser(form);
      if (!user || typeof user === 'string') {
        page(400, signInPage(options.users, uid, typeof user === 'string' ? user : 'Unknown or disabled user.'));
        return true;
      }
      await provider.interactionFinished(request, response, { login: { accountId: user.subject } }, { mergeWithLastSubmission: false });
    } catch (error) {
      page(
        400,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in</title></head><body><main><p>${escapeHtml(
          (error as Error).message,
        )}</p><p><a href="${escapeHtml(options.portalOrigin)}/">Back to the portal</a></p></main></body></html>`,
      );
    }
    return true;
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuerUrl);
    directory(request, response, url)
      .then((handled) => handled || interaction(request, response, url))
      .then((handled) => {
        if (!handled) callback(request, response);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: issuerUrl,
    issuerUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
