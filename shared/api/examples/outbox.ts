/** Examples of the outbox area's answers (spread into EXAMPLES; checked against the schemas). */
import type { RouteExample } from '../examples.js';

const deadLetter = {
  id: 'reg_7Hq2LmX9sT4vB8nK3pW6yZ.v1.1',
  kind: 'mail',
  to: ['new.manager@manufacturer.example'],
  subject: 'Review requested: Müller Maschinenbau GmbH (EUR 400,000.00)',
  reason:
    'MessageRejected: Email address is not verified. The following identities failed the check in region EU-CENTRAL-1: new.manager@manufacturer.example',
  permanent: true,
  attempts: 1,
  createdAt: '2026-11-30T09:15:00.000Z',
  deadAt: '2026-11-30T09:15:01.240Z',
};

export const OUTBOX_EXAMPLES: Record<string, RouteExample> = {
  'GET /outbox/dead-letters': { response: { items: [deadLetter], nextCursor: 'eyJHU0k3UEsiOiJPVVRCT1gjREVBRCJ9.c2lnbmF0dXJl' } },
  'POST /outbox/dead-letters/{id}/replay': {
    response: { id: deadLetter.id, status: 'waiting', replayedAt: '2026-12-01T10:02:00.000Z' },
  },
};
