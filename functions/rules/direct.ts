import { directRuleRoutes } from '../../shared/api/rules.js';
import { directRules } from '../../shared/db/setup-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const get = httpRoute(directRuleRoutes.get, async () => ({ status: 200, body: await directRules.get() }));

export const put = httpRoute(directRuleRoutes.put, async ({ body }) => {
  await directRules.put(body);
  return { status: 200, body };
});
