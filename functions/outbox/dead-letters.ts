import { deadLetterRoutes } from '../../shared/api/outbox.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { listDeadLetters, replayDeadLetter } from '../../shared/outbox/dead-letters.js';

export const list = httpRoute(deadLetterRoutes.list, async ({ query }) => ({ status: 200, body: await listDeadLetters(query) }));

export const replay = httpRoute(deadLetterRoutes.replay, async ({ caller, params }) => ({
  status: 202,
  body: await replayDeadLetter({ caller, id: params.id, now: new Date() }),
}));
