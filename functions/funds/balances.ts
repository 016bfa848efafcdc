import { fundRoutes } from '../../shared/api/funds.js';
import { fundsOf, ledgerReport } from '../../shared/funds/balances.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const funds = httpRoute(fundRoutes.funds, async ({ caller, query }) => ({
  status: 200,
  body: await fundsOf(caller, query, new Date()),
}));

export const ledger = httpRoute(fundRoutes.ledger, async ({ caller, query }) => ({
  status: 200,
  body: await ledgerReport(caller, query, new Date()),
}));
