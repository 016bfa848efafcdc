import { directRules } from '../../shared/db/setup-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import type { DirectRules } from '../../shared/schemas/rules.js';

export const get = httpRoute('GET /rules/direct', async () => ({ status: 200, body: await directRules.get() }));

export const put = httpRoute<DirectRules>('PUT /rules/direct', async ({ body }) => {
  await directRules.put(body);
  return { status: 200, body };
});
