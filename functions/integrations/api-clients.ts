import { apiClientRoutes } from '../../shared/api/integrations.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { createApiClient, listApiClients, revokeApiClient } from '../../shared/integrations/api-clients.js';

export const create = httpRoute(apiClientRoutes.create, async ({ caller, body }) => {
  const created = await createApiClient(caller, body, new Date());
  return { status: 201, body: created, headers: { location: `/api-clients/${created.clientId}` } };
});

export const list = httpRoute(apiClientRoutes.list, async ({ caller, query }) => ({
  status: 200,
  body: await listApiClients(caller, query),
}));

export const revoke = httpRoute(apiClientRoutes.revoke, async ({ caller, params }) => {
  await revokeApiClient(caller, params.clientId, new Date());
  return { status: 204 };
});
