/**
 * Conflict cases (SPEC §3): who is involved and who was first, the owner, the level on the escalation ladder
 * (partner manager → regional director → the customer chooses), the state and the history. Pure.
 */
import type { Conflict, ConflictResolution } from '../schemas/rules.js';
import { Forbidden, IllegalTransition, InvalidInput, StateConflict } from './errors.js';

export type ConflictParty = Conflict['parties'][number];
export type ConflictLevel = Conflict['level'];

/** A conflict as stored: the API view plus the regions it is listed under. */
export interface StoredConflict extends Conflict {
  regionIds: string[];
}

/**
 * At most this many registrations join one case: it is one item, and a case this contested needs a decision
 * before more dealers pile on. Parties and history (one entry per party, two escalations, one resolution) stay
 * far below DynamoDB's 400 KB item limit.
 */
export const MAX_CONFLICT_PARTIES = 100;

/** Who acts on a case: a role and, for managers, the regions they manage. */
export interface CaseActor {
  role: string;
  regions: readonly string[];
}

/** The region whose managers own the case: the first registration's, fixed when the case opened. */
export const ownerRegionOf = (conflict: Conflict) => conflict.ownerRegionId ?? conflict.parties[0]?.regionId ?? '';

/**
 * SPEC §3 Authority: at level partner_manager only the owner (the partner manager of the first registration's
 * region) resolves; at regional_director only that region's director; at customer_choice that director or a
 * channel admin records the customer's choice. Everyone else who sees the case may escalate it, never resolve it.
 */
export function mayResolve(conflict: Conflict, actor: CaseActor): boolean {
  const ofOwnerRegion = actor.regions.includes(ownerRegionOf(conflict));
  switch (conflict.level) {
    case 'partner_manager':
      return actor.role === 'partner_manager' && ofOwnerRegion;
    case 'regional_director':
      return actor.role === 'regional_director' && ofOwnerRegion;
    case 'customer_choice':
      return (actor.role === 'regional_director' && ofOwnerRegion) || actor.role === 'channel_admin';
  }
}

export function assertMayResolve(conflict: Conflict, actor: CaseActor): void {
  if (mayResolve(conflict, actor)) return;
  const region = ownerRegionOf(conflict);
  const who: Record<ConflictLevel, string> = {
    partner_manager: `only its owner, the partner manager of region ${region} (${conflict.owner}), resolves it`,
    regional_director: `only the regional director of region ${region} resolves it`,
    customer_choice: `only the regional director of region ${region} or a channel admin records the customer's choice`,
  };
  throw new Forbidden(`This conflict is at level ${conflict.level}: ${who[conflict.level]}. You may escalate it.`);
}

export const conflictCaseFull = () =>
  new StateConflict(
    `This customer already has ${MAX_CONFLICT_PARTIES} registrations awaiting one conflict decision; register again once it is settled.`,
  );

/** A newcomer may join an open case only while it has room (see MAX_CONFLICT_PARTIES). */
export function assertRoomForParty(conflict: Pick<Conflict, 'parties'>): void {
  if (conflict.parties.length >= MAX_CONFLICT_PARTIES) throw conflictCaseFull();
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
    history: [...conflict.history, { at: now.toISOString(), action: `escalated_to_${next}`, actor, ...(note ? { detail: note } : {}) }],
    version: conflict.version + 1,
  };
}

export function resolveConflict(conflict: StoredConflict, resolution: ConflictResolution, actor: string, now: Date): StoredConflict {
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
