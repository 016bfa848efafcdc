/**
 * Conflict cases (SPEC §3): who is involved and who was first, the owner, the level on the escalation ladder
 * (partner manager → regional director → the customer chooses), the state and the history. Pure.
 */
import type { Conflict, ConflictResolution } from '../schemas/rules.js';
import { IllegalTransition, InvalidInput } from './errors.js';

export type ConflictParty = Conflict['parties'][number];
export type ConflictLevel = Conflict['level'];

/** A conflict as stored: the API view plus the regions it is listed under. */
export interface StoredConflict extends Conflict {
  regionIds: string[];
}

const LADDER: ConflictLevel[] = ['partner_manager', 'regional_director', 'customer_choice'];

/** Parties in the order they registered: the first is who was first. */
export const byFirstRegistered = (parties: ConflictParty[]) =>
  [...parties].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.registrationId.localeCompare(b.registrationId));

export function escalateConflict(conflict: StoredConflict, actor: string, note: string | undefined, now: Date): StoredConflict {
  if (conflict.state !== 'open') throw new IllegalTransition('A resolved conflict cannot be escalated.');
  const next = LADDER[LADDER.indexOf(conflict.level) + 1];
  if (!next) throw new IllegalTransition('The conflict is already with the customer to choose: resolve it.');
  return {
    ...conflict,
    level: next,
    history: [
      ...conflict.history,
      { at: now.toISOString(), action: `escalated_to_${next}`, actor, ...(note ? { detail: note } : {}) },
    ],
    version: conflict.version + 1,
  };
}

export function resolveConflict(
  conflict: StoredConflict,
  resolution: ConflictResolution,
  actor: string,
  now: Date,
): StoredConflict {
  if (conflict.state !== 'open') throw new IllegalTransition('This conflict is already resolved.');
  if (resolution.winner !== 'direct' && !conflict.parties.some((p) => p.registrationId === resolution.winner)) {
    throw new InvalidInput([{ path: '/winner', message: 'is not a registration of this conflict' }]);
  }
  if (resolution.basis === 'customer_choice' && conflict.level !== 'customer_choice') {
    throw new IllegalTransition('Escalate the conflict to the customer before settling it by customer choice.');
  }
  if (resolution.basis === 'first_registered' && resolution.winner !== byFirstRegistered(conflict.parties)[0]?.registrationId) {
    throw new InvalidInput([{ path: '/winner', message: 'is not the first registered party, as basis first_registered says' }]);
  }
  const at = now.toISOString();
  return {
    ...conflict,
    state: 'resolved',
    resolution: { ...resolution, resolvedAt: at, resolvedBy: actor },
    history: [...conflict.history, { at, action: 'resolved', actor, detail: `${resolution.basis}: ${resolution.note}` }],
    version: conflict.version + 1,
  };
}
