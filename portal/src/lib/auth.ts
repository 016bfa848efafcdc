/**
 * Sign-in by the OAuth 2 authorization code flow with PKCE (oidc-client-ts), against Cognito's managed login in
 * AWS and the local OpenID provider locally. The API takes the ID token, as an HTTP API JWT authorizer for a
 * Cognito app client does.
 */
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { runtimeConfig } from '../config/runtime-config.js';

export const ROLES = ['dealer', 'partner_manager', 'regional_director', 'finance', 'channel_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Most powerful first, as the API decides: a user in several groups acts in the highest one. */
const PRECEDENCE: readonly Role[] = ['channel_admin', 'finance', 'regional_director', 'partner_manager', 'dealer'];

export interface Session {
  idToken: string;
  role: Role;
  name: string;
  email: string;
  dealerId?: string;
  dealerAdmin: boolean;
  regions: string[];
  expiresAt: number;
}

let manager: UserManager | undefined;

export function userManager(): UserManager {
  if (manager) return manager;
  const config = runtimeConfig();
  const origin = window.location.origin;
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri ?? `${origin}/auth/callback`,
    post_logout_redirect_uri: config.postLogoutRedirectUri ?? `${origin}/`,
    response_type: 'code',
    scope: config.scope ?? 'openid email profile',
    // Shared by the tabs of this browser, so a second tab needs no second sign-in.
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
  return manager;
}

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];

export function sessionOf(user: User): Session | undefined {
  const claims = user.profile as Record<string, unknown>;
  const groups = list(claims['cognito:groups']);
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role || !user.id_token) return undefined;
  const email = typeof claims.email === 'string' ? claims.email : '';
  return {
    idToken: user.id_token,
    role,
    name: typeof claims.name === 'string' ? claims.name : email,
    email,
    ...(typeof claims['custom:dealer_id'] === 'string' ? { dealerId: claims['custom:dealer_id'] } : {}),
    dealerAdmin: claims['custom:dealer_role'] === 'admin',
    regions: list(claims['custom:regions']),
    expiresAt: (user.expires_at ?? 0) * 1000,
  };
}

/** Starts the sign-in, coming back to where the user was. */
export function signIn(returnTo = window.location.pathname + window.location.search): Promise<void> {
  return userManager().signinRedirect({ state: { returnTo } });
}

export async function signOut(): Promise<void> {
  const users = userManager();
  const metadata = await users.metadataService.getMetadata().catch(() => undefined);
  if (metadata?.end_session_endpoint) return users.signoutRedirect();
  // Cognito's discovery names no end-session endpoint: forget the tokens here, then end the managed login's own
  // session, or the next sign-in would pass through without asking.
  await users.removeUser();
  const config = runtimeConfig();
  if (config.loginDomain) {
    const logout = new URL('/logout', config.loginDomain);
    logout.searchParams.set('client_id', config.clientId);
    logout.searchParams.set('logout_uri', config.postLogoutRedirectUri ?? `${window.location.origin}/`);
    window.location.assign(logout.toString());
    return;
  }
  window.location.assign('/');
}
