import { leadRoutes } from '../../shared/api/leads.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { acceptLead, declineLead } from '../../shared/leads/answer-lead.js';

export const accept = httpRoute(leadRoutes.accept, async ({ caller, params }) => ({
  status: 200,
  body: await acceptLead(caller, params.id, new Date()),
}));

export const decline = httpRoute(leadRoutes.decline, async ({ caller, params, body }) => ({
  status: 200,
  body: await declineLead(caller, params.id, body.reason, new Date()),
}));
