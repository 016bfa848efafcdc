import { leadRoutes } from '../../shared/api/leads.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { routeLeadByHand } from '../../shared/leads/read-leads.js';

export const handler = httpRoute(leadRoutes.route, async ({ caller, params, body }) => ({
  status: 200,
  body: await routeLeadByHand(caller, params.id, body.dealerId, new Date()),
}));
