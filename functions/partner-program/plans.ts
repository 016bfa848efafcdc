import { partnerProgramRoutes } from '../../shared/api/partner-program.js';
import { improvementPlans } from '../../shared/db/improvement-plan-repository.js';
import { actorOf } from '../../shared/domain/caller.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleDealer } from '../../shared/partner-program/access.js';
import { openPlan } from '../../shared/partner-program/improvement-plans.js';

export const open = httpRoute(partnerProgramRoutes.openPlan, async ({ caller, params, body }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  const plan = await openPlan({ dealerId: dealer.id, input: body, actor: actorOf(caller), now: new Date() });
  return { status: 201, body: plan, headers: { location: `/dealers/${dealer.id}/improvement-plans` } };
});

export const list = httpRoute(partnerProgramRoutes.plans, async ({ caller, params, query }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  return { status: 200, body: await improvementPlans.list(dealer.id, query) };
});
