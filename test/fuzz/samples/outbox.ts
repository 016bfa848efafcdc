/** Fuzz samples of the outbox area: the dead letters channel admins list and replay. */
import { deadLetter } from '../../support/outbox.js';
import type { Parts } from '../requests.js';
import type { Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });

export const OUTBOX_SAMPLES: Record<string, Sample> = {
  'GET /outbox/dead-letters': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, query: [['limit', '10']] }),
    queryVariants: { limit: ['1', '100'] },
  },
  'POST /outbox/dead-letters/{id}/replay': {
    // A fresh dead letter each time: the positive control replays it.
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { id: await deadLetter() } }),
  },
};
