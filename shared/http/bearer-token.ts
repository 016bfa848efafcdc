/**
 * Which bearer tokens the API accepts in AWS, checked by its Lambda authorizer (functions/authorizer): the user
 * pool's ID tokens issued to the API's and the portal's app clients, and the pool's client-credentials access tokens
 * that carry a scope of the API's resource server — those of dealers' CRM clients, which are app clients created at
 * run time and so cannot be listed in a JWT authorizer's audience. Which dealer such a client acts for, and whether
 * it was revoked, the route function reads from the client's item (api-client-caller.ts).
 */
import { type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { RESOURCE_SERVER_ID } from '../domain/api-scopes.js';

export interface TokenPolicy {
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  readonly issuer: string;
  /** App client ids whose ID tokens are accepted. */
  readonly audiences: readonly string[];
}

/** API Gateway hands claims to Lambda as strings; arrays become "[a b]" (caller.ts parses both shapes). */
export function claimsAsApiGatewayPassesThem(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]),
  );
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

const acceptable = (payload: JWTPayload, policy: TokenPolicy): boolean => {
  if (payload.token_use === 'id') {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return audiences.some((aud) => typeof aud === 'string' && policy.audiences.includes(aud));
  }
  if (payload.token_use === 'access') {
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    return typeof payload.client_id === 'string' && scopes.some((scope) => scope.startsWith(`${RESOURCE_SERVER_ID}/`));
  }
  return false;
};

/**
 * The claims of an acceptable token, as API Gateway's JWT authorizer would pass them; `undefined` for a missing,
 * malformed, forged, expired or foreign token (signature, issuer and expiry by jose, RS256 only).
 */
export async function verifyBearerToken(
  authorization: string | undefined,
  keys: JWTVerifyGetKey,
  policy: TokenPolicy,
): Promise<Record<string, string> | undefined> {
  const token = BEARER.exec(authorization?.trim() ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { payload } = await jwtVerify(token, keys, { issuer: policy.issuer, algorithms: ['RS256'] });
    return acceptable(payload, policy) ? claimsAsApiGatewayPassesThem(payload) : undefined;
  } catch {
    return undefined;
  }
}
