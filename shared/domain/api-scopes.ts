/**
 * What a dealer's CRM may do with an API client's token (OAuth 2 client credentials): each route a CRM may call
 * declares the one scope it needs in its contract (`RouteDefinition.scope`); a route without one is closed to API
 * clients. In Cognito the scopes live on the resource server `dealer-channel`, so tokens carry them qualified
 * (`dealer-channel/registrations:read`); the local OpenID provider issues the same names.
 */
export const API_SCOPES = ['registrations:read', 'registrations:write', 'leads:read', 'leads:write', 'catalog:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The identifier of the Cognito resource server (and of the local provider's resource). */
export const RESOURCE_SERVER_ID = 'dealer-channel';

export const qualifiedScope = (scope: ApiScope) => `${RESOURCE_SERVER_ID}/${scope}`;

/** The API scopes of a token's space-separated `scope` claim; other scopes (openid, foreign servers') are ignored. */
export function apiScopesOf(claim: unknown): ApiScope[] {
  if (typeof claim !== 'string') return [];
  const prefix = `${RESOURCE_SERVER_ID}/`;
  return claim
    .split(/\s+/)
    .filter((s) => s.startsWith(prefix))
    .map((s) => s.slice(prefix.length))
    .filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
}
