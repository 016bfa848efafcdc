/** The dead letters channel admins list and replay. */
import { deadLetters } from '../db/outbox-repository.js';
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';

export const listDeadLetters = (page: { limit: number; cursor?: string | undefined }) => deadLetters.list(page);

export async function replayDeadLetter(args: { caller: Caller; id: string; now: Date }) {
  const replayed = await deadLetters.replay(args.id, args.caller.email ?? args.caller.subject, args.now);
  if (!replayed) throw new NotFound(`There is no outbox message ${args.id}: it was never there, or it was delivered.`);
  return { id: args.id, ...replayed };
}
