/** A dealer admin's CRM credentials: create (the secret shown once), list, revoke. */
import type * as z from 'zod';
import { apiClients, type StoredApiClient } from '../db/api-client-repository.js';
import type { ApiScope } from '../domain/api-scopes.js';
import type { Caller } from '../domain/caller.js';
import { Forbidden, NotFound } from '../domain/errors.js';
import { mayManageIntegrations } from '../domain/integration-policy.js';
import type { ApiClient } from '../schemas/integrations.js';
import { issueCredentials, withdrawCredentials } from './credential-issuer.js';
import { tokenUrl } from './token-url.js';

/** The dealer whose integrations the caller manages; refused for anyone who may not. */
export function integrationDealerOf(caller: Caller): string {
  if (!mayManageIntegrations(caller)) throw new Forbidden("Only the dealer's admin manages its integrations.");
  return caller.dealerId as string;
}

const toApi = (client: StoredApiClient): z.output<typeof ApiClient> => ({
  clientId: client.clientId,
  name: client.name,
  scopes: client.scopes,
  status: client.revokedAt ? 'revoked' : 'active',
  createdAt: client.createdAt,
  ...(client.revokedAt ? { revokedAt: client.revokedAt } : {}),
  tokenUrl: tokenUrl(),
});

export async function createApiClient(caller: Caller, input: { name: string; scopes: ApiScope[] }, now: Date) {
  const dealerId = integrationDealerOf(caller);
  const issued = await issueCredentials({ dealerId, name: input.name, scopes: input.scopes });
  const stored: StoredApiClient = {
    clientId: issued.clientId,
    dealerId,
    name: input.name,
    scopes: input.scopes,
    ...(issued.secretHash ? { secretHash: issued.secretHash } : {}),
    createdAt: now.toISOString(),
    createdBy: caller.email ?? caller.subject,
  };
  try {
    await apiClients.create(stored);
  } catch (error) {
    // Without its item the client's tokens are refused anyway; the Cognito app client should not linger.
    await withdrawCredentials(issued.clientId).catch(() => undefined);
    throw error;
  }
  return { ...toApi(stored), clientSecret: issued.clientSecret };
}

export async function listApiClients(caller: Caller, page: { limit: number; cursor?: string | undefined }) {
  const result = await apiClients.listForDealer(integrationDealerOf(caller), page);
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
}

/** Revoked at once: every later request with one of its tokens is refused (the item is read per request). */
export async function revokeApiClient(caller: Caller, clientId: string, now: Date): Promise<void> {
  const dealerId = integrationDealerOf(caller);
  const outcome = await apiClients.revoke(dealerId, clientId, now.toISOString());
  if (outcome === 'missing') throw new NotFound('There is no such API client.');
  await withdrawCredentials(clientId);
}
