import { partnerApplicationRoutes } from '../../shared/api/onboarding.js';
import { publicRoute } from '../../shared/http/public-route.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { decideApplication, listApplications, receiveApplication } from '../../shared/onboarding/applications.js';

export const apply = publicRoute(partnerApplicationRoutes.apply, async ({ body, sourceIp }) => ({
  status: 202,
  body: await receiveApplication({ input: body, source: sourceIp, now: new Date() }),
}));

export const list = httpRoute(partnerApplicationRoutes.list, async ({ query }) => ({ status: 200, body: await listApplications(query) }));

export const decide = httpRoute(partnerApplicationRoutes.decide, async ({ caller, params, body }) => ({
  status: 200,
  body: await decideApplication({ caller, id: params.id, decision: body, now: new Date() }),
}));
