/**
 * The caller behind an API client's token (OAuth 2 client credentials: `token_use` access, a `client_id`, no user
 * groups). The client's item is read by key on every request: it binds the client to its dealer and says whether it
 * was revoked, so a revoked client's unexpired tokens stop working at once.
 */
import { apiClients } from '../db/api-client-repository.js';
import { apiScopesOf } from '../domain/api-scopes.js';
import type { Caller } from '../domain/caller.js';
import { Unauthenticated } from '../domain/errors.js';
import { CLAIMS } from './caller.js';

export const isClientCredentialsToken = (claims: Record<string, unknown>) =>
  claims.token_use === 'access' && typeof claims.client_id === 'string' && claims[CLAIMS.groups] === undefined;

export async function apiClientCaller(claims: Record<string, unknown>): Promise<Caller> {
  const clientId = claims.client_id as string;
  const client = await apiClients.find(clientId);
  if (!client || client.revokedAt) throw new Unauthenticated('The API client is unknown or revoked.');
  // A token that names a dealer (the local provider's do) must name the client's own.
  const claimed = claims[CLAIMS.dealerId];
  if (claimed !== undefined && claimed !== client.dealerId) throw new Unauthenticated('The token does not belong to this API client.');
  // What the token was issued for, narrowed to what the client still holds.
  const scopes = apiScopesOf(claims.scope).filter((scope) => client.scopes.includes(scope));
  return { role: 'dealer', subject: clientId, dealerId: client.dealerId, regions: [], apiClient: { clientId, scopes } };
}
