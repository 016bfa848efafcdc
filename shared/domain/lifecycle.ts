/**
 * The registration lifecycle of SPEC §2 as a pure state machine.
 *
 *   submitted ─approve→ approved ─win→ won / ─lose→ lost / ─expire→ expired / ─withdraw→ withdrawn
 *   submitted ─reject→ rejected;  submitted ─flagConflict→ in_conflict ─winConflict/loseConflict→ approved / rejected
 * A registration in conflict is decided only through its conflict case (SPEC §3), never approved or rejected alone.
 * A dealer may also withdraw while the registration still awaits review (submitted or in conflict): an open
 * registration the dealer no longer pursues should free the customer rather than wait for a rejection.
 */
import { IllegalTransition } from './errors.js';
import type { RegistrationStatus } from './registration.js';

export type LifecycleAction =
  | 'approve'
  | 'reject'
  | 'flagConflict'
  | 'withdraw'
  | 'win'
  | 'lose'
  | 'expire'
  | 'update'
  | 'requestExtension'
  | 'winConflict'
  | 'loseConflict';

const TRANSITIONS: Record<RegistrationStatus, Partial<Record<LifecycleAction, RegistrationStatus>>> = {
  submitted: {
    approve: 'approved',
    reject: 'rejected',
    flagConflict: 'in_conflict',
    withdraw: 'withdrawn',
    update: 'submitted',
    winConflict: 'approved',
    loseConflict: 'rejected',
  },
  in_conflict: {
    withdraw: 'withdrawn',
    update: 'in_conflict',
    winConflict: 'approved',
    loseConflict: 'rejected',
  },
  approved: {
    win: 'won',
    lose: 'lost',
    expire: 'expired',
    withdraw: 'withdrawn',
    update: 'approved',
    requestExtension: 'approved',
    // A conflict settled against a protected registration (relationship, customer's choice) ends its protection.
    winConflict: 'approved',
    loseConflict: 'rejected',
  },
  rejected: {},
  expired: {},
  won: {},
  lost: {},
  withdrawn: {},
};

const ACTION_NAMES: Record<LifecycleAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  flagConflict: 'flagged as in conflict',
  withdraw: 'withdrawn',
  win: 'reported won',
  lose: 'reported lost',
  expire: 'expired',
  update: 'updated',
  requestExtension: 'extended',
  winConflict: 'awarded a conflict',
  loseConflict: 'settled against in a conflict',
};

export function allowedActions(status: RegistrationStatus): LifecycleAction[] {
  return Object.keys(TRANSITIONS[status]) as LifecycleAction[];
}

/** The status after `action`, or IllegalTransition when the lifecycle does not allow it from `status`. */
export function nextStatus(status: RegistrationStatus, action: LifecycleAction): RegistrationStatus {
  const next = TRANSITIONS[status][action];
  if (!next) {
    throw new IllegalTransition(`A registration that is ${status} cannot be ${ACTION_NAMES[action]}.`);
  }
  return next;
}

export function isOpen(status: RegistrationStatus): boolean {
  return TRANSITIONS[status].update !== undefined;
}
