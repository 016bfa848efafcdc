import { partnerProgramRoutes } from '../../shared/api/partner-program.js';
import { tiers } from '../../shared/db/tier-repository.js';
import { quarterOf } from '../../shared/domain/partner-kpis.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleDealer } from '../../shared/partner-program/access.js';
import { scorecard as scorecardOf } from '../../shared/partner-program/scorecard.js';

export const scorecard = httpRoute(partnerProgramRoutes.scorecard, async ({ caller, params, query }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  return { status: 200, body: await scorecardOf(dealer, query.period ?? quarterOf(new Date().toISOString().slice(0, 7))) };
});

export const tierHistory = httpRoute(partnerProgramRoutes.tierHistory, async ({ caller, params, query }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  return { status: 200, body: await tiers.history(dealer.id, query) };
});
