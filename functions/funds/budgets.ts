import { fundRoutes } from '../../shared/api/funds.js';
import { fundBudgets } from '../../shared/db/funds-repository.js';
import { program } from '../../shared/db/setup-repository.js';
import { NotFound } from '../../shared/domain/errors.js';
import { putBudget, toApiBudget } from '../../shared/funds/budgets.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const put = httpRoute(fundRoutes.putBudget, async ({ params, body }) => ({
  status: 200,
  body: toApiBudget(await putBudget(params.period, body, await program.get(), new Date())),
}));

export const get = httpRoute(fundRoutes.getBudget, async ({ params }) => {
  const budget = await fundBudgets.get(params.period);
  if (!budget) throw new NotFound(`There is no co-marketing budget for ${params.period}.`);
  return { status: 200, body: toApiBudget(budget) };
});
