import { tiers } from '../../shared/db/partner-program-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleDealer } from '../../shared/partner-program/access.js';
import { scorecard as scorecardOf } from '../../shared/partner-program/scorecard.js';

type Params = { dealerId: string };

export const scorecard = httpRoute<undefined, { period: string }, Params>(
  'GET /dealers/{dealerId}/scorecard',
  async ({ caller, params, query }) => {
    const dealer = await visibleDealer(caller, params.dealerId);
    return { status: 200, body: await scorecardOf(dealer, query.period) };
  },
);

export const tierHistory = httpRoute<undefined, { limit: number; cursor?: string }, Params>(
  'GET /dealers/{dealerId}/tier-history',
  async ({ caller, params, query }) => {
    const dealer = await visibleDealer(caller, params.dealerId);
    return { status: 200, body: await tiers.history(dealer.id, query) };
  },
);
