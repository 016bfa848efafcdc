import { trainingRoutes } from '../../shared/api/training.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { importCompletions } from '../../shared/training/completions.js';

export const record = httpRoute(trainingRoutes.completions, async ({ body }) => ({
  status: 200,
  body: await importCompletions(body, new Date()),
}));
