import { trainingRoutes } from '../../shared/api/training.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { attemptQuiz } from '../../shared/training/attempts.js';

export const attempt = httpRoute(trainingRoutes.attempt, async ({ caller, params, body }) => ({
  status: 200,
  body: await attemptQuiz(caller, params.moduleId, body.answers, new Date()),
}));
