import { describe, expect, it } from 'vitest';
import { IllegalTransition, InvalidInput, StateConflict } from '../../shared/domain/errors.js';
import type { RegistrationStatus } from '../../shared/domain/registration.js';
import { applyDecision, applyOutcome, applyUpdate, applyWithdrawal, newRegistration } from '../../shared/domain/registration-changes.js';
import { catalog, input, program, SUBMITTED_AT, stored } from './fixtures.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-10T14:30:15.250Z');
const ALL: RegistrationStatus[] = ['submitted', 'in_conflict', 'approved', 'rejected', 'expired', 'won', 'lost', 'withdrawn'];
const CLOSED: RegistrationStatus[] = ['rejected', 'expired', 'won', 'lost', 'withdrawn'];

/** The error `fn` throws, so its fields can be asserted. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function invalidPaths(fn: () => unknown): string[] {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(InvalidInput);
  return ((error as InvalidInput).errors ?? []).map((e) => e.path);
}

const create = (overrides: Parameters<typeof input>[0] = {}, now = NOW) =>
  newRegistration({ id: 'reg_new', dealerId: 'dealer-7', regionId: 'benelux', input: input(overrides), catalog, program: program(), now });

describe('newRegistration', () => {
  it('creates a submitted registration at version 1 with the given identity', () => {
    const r = create();
    expect(r).toMatchObject({
      id: 'reg_new',
      dealerId: 'dealer-7',
      regionId: 'benelux',
      status: 'submitted',
      version: 1,
      submittedAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      customer: input().customer,
      contact: input().contact,
      products: input().products,
      expectedValue: input().expectedValue,
      expectedCloseDate: input().expectedCloseDate,
      stage: 'mid',
    });
    expect(r).not.toHaveProperty('protectedUntil');
    expect(r).not.toHaveProperty('decidedAt');
  });

  it('derives product lines, sorted and without duplicates', () => {
    const r = create({
      products: [
        { sku: 'VALVE-9', quantity: 1 },
        { sku: 'PUMP-2', quantity: 1 },
        { sku: 'ACC-3', quantity: 4 },
        { sku: 'PUMP-1', quantity: 2 },
      ],
    });
    expect(r.productLines).toEqual(['accessories', 'pumps', 'valves']);
  });

  it('accepts the reporting currency and currencies with an FX rate', () => {
    expect(create({ expectedValue: { amount: 1, currency: 'EUR' } }).expectedValue.currency).toBe('EUR');
    expect(create({ expectedValue: { amount: 1, currency: 'USD' } }).expectedValue.currency).toBe('USD');
  });

  it('accepts a close date of today (UTC)', () => {
    expect(create({ expectedCloseDate: '2026-03-10' }).expectedCloseDate).toBe('2026-03-10');
  });

  it('rejects an unknown SKU, naming /products/<index>/sku', () => {
    const paths = invalidPaths(() =>
      create({
        products: [
          { sku: 'PUMP-1', quantity: 1 },
          { sku: 'NOPE-1', quantity: 1 },
          { sku: 'GONE', quantity: 1 },
        ],
      }),
    );
    expect(paths).toEqual(['/products/1/sku', '/products/2/sku']);
  });

  it('names the unknown SKU in the message', () => {
    const error = thrownBy(() => create({ products: [{ sku: 'NOPE-1', quantity: 1 }] })) as InvalidInput;
    expect(error.errors?.[0]?.message).toContain('NOPE-1');
  });

  it('rejects a currency without an FX rate, naming /expectedValue/currency', () => {
    expect(invalidPaths(() => create({ expectedValue: { amount: 5, currency: 'JPY' } }))).toEqual(['/expectedValue/currency']);
  });

  it('rejects a close date in the past, naming /expectedCloseDate', () => {
    expect(invalidPaths(() => create({ expectedCloseDate: '2026-03-09' }))).toEqual(['/expectedCloseDate']);
  });

  it('uses the UTC date: just after midnight UTC, yesterday is in the past', () => {
    const now = new Date('2026-03-10T00:00:01.000Z');
    expect(invalidPaths(() => create({ expectedCloseDate: '2026-03-09' }, now))).toEqual(['/expectedCloseDate']);
    expect(create({ expectedCloseDate: '2026-03-10' }, now).status).toBe('submitted');
  });

  it('reports all errors together', () => {
    const paths = invalidPaths(() =>
      create({
        products: [
          { sku: 'NOPE-1', quantity: 1 },
          { sku: 'PUMP-1', quantity: 1 },
        ],
        expectedValue: { amount: 5, currency: 'CHF' },
        expectedCloseDate: '2025-12-31',
      }),
    );
    expect(paths).toEqual(['/products/0/sku', '/expectedValue/currency', '/expectedCloseDate']);
  });

  it('does not mutate its input', () => {
    const given = input();
    const snapshot = structuredClone(given);
    newRegistration({ id: 'reg_new', dealerId: 'd', regionId: 'r', input: given, catalog, program: program(), now: NOW });
    expect(given).toEqual(snapshot);
  });
});

describe('applyUpdate', () => {
  const update = (status: RegistrationStatus, changes: Parameters<typeof applyUpdate>[0]['update']) =>
    applyUpdate({ registration: stored({ status, version: 4 }), update: changes, catalog, program: program(), now: NOW });

  it.each(['submitted', 'in_conflict', 'approved'] as const)('updates an open (%s) registration: version + 1, same status', (status) => {
    const next = update(status, { stage: 'late', nextSteps: 'Site visit' });
    expect(next).toMatchObject({ status, stage: 'late', nextSteps: 'Site visit', version: 5, updatedAt: NOW.toISOString() });
  });

  it('keeps the identity and submission data unchanged', () => {
    const before = stored({ status: 'approved', version: 2, protectedUntil: '2026-06-01T00:00:00.000Z' });
    const next = applyUpdate({
      registration: before,
      update: {
        contact: { name: 'Ben Becker', email: 'ben@mueller.example' },
        expectedValue: { amount: 1, currency: 'USD' },
        expectedCloseDate: '2026-12-01',
      },
      catalog,
      program: program(),
      now: NOW,
    });
    for (const field of ['id', 'dealerId', 'regionId', 'customer', 'submittedAt', 'protectedUntil'] as const) {
      expect(next[field]).toEqual(before[field]);
    }
    expect(next.contact).toEqual({ name: 'Ben Becker', email: 'ben@mueller.example' });
    expect(next.expectedValue).toEqual({ amount: 1, currency: 'USD' });
    expect(next.productLines).toEqual(before.productLines);
  });

  it.each(['approved', 'in_conflict'] as const)(
    'keeps a %s registration within the product lines it claims (409 naming each product outside)',
    (status) => {
      const error = thrownBy(() =>
        update(status, {
          products: [
            { sku: 'PUMP-2', quantity: 1 },
            { sku: 'ACC-3', quantity: 1 },
            { sku: 'VALVE-9', quantity: 3 },
          ],
        }),
      ) as StateConflict;
      expect(error).toBeInstanceOf(StateConflict);
      expect(error.message).toContain('accessories');
      expect(error.errors).toEqual([{ path: '/products/1/sku', message: expect.stringContaining('product line accessories') }]);
      expect(update(status, { products: [{ sku: 'PUMP-2', quantity: 9 }] }).productLines).toEqual(['pumps']);
    },
  );

  describe('of an auto-approved deal', () => {
    const limited = program({ autoApproval: { enabled: true, maxValue: { amount: 1_000_000, currency: 'EUR' } } });
    const auto = stored({ status: 'approved', approvedAutomatically: true, expectedValue: { amount: 900_000, currency: 'EUR' } });
    const raise = (registration: typeof auto, amount: number, currency = 'EUR') =>
      applyUpdate({ registration, update: { expectedValue: { amount, currency } }, catalog, program: limited, now: NOW });

    it('asks for a look once its value rises above the auto-approval limit, keeping the protection', () => {
      expect(raise(auto, 1_000_000)).not.toHaveProperty('reviewRequestedAt');
      const raised = raise(auto, 1_000_001);
      expect(raised).toMatchObject({ status: 'approved', reviewRequestedAt: NOW.toISOString() });
      expect(raise(raised, 5_000_000, 'EUR').reviewRequestedAt).toBe(NOW.toISOString());
      // Converted to the reporting currency: 1,100,000 USD cents at 0.92 = 1,012,000 EUR cents.
      expect(raise(auto, 1_100_000, 'USD')).toHaveProperty('reviewRequestedAt');
    });

    it('asks nothing of a deal a manager approved, or when auto-approval has no limit', () => {
      expect(raise({ ...auto, approvedAutomatically: undefined }, 50_000_000)).not.toHaveProperty('reviewRequestedAt');
      const unlimited = applyUpdate({
        registration: auto,
        update: { expectedValue: { amount: 50_000_000, currency: 'EUR' } },
        catalog,
        program: program({ autoApproval: { enabled: true } }),
        now: NOW,
      });
      expect(unlimited).not.toHaveProperty('reviewRequestedAt');
    });
  });

  it('re-derives product lines when products change', () => {
    const next = update('submitted', {
      products: [
        { sku: 'ACC-3', quantity: 1 },
        { sku: 'ACC-3', quantity: 1 },
      ],
    });
    expect(next.productLines).toEqual(['accessories']);
  });

  it('validates changed products, currency and close date together', () => {
    const paths = invalidPaths(() =>
      update('approved', {
        products: [{ sku: 'NOPE', quantity: 1 }],
        expectedValue: { amount: 1, currency: 'GBP' },
        expectedCloseDate: '2026-03-01',
      }),
    );
    expect(paths).toEqual(['/products/0/sku', '/expectedValue/currency', '/expectedCloseDate']);
  });

  it.each(CLOSED)('is illegal on a %s registration', (status) => {
    expect(() => update(status, { stage: 'late' })).toThrow(IllegalTransition);
  });

  it('does not mutate the registration', () => {
    const before = stored();
    const snapshot = structuredClone(before);
    applyUpdate({ registration: before, update: { stage: 'early' }, catalog, program: program(), now: NOW });
    expect(before).toEqual(snapshot);
  });
});

describe('applyDecision', () => {
  const decide = (
    registration = stored(),
    decision: Parameters<typeof applyDecision>[0]['decision'] = { decision: 'approve' },
    p = program(),
  ) => applyDecision({ registration, decision, program: p, now: NOW });

  it('approves: protectedUntil is exactly now + protectionDays days, decidedAt is now', () => {
    const next = decide();
    expect(next.status).toBe('approved');
    expect(next.decidedAt).toBe(NOW.toISOString());
    expect(Date.parse(next.protectedUntil as string) - NOW.getTime()).toBe(90 * DAY_MS);
    expect(next.protectedUntil).toBe('2026-06-08T14:30:15.250Z');
    expect(next.version).toBe(2);
    expect(next.updatedAt).toBe(NOW.toISOString());
  });

  it("uses the program's protection period", () => {
    const next = decide(stored(), { decision: 'approve' }, program({ protectionDays: 183 }));
    expect(Date.parse(next.protectedUntil as string) - NOW.getTime()).toBe(183 * DAY_MS);
  });

  it('schedules the expiry warnings of the program', () => {
    const next = decide();
    const until = Date.parse(next.protectedUntil as string);
    expect(next.expiryWarnings).toEqual([
      { days: 14, dueAt: new Date(until - 14 * DAY_MS).toISOString() },
      { days: 3, dueAt: new Date(until - 3 * DAY_MS).toISOString() },
    ]);
  });

  it('never decides a registration in conflict: only its conflict case does', () => {
    expect(() => decide(stored({ status: 'in_conflict' }))).toThrow(IllegalTransition);
    expect(() => decide(stored({ status: 'in_conflict' }), { decision: 'reject', reason: 'x' })).toThrow(IllegalTransition);
  });

  it('keeps the reason when one is given, and adds none otherwise', () => {
    expect(decide(stored(), { decision: 'approve', reason: 'Clean' }).decisionReason).toBe('Clean');
    expect(decide()).not.toHaveProperty('decisionReason');
  });

  it.each(['submitted'] as const)('rejects a %s registration without any protection', (status) => {
    const next = decide(stored({ status }), { decision: 'reject', reason: 'Not a real project' });
    expect(next).toMatchObject({ status: 'rejected', decidedAt: NOW.toISOString(), decisionReason: 'Not a real project', version: 2 });
    expect(next.protectedUntil).toBeUndefined();
    expect(next.expiryWarnings).toBeUndefined();
  });

  it('is illegal to decide twice', () => {
    const approved = decide();
    expect(() => decide(approved, { decision: 'approve' })).toThrow(IllegalTransition);
    expect(() => decide(approved, { decision: 'reject', reason: 'Changed my mind' })).toThrow(IllegalTransition);
    const rejected = decide(stored(), { decision: 'reject', reason: 'No' });
    expect(() => decide(rejected, { decision: 'approve' })).toThrow(IllegalTransition);
  });

  it.each(ALL.filter((s) => s !== 'submitted'))('is illegal on a %s registration', (status) => {
    expect(() => decide(stored({ status }))).toThrow(IllegalTransition);
    expect(() => decide(stored({ status }), { decision: 'reject', reason: 'x' })).toThrow(IllegalTransition);
  });
});

describe('applyOutcome', () => {
  const approved = (overrides = {}) =>
    stored({
      status: 'approved',
      version: 3,
      decidedAt: '2026-03-03T08:00:00.000Z',
      protectedUntil: '2026-06-01T08:00:00.000Z',
      ...overrides,
    });
  const report = (outcome: Parameters<typeof applyOutcome>[0]['outcome'], registration = approved(), now = NOW) =>
    applyOutcome({ registration, outcome, program: program({ fxRates: { USD: 0.9 } }), now });

  it('records a win and defaults actualValue to the expected value', () => {
    const next = report({ result: 'won', closedOn: '2026-03-09' });
    expect(next).toMatchObject({ status: 'won', version: 4, updatedAt: NOW.toISOString() });
    expect(next.outcome).toEqual({ result: 'won', closedOn: '2026-03-09', actualValue: { amount: 40_000_000, currency: 'EUR' } });
  });

  it('refuses an actual value in a currency the program cannot convert', () => {
    expect(() => report({ result: 'won', closedOn: '2026-03-10', actualValue: { amount: 1, currency: 'JPY' } })).toThrow(
      expect.objectContaining({ errors: [{ path: '/actualValue/currency', message: expect.any(String) }] }),
    );
    expect(report({ result: 'won', closedOn: '2026-03-10', actualValue: { amount: 1, currency: 'USD' } }).status).toBe('won');
  });

  it('keeps an explicit actualValue', () => {
    const next = report({ result: 'won', closedOn: '2026-03-10', actualValue: { amount: 38_500_000, currency: 'EUR' } });
    expect(next.outcome?.actualValue).toEqual({ amount: 38_500_000, currency: 'EUR' });
  });

  it('records a loss without inventing an actual value', () => {
    const next = report({ result: 'lost', closedOn: '2026-03-05', lostReason: 'Price', competitor: 'Rival AG' });
    expect(next.status).toBe('lost');
    expect(next.outcome).toEqual({ result: 'lost', closedOn: '2026-03-05', lostReason: 'Price', competitor: 'Rival AG' });
  });

  it('accepts closedOn on the day of submission and on today', () => {
    expect(report({ result: 'won', closedOn: SUBMITTED_AT.slice(0, 10) }).status).toBe('won');
    expect(report({ result: 'won', closedOn: '2026-03-10' }).status).toBe('won');
  });

  it('rejects closedOn in the future, naming /closedOn', () => {
    expect(invalidPaths(() => report({ result: 'won', closedOn: '2026-03-11' }))).toEqual(['/closedOn']);
    expect(invalidPaths(() => report({ result: 'lost', closedOn: '2027-01-01', lostReason: 'x' }))).toEqual(['/closedOn']);
  });

  it('rejects closedOn before the submission, naming /closedOn', () => {
    expect(invalidPaths(() => report({ result: 'won', closedOn: '2026-03-01' }))).toEqual(['/closedOn']);
  });

  it.each(ALL.filter((s) => s !== 'approved'))('is illegal from %s', (status) => {
    expect(() => report({ result: 'won', closedOn: '2026-03-09' }, approved({ status }))).toThrow(IllegalTransition);
    expect(() => report({ result: 'lost', closedOn: '2026-03-09', lostReason: 'x' }, approved({ status }))).toThrow(IllegalTransition);
  });

  it('reports the illegal state before checking the date', () => {
    expect(() => report({ result: 'won', closedOn: '2030-01-01' }, approved({ status: 'submitted' }))).toThrow(IllegalTransition);
  });
});

describe('applyWithdrawal', () => {
  it.each(['submitted', 'in_conflict', 'approved'] as const)('withdraws a %s registration', (status) => {
    const next = applyWithdrawal({ registration: stored({ status, version: 6 }), now: NOW });
    expect(next).toMatchObject({ status: 'withdrawn', version: 7, updatedAt: NOW.toISOString() });
  });

  it.each(CLOSED)('is illegal from %s', (status) => {
    expect(() => applyWithdrawal({ registration: stored({ status }), now: NOW })).toThrow(IllegalTransition);
  });
});
