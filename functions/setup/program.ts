import { programRoutes } from '../../shared/api/setup.js';
import { program } from '../../shared/db/setup-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const get = httpRoute(programRoutes.get, async () => ({ status: 200, body: await program.get() }));

export const put = httpRoute(programRoutes.put, async ({ body }) => {
  await program.put(body);
  return { status: 200, body };
});
