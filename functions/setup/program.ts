import { program } from '../../shared/db/setup-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import type { Program } from '../../shared/schemas/setup.js';

export const get = httpRoute('GET /program', async () => ({ status: 200, body: await program.get() }));

export const put = httpRoute<Program>('PUT /program', async ({ body }) => {
  await program.put(body);
  return { status: 200, body };
});
