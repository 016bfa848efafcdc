import { deadLetter } from '../../support/outbox.js';
import { deny, type Entry } from './entry.js';

/** The outbox's dead letters: channel admins only, whatever the side. */
export const OUTBOX_MATRIX: Record<string, Entry> = {
  'GET /outbox/dead-letters': {
    success: 200,
    access: { ...deny, channel_admin: 'any' },
    request: async () => ({ method: 'GET', path: '/outbox/dead-letters?limit=5' }),
  },
  'POST /outbox/dead-letters/{id}/replay': {
    success: 202,
    access: { ...deny, channel_admin: 'any' },
    request: async () => ({ method: 'POST', path: `/outbox/dead-letters/${await deadLetter()}/replay` }),
  },
};
