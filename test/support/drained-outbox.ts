/**
 * Setup of the isolated tier: each file starts once the outbox has sent what the API tier or the file before it
 * queued. Mail leaves at the SES rate (14 a second): the lead race leaves ~200 mails, which would otherwise stand
 * for 15 s or more between the next file's job runs and the one mail it waits for. The sweep as of just past its
 * grace period takes every waiting message; claims keep it and the stream consumer from sending one twice.
 */
import { beforeAll } from 'vitest';
import { SWEEP_GRACE_MS } from '../../shared/outbox/outbox.js';
import { runJob } from './api.js';

beforeAll(async () => {
  await runJob('outbox', new Date(Date.now() + SWEEP_GRACE_MS + 1_000));
}, 120_000);
