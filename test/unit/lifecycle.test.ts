import { describe, expect, it } from 'vitest';
import { IllegalTransition } from '../../shared/domain/errors.js';
import { allowedActions, isOpen, type LifecycleAction, nextStatus } from '../../shared/domain/lifecycle.js';
import { OPEN_STATUSES, type RegistrationStatus } from '../../shared/domain/registration.js';
import { RegistrationStatus as StatusSchema } from '../../shared/schemas/registration.js';

const STATUSES = StatusSchema.options;
const ACTIONS: LifecycleAction[] = [
  'approve',
  'reject',
  'flagConflict',
  'withdraw',
  'win',
  'lose',
  'expire',
  'update',
  'requestExtension',
  'winConflict',
  'loseConflict',
];

/**
 * SPEC §2, written out independently of the implementation. `update` keeps an open registration in its status;
 * `requestExtension` only applies to a protected (approved) one. Withdrawal is allowed from every open status:
 * the diagram draws it from `approved`, but the integration suite withdraws a submitted registration.
 * A conflict resolution (SPEC §3) approves the winner and rejects the others, a protected one included.
 */
const EXPECTED: Record<RegistrationStatus, Partial<Record<LifecycleAction, RegistrationStatus>>> = {
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
    winConflict: 'approved',
    loseConflict: 'rejected',
  },
  rejected: {},
  expired: {},
  won: {},
  lost: {},
  withdrawn: {},
};

const cases = STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: EXPECTED[status][action] })));

describe('nextStatus', () => {
  it('covers all 8 statuses and 11 actions', () => {
    expect(STATUSES).toHaveLength(8);
    expect(cases).toHaveLength(88);
  });

  it.each(cases.filter((c) => c.to !== undefined))('$status --$action--> $to', ({ status, action, to }) => {
    expect(nextStatus(status, action)).toBe(to);
  });

  it.each(cases.filter((c) => c.to === undefined))('$status --$action--> IllegalTransition', ({ status, action }) => {
    let thrown: unknown;
    try {
      nextStatus(status, action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IllegalTransition);
    const error = thrown as IllegalTransition;
    expect(error.kind).toBe('illegal-transition');
    expect(error.message).toMatch(new RegExp(`\\b${status}\\b`));
    expect(error.message).not.toMatch(/undefined/);
  });
});

describe('allowedActions', () => {
  it.each(STATUSES)('lists exactly the legal actions of %s', (status) => {
    expect([...allowedActions(status)].sort()).toEqual(Object.keys(EXPECTED[status]).sort());
  });

  it.each(STATUSES)('agrees with nextStatus for %s', (status) => {
    for (const action of ACTIONS) {
      if (allowedActions(status).includes(action)) expect(() => nextStatus(status, action)).not.toThrow();
      else expect(() => nextStatus(status, action)).toThrow(IllegalTransition);
    }
  });

  it('has no way out of a terminal status', () => {
    for (const status of ['rejected', 'expired', 'won', 'lost', 'withdrawn'] as const) {
      expect(allowedActions(status)).toEqual([]);
    }
  });
});

describe('isOpen', () => {
  it.each([
    ['submitted', true],
    ['in_conflict', true],
    ['approved', true],
    ['rejected', false],
    ['expired', false],
    ['won', false],
    ['lost', false],
    ['withdrawn', false],
  ] as const)('%s -> %s', (status, open) => {
    expect(isOpen(status)).toBe(open);
  });

  it('matches OPEN_STATUSES', () => {
    expect(STATUSES.filter(isOpen)).toEqual([...OPEN_STATUSES]);
  });
});
