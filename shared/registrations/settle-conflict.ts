/**
 * Escalating and resolving conflict cases. A resolution is recorded on the case first (compare-and-swap on its
 * version); then each party is settled by its own conditional change, losers first so that their customer locks
 * are free for the winner. Repeating a resolution with the same winner completes one that was interrupted.
 */
import { conflicts } from '../db/conflict-repository.js';
import { program as programSettings } from '../db/setup-repository.js';
import { actorOf, type Caller, SYSTEM_ACTOR } from '../domain/caller.js';
import { assertMayResolve, escalateConflict, resolveConflict, type StoredConflict } from '../domain/conflict-case.js';
import { IllegalTransition, NotFound, StateConflict } from '../domain/errors.js';
import { isOpen } from '../domain/lifecycle.js';
import { applyConflictOutcome } from '../domain/registration-changes.js';
import { canSee } from '../domain/visibility.js';
import type { DomainEventType, EventMessage } from '../outbox/message.js';
import { outboxPuts } from '../outbox/outbox.js';
import type { ConflictResolution } from '../schemas/rules.js';
import { changeRegistration } from './change.js';
import { customerLocks } from './customer-claims.js';

export const canSeeConflict = (caller: Caller, conflict: StoredConflict): boolean =>
  canSee(caller, 'conflict', { dealerIds: [], regionIds: conflict.regionIds });

export async function visibleConflict(caller: Caller, id: string): Promise<StoredConflict> {
  const conflict = await conflicts.get(id);
  if (!conflict || !canSeeConflict(caller, conflict)) throw new NotFound('There is no such conflict.');
  return conflict;
}

async function changeCase(
  caller: Caller,
  id: string,
  change: (current: StoredConflict) => StoredConflict,
  eventType?: DomainEventType,
): Promise<StoredConflict> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await visibleConflict(caller, id);
    const next = change(current);
    if (next === current) return next;
    const now = new Date();
    const messages: EventMessage[] = eventType
      ? [
          {
            kind: 'event',
            id: `${next.id}.v${next.version}`,
            detailType: eventType,
            detail: { conflictId: next.id, state: next.state, level: next.level, regionIds: next.regionIds, at: now.toISOString() },
          },
        ]
      : [];
    if (await conflicts.replace(current, next, outboxPuts(messages, now))) return next;
  }
  throw new StateConflict('The conflict is changing too often right now; retry.');
}

export async function escalate(caller: Caller, id: string, note: string | undefined, now: Date) {
  return changeCase(caller, id, (current) => escalateConflict(current, actorOf(caller).id, note, now), 'ConflictEscalated');
}

/**
 * The review SLA's step for a conflict: once the review limit passes, a case still with the partner manager moves
 * up to the regional director by itself.
 */
export async function escalateOverdueConflict(conflictId: string, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await conflicts.get(conflictId);
    if (current?.state !== 'open' || current.level !== 'partner_manager') return false;
    const next = escalateConflict(current, SYSTEM_ACTOR.id, 'review limit passed', now);
    const messages: EventMessage[] = [
      {
        kind: 'event',
        id: `${next.id}.v${next.version}`,
        detailType: 'ConflictEscalated',
        detail: { conflictId: next.id, state: next.state, level: next.level, regionIds: next.regionIds, at: now.toISOString() },
      },
    ];
    if (await conflicts.replace(current, next, outboxPuts(messages, now))) return true;
  }
  return false;
}

/**
 * Settles a case. Authority is checked on the state read for the write (a concurrent escalation moves who may
 * decide), also for a repeat that completes an interrupted resolution.
 */
export async function resolve(caller: Caller, id: string, resolution: ConflictResolution, now: Date) {
  const actor = actorOf(caller).id;
  const resolved = await changeCase(
    caller,
    id,
    (current) => {
      assertMayResolve(current, caller);
      const previous = current.resolution;
      // The same resolution again completes an interrupted one; a different one is refused.
      if (current.state === 'resolved' && previous?.winner === resolution.winner) return current;
      return resolveConflict(current, resolution, actor, now);
    },
    'ConflictResolved',
  );
  if (resolved.resolution?.winner !== resolution.winner) throw new IllegalTransition('This conflict is already resolved.');

  const program = await programSettings.get();
  const basis = resolution.basis.replace('_', ' ');
  const settle = async (registrationId: string, won: boolean) =>
    changeRegistration({
      id: registrationId,
      actor: actorOf(caller),
      now: () => now,
      compute: (current, at) => {
        if (!isOpen(current.status) || (won && current.status === 'approved' && (current.locks ?? []).length > 0)) return undefined;
        return {
          next: applyConflictOutcome({
            registration: current,
            won,
            reason: won
              ? `Conflict settled in this registration's favour (${basis}).`
              : `Another party has priority for this customer under the rules of engagement (${basis}).`,
            locks: customerLocks(current.customer, current.productLines),
            program,
            now: at,
          }),
          action: won ? 'conflict_won' : 'conflict_lost',
          detail: `${basis}`,
          happening: { kind: 'decided' },
        };
      },
    });

  const losers = resolved.parties.filter((p) => p.registrationId !== resolution.winner);
  for (const party of losers) await settle(party.registrationId, false);
  if (resolution.winner !== 'direct') await settle(resolution.winner, true);

  return changeCase(caller, id, (current) => ({
    ...current,
    parties: current.parties.map((p) => ({ ...p, status: p.registrationId === resolution.winner ? 'approved' : 'rejected' })),
    version: current.version + 1,
  }));
}
