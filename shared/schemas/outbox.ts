/** Schemas of the outbox's dead letters, as channel admins list and replay them. */
import * as z from 'zod';
import { ListQuery } from './common.js';

export const DeadLetterParams = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9._:~-]{1,200}$/, 'must be an outbox message id (letters, digits, . _ : ~ -; up to 200)')
    .describe('The message id, as the dead-letter list gives it'),
});

export const DeadLetterListQuery = ListQuery;

export const DeadLetter = z.object({
  id: z.string(),
  kind: z.enum(['mail', 'event']),
  to: z.array(z.string()).optional().describe('A mail’s recipients'),
  subject: z.string().optional().describe('A mail’s subject'),
  detailType: z.string().optional().describe('An event’s detail-type'),
  reason: z.string().describe('The last error, e.g. `MessageRejected: Email address is not verified.`'),
  permanent: z.boolean().describe('A permanent error (not retried) rather than too many failed attempts'),
  attempts: z.number().int(),
  createdAt: z.string().describe('When the change that owes the message was made'),
  deadAt: z.string().describe('When delivery gave up'),
  replays: z.number().int().optional().describe('How often it was replayed before'),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterReplay = z.object({
  id: z.string(),
  status: z.literal('waiting').describe('Back on the waiting list: the outbox schedule delivers it within a minute'),
  replayedAt: z.string(),
});
