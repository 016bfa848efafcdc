import { leadRoutes } from '../../shared/api/leads.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { listLeads, readLead } from '../../shared/leads/read-leads.js';

export const list = httpRoute(leadRoutes.list, async ({ caller, query }) => ({
  status: 200,
  body: await listLeads(caller, { limit: query.limit, cursor: query.cursor, status: query.status }),
}));

export const lead = httpRoute(leadRoutes.read, async ({ caller, params }) => ({ status: 200, body: await readLead(caller, params.id) }));
