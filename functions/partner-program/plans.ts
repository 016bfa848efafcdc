import { improvementPlans } from '../../shared/db/partner-program-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleDealer } from '../../shared/partner-program/access.js';
import { openPlan } from '../../shared/partner-program/improvement-plans.js';
import { actorOf } from '../../shared/registrations/access.js';
import type * as z from 'zod';
import type { ImprovementPlanInput } from '../../shared/schemas/partner-program.js';

type Params = { dealerId: string };

export const open = httpRoute<z.infer<typeof ImprovementPlanInput>, Record<string, never>, Params>(
  'POST /dealers/{dealerId}/improvement-plans',
  async ({ caller, params, body }) => {
    const dealer = await visibleDealer(caller, params.dealerId);
    const plan = await openPlan({ dealerId: dealer.id, input: body, actor: actorOf(caller), now: new Date() });
    return { status: 201, body: plan, headers: { location: `/dealers/${dealer.id}/improvement-plans` } };
  },
);

export const list = httpRoute<undefined, { limit: number; cursor?: string }, Params>(
  'GET /dealers/{dealerId}/improvement-plans',
  async ({ caller, params, query }) => {
    const dealer = await visibleDealer(caller, params.dealerId);
    return { status: 200, body: await improvementPlans.list(dealer.id, query) };
  },
);
