import { leadRoutes } from '../../shared/api/leads.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { convertLead } from '../../shared/leads/convert-lead.js';

export const handler = httpRoute(leadRoutes.convert, async ({ caller, params, body }) => {
  const { registration, replayed } = await convertLead(caller, params.id, body, new Date());
  return {
    status: 201,
    body: registration,
    headers: {
      location: `/registrations/${registration.id}`,
      etag: `"${registration.version}"`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
});
