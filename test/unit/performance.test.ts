import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../shared/domain/errors.js';
import type { Kpis } from '../../shared/domain/partner-kpis.js';
import { diagnose, evaluatePlan, isDue, median, newPlan } from '../../shared/domain/performance.js';

const kpis = (overrides: Partial<Kpis> = {}): Kpis => ({
  revenue: { amount: 10_000_000, currency: 'EUR' },
  yoyGrowth: 0.05,
  productMix: [],
  averageDealSize: { amount: 2_000_000, currency: 'EUR' },
  registeredDeals: 6,
  registrationToCloseRatio: 0.5,
  pipelineValue: { amount: 5_000_000, currency: 'EUR' },
  averageCycleDays: 40,
  portalLogins: 30,
  trainingCompletion: 0.8,
  marketingParticipation: 0.5,
  supportTickets: 4,
  ...overrides,
});
const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('diagnosis', () => {
  it('raises no flag for a healthy dealer', () => {
    expect(diagnose({ kpis: kpis(), facts: { closedRegistrations: 10 }, quarters: 1, regionMedianPerQuarter: 8 })).toEqual([]);
  });

  it('flags too few registrations against half the region median per quarter', () => {
    const flags = diagnose({
      kpis: kpis({ registeredDeals: 6 }),
      facts: { closedRegistrations: 0 },
      quarters: 4,
      regionMedianPerQuarter: 4,
    });
    expect(flags).toEqual([{ code: 'few_registrations', detail: expect.stringContaining('median'), value: 1.5, threshold: 2 }]);
    expect(
      diagnose({ kpis: kpis({ registeredDeals: 8 }), facts: { closedRegistrations: 0 }, quarters: 4, regionMedianPerQuarter: 4 }),
    ).toEqual([]);
  });

  it('without a region benchmark, flags a dealer with no registration at all', () => {
    expect(codes(diagnose({ kpis: kpis({ registeredDeals: 0 }), facts: { closedRegistrations: 0 }, quarters: 1 }))).toEqual([
      'few_registrations',
    ]);
    expect(
      codes(diagnose({ kpis: kpis({ registeredDeals: 1 }), facts: { closedRegistrations: 0 }, quarters: 1, regionMedianPerQuarter: 0 })),
    ).toEqual([]);
  });

  it('flags low training completion, low registration-to-close (on a sample of 5+) and shrinking revenue', () => {
    const flags = diagnose({
      kpis: kpis({ trainingCompletion: 0.59, registrationToCloseRatio: 0.19, yoyGrowth: -0.1 }),
      facts: { closedRegistrations: 5 },
      quarters: 1,
      regionMedianPerQuarter: 2,
    });
    expect(codes(flags)).toEqual(['low_training_completion', 'low_registration_to_close', 'shrinking_revenue']);
    expect(flags[2]).toMatchObject({ value: -0.1, threshold: -0.1, detail: 'Revenue -10% against the same months a year earlier' });
    const smallSample = diagnose({ kpis: kpis({ registrationToCloseRatio: 0 }), facts: { closedRegistrations: 4 }, quarters: 1 });
    expect(codes(smallSample)).toEqual([]);
    const noData = diagnose({
      kpis: kpis({ trainingCompletion: null, yoyGrowth: null, registrationToCloseRatio: null }),
      facts: { closedRegistrations: 9 },
      quarters: 1,
    });
    expect(codes(noData)).toEqual([]);
  });

  it('median of odd, even and no values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('improvement plans', () => {
  const actor = { role: 'channel_admin', id: 'admin@manufacturer.example' };
  const now = new Date('2026-05-10T10:00:00Z');
  const plan = () =>
    newPlan({
      id: 'plan-1',
      dealerId: 'dealer-1',
      goals: [
        { kpi: 'registeredDeals', target: 5 },
        { kpi: 'revenue', target: 8_000_000 },
        { kpi: 'supportTickets', target: 5, direction: 'at_most' },
      ],
      deadline: '2026-08-31',
      note: 'Back on track by autumn',
      actor,
      now,
    });

  it('opens with its goals, a window from this month to the deadline, and a history entry', () => {
    expect(plan()).toMatchObject({
      status: 'open',
      startMonth: '2026-05',
      deadline: '2026-08-31',
      goals: [
        { kpi: 'registeredDeals', target: 5, direction: 'at_least' },
        { kpi: 'revenue', target: 8_000_000, direction: 'at_least' },
        { kpi: 'supportTickets', target: 5, direction: 'at_most' },
      ],
      history: [{ action: 'opened', actor, at: now.toISOString() }],
    });
  });

  it('needs a deadline after today', () => {
    expect(() => newPlan({ id: 'p', dealerId: 'd', goals: [], deadline: '2026-05-10', actor, now })).toThrow(InvalidInput);
  });

  it('is due the day after its deadline', () => {
    expect(isDue(plan(), new Date('2026-08-31T23:59:00Z'))).toBe(false);
    expect(isDue(plan(), new Date('2026-09-01T00:00:00Z'))).toBe(true);
  });

  it('is met when every goal is, and missed (proposing phase-out) otherwise', () => {
    const at = new Date('2026-09-01T04:00:00Z');
    const met = evaluatePlan(plan(), kpis({ registeredDeals: 5, supportTickets: 5 }), at, actor);
    expect(met).toMatchObject({ status: 'met', evaluatedAt: at.toISOString() });
    expect(met.proposal).toBeUndefined();
    expect(met.results?.map((r) => r.met)).toEqual([true, true, true]);
    expect(met.history.map((h) => h.action)).toEqual(['opened', 'met']);

    const missed = evaluatePlan(plan(), kpis({ registeredDeals: 4, supportTickets: 6 }), at, actor);
    expect(missed).toMatchObject({ status: 'missed', proposal: 'phase_out' });
    expect(missed.results?.map((r) => [r.kpi, r.actual, r.met])).toEqual([
      ['registeredDeals', 4, false],
      ['revenue', 10_000_000, true],
      ['supportTickets', 6, false],
    ]);
    expect(missed.history.at(-1)?.detail).toContain('Phase-out proposed');
  });

  it('counts a goal on a KPI without data as missed', () => {
    const p = newPlan({ id: 'p', dealerId: 'd', goals: [{ kpi: 'trainingCompletion', target: 0.5 }], deadline: '2026-06-30', actor, now });
    expect(evaluatePlan(p, kpis({ trainingCompletion: null }), new Date('2026-07-01T00:00:00Z'), actor).status).toBe('missed');
  });
});
