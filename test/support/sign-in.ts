/**
 * Signs in at the local OpenID provider as a browser would — authorization code flow with PKCE, the sign-in form
 * with email and password, cookies carried between the redirects — and returns the ID token the portal would send.
 */
import { createHash, randomBytes } from 'node:crypto';
import { inject } from 'vitest';

const { portalUrl } = inject('stack');

/** Follows redirects by hand, keeping the provider's cookies, until `done` accepts a Location. */
async function follow(start: string, cookies: Map<string, string>, init: RequestInit = {}, done: (location: URL) => boolean) {
  let url = start;
  let options: RequestInit = init;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      ...options,
      redirect: 'manual',
      headers: { ...(options.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair as string).split('=');
      cookies.set((name as string).trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (!location) return { response, url: new URL(url) };
    const next = new URL(location, url);
    if (done(next)) return { response, url: next };
    url = next.toString();
    options = {};
  }
  throw new Error('Too many redirects');
}

/** The ID token of `email` signing in with `password`; throws with the sign-in page's message when refused. */
export async function signInWithPassword(email: string, password: string): Promise<string> {
  const config = (await (await fetch(`${portalUrl}/config.json`)).json()) as { authority: string; clientId: string };
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${portalUrl}/auth/callback`;
  const authorize = new URL(`${config.authority}/auth`);
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
  }).toString();
  const cookies = new Map<string, string>();
  const page = await follow(authorize.toString(), cookies, {}, () => false);
  const uid = /\/interaction\/([\w-]+)/.exec(page.url.pathname)?.[1];
  if (!uid) throw new Error(`No sign-in page at ${page.url}`);
  const login = await follow(
    `${config.authority}/interaction/${uid}/login`,
    cookies,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'password', email, password }).toString(),
    },
    (location) => location.toString().startsWith(redirectUri),
  );
  const code = login.url.searchParams.get('code');
  if (!code) {
    const text = await login.response.text();
    throw new Error(`Sign-in refused: ${/role="alert">([^<]*)</.exec(text)?.[1] ?? login.response.status}`);
  }
  const token = await fetch(`${config.authority}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: config.clientId,
      code_verifier: verifier,
    }),
  });
  const body = (await token.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`No ID token: ${JSON.stringify(body)}`);
  return body.id_token;
}

/** The temporary password of the invitation mailed to `email` (the SES emulator's copy). */
export const temporaryPasswordIn = (text: string) =>
  /(?:Temporary password|Vorläufiges Passwort|Tijdelijk wachtwoord): (\S+)/.exec(text)?.[1];
