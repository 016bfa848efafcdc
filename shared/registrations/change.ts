/**
 * Applies one change to a registration as a compare-and-swap on its version: read, compute the next state with
 * a pure function, write it (with its history event and outbox messages) only if the version is still the one
 * read. A lost race is retried on fresh state, unless the client pinned a version with If-Match (412).
 */

import { registrations } from '../db/registration-repository.js';
import { loadParties } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { type Actor, actorOf, type Caller, SYSTEM_ACTOR } from '../domain/caller.js';
import { NotFound, StateConflict, VersionMismatch } from '../domain/errors.js';
import { CONFLICT_NOTICE, type StoredRegistration } from '../domain/registration.js';
import { countMetric } from '../observability/metrics.js';
import { outboxPuts } from '../outbox/outbox.js';
import { assertVisible } from './access.js';
import { effectsOf, type Happening } from './effects.js';

const MAX_ATTEMPTS = 5;

/**
 * The conditional write of one change. A customer lock the change would take (an update adding a product line to
 * a pending registration) that another registration holds refuses it, naming no one.
 */
async function writeChange(...args: Parameters<typeof registrations.replace>): Promise<boolean> {
  try {
    return await registrations.replace(...args);
  } catch (error) {
    if (!(error instanceof ConditionsFailed) || ![...error.failed.keys()].some((name) => name.startsWith('lock:'))) throw error;
    throw new StateConflict(`${CONFLICT_NOTICE} A product line it would add is claimed: register it separately.`);
  }
}

export interface Change {
  next: StoredRegistration;
  action: string;
  happening: Happening;
  detail?: string | undefined;
  /** A second history entry the change records (e.g. that it needs a manager's look). */
  note?: { action: string; detail: string } | undefined;
}

export async function changeRegistration(args: {
  id: string;
  /** The API caller, whose access is checked; absent for schedules, which act as `actor`. */
  caller?: Caller;
  actor?: Actor;
  expectedVersion?: number;
  now: () => Date;
  /** Undefined means there is nothing to change. */
  compute: (current: StoredRegistration, now: Date) => Change | undefined;
  /** A state already read (by an index query), tried first. */
  known?: StoredRegistration;
}): Promise<{ registration: StoredRegistration; changed: boolean }> {
  const actor = args.actor ?? (args.caller ? actorOf(args.caller) : undefined);
  if (!actor) throw new Error('changeRegistration needs a caller or an actor');
  let known = args.known;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const read = known ?? (await registrations.get(args.id));
    known = undefined;
    const current = args.caller ? assertVisible(args.caller, read) : read;
    if (!current) throw new NotFound('There is no such registration.');
    if (args.expectedVersion !== undefined && current.version !== args.expectedVersion) {
      throw new VersionMismatch(`The registration is at version ${current.version}, not ${args.expectedVersion}; read it again.`);
    }
    const now = args.now();
    const change = args.compute(current, now);
    if (!change) return { registration: current, changed: false };
    const messages = await effectsOf(change.happening, change.next, () => loadParties(current.dealerId, current.regionId), now);
    const at = now.toISOString();
    const entries = [
      {
        at,
        action: change.action,
        actor,
        fromStatus: current.status,
        toStatus: change.next.status,
        ...(change.detail ? { detail: change.detail } : {}),
      },
      ...(change.note ? [{ at, action: change.note.action, actor: SYSTEM_ACTOR, detail: change.note.detail }] : []),
    ];
    const written = await writeChange(current, change.next, entries, outboxPuts(messages, now));
    if (written) {
      if (change.happening.kind === 'decided') countMetric('Decisions', { decision: change.next.status });
      if (change.happening.kind === 'extension_decided')
        countMetric('Decisions', { decision: `extension_${change.next.extension?.status}` });
      return { registration: change.next, changed: true };
    }
    if (args.expectedVersion !== undefined) {
      throw new VersionMismatch('The registration changed meanwhile; read it again.');
    }
  }
  throw new StateConflict('The registration is changing too often right now; retry.');
}
