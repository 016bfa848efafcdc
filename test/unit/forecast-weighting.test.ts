import { describe, expect, it } from 'vitest';
import { aggregateUpdates, cohortStatsFromItems, dealerStatsFromItems, updateExpression } from '../../shared/forecast/aggregate-items.js';
import { forecastContext, overdueMonths } from '../../shared/forecast/context.js';
import {
  AGE_PRIOR_DEALS,
  ageChances,
  chainWinChances,
  DEALER_PRIOR_DEALS,
  dealerModel,
  LINE_PRIOR_DEALS,
  lineChances,
  oddsAdjusted,
  type Rates,
  shrunkRates,
} from '../../shared/forecast/dealer-model.js';
import {
  AGE_MONTHS,
  ageStatDelta,
  type DealerStats,
  isNear,
  outcomeStatDelta,
  stageFlowDelta,
} from '../../shared/forecast/dealer-stats.js';
import { buildForecast, closeProbability, dealWeight } from '../../shared/forecast/report.js';
import { snapshotsOf, TRACK_PRIOR_MONTHS, TRACK_RECORD_MONTHS, trackFactor, trackRecordOf } from '../../shared/forecast/track-record.js';
import { program, stored } from './fixtures.js';

const none: Rates = { won: 0, ended: 0, far: 0, none: 0, early: 0, mid: 0, late: 0 };
const flows = (entries: [string, Record<string, { exits: number; won: number; moves?: Record<string, number>; far?: number }>][]) =>
  new Map(
    entries.map(([dealer, byStage]) => [dealer, new Map(Object.entries(byStage).map(([s, c]) => [s, { moves: {}, far: 0, ...c }]))]),
  ) as DealerStats['flows'];

describe('stage flows', () => {
  const open = stored({ status: 'approved', stage: 'early', expectedCloseDate: '2026-12-15', updatedAt: '2026-04-01T10:00:00.000Z' });

  it('counts a stage change as a move out of the old stage, a close as an exit with or without a win', () => {
    const moved = { ...open, stage: 'mid' as const, updatedAt: '2026-05-01T10:00:00.000Z' };
    expect(stageFlowDelta(open, moved)).toMatchObject({ stage: 'early', exits: 1, won: 0, moves: { mid: 1 }, near: false });
    const won = {
      ...open,
      status: 'won' as const,
      updatedAt: '2026-11-20T10:00:00.000Z',
      outcome: { result: 'won' as const, closedOn: '2026-11-20' },
    };
    expect(stageFlowDelta(open, won)).toMatchObject({ stage: 'early', exits: 1, won: 1, moves: {}, near: true });
    expect(stageFlowDelta(open, { ...open, status: 'expired' })).toMatchObject({ exits: 1, won: 0 });
    expect(stageFlowDelta(undefined, open)).toBeUndefined();
    expect(stageFlowDelta(open, { ...open, nextSteps: 'call' })).toBeUndefined();
    expect(stageFlowDelta({ ...open, status: 'lost' }, { ...open, status: 'lost' })).toBeUndefined();
  });

  it('counts a near deal whose date moves beyond the near months as pushed far, not as a stage exit', () => {
    const near = { ...open, expectedCloseDate: '2026-05-20' };
    const pushed = { ...near, expectedCloseDate: '2026-12-01', updatedAt: '2026-05-02T00:00:00.000Z' };
    expect(stageFlowDelta(near, pushed)).toMatchObject({ near: true, far: 1, moves: {} });
    const names = aggregateUpdates(near, pushed).map((u) => u.name);
    expect(names).toContain('near-flow');
    expect(names).not.toContain('flow-flow');
  });

  it('knows near: at most three months ahead, or passed', () => {
    expect(isNear('2026-07', '2026-04')).toBe(true);
    expect(isNear('2026-08', '2026-04')).toBe(false);
    expect(isNear('2025-12', '2026-04')).toBe(true);
  });
});

describe('outcome statistics', () => {
  const open = stored({ status: 'approved', expectedCloseDate: '2026-05-10', expectedValue: { amount: 100_000, currency: 'EUR' } });

  it('records value realism and whether the win came after the stated month', () => {
    const won = {
      ...open,
      status: 'won' as const,
      updatedAt: '2026-07-02T00:00:00.000Z',
      outcome: { result: 'won' as const, closedOn: '2026-07-01', actualValue: { amount: 80_000, currency: 'EUR' } },
    };
    expect(outcomeStatDelta(open, won)).toEqual({
      dealerId: 'dealer-1',
      ended: 1,
      endedOverdue: 1,
      wonOverdue: 1,
      wonDeals: 1,
      valueRatioSum: 0.8,
      valueRatioDeals: 1,
      line: 'pumps',
    });
  });

  it('leaves out a value in another currency, and rejections entirely', () => {
    const won = {
      ...open,
      status: 'won' as const,
      updatedAt: '2026-05-02T00:00:00.000Z',
      outcome: { result: 'won' as const, closedOn: '2026-05-01', actualValue: { amount: 80_000, currency: 'USD' } },
    };
    expect(outcomeStatDelta(open, won)).toMatchObject({ endedOverdue: 0, valueRatioDeals: 0, valueRatioSum: 0 });
    expect(outcomeStatDelta({ ...open, status: 'submitted' }, { ...open, status: 'rejected' })).toBeUndefined();
  });
});

describe('aggregate updates', () => {
  it('are ADD and SET expressions with every attribute name escaped', () => {
    const [cell] = aggregateUpdates(undefined, stored({ status: 'submitted', forecastLine: 'valves' }));
    const expression = updateExpression(cell as NonNullable<typeof cell>);
    expect(expression.UpdateExpression).toMatch(/^ADD #a0 :a0, #a1 :a1, #a2 :a2, #a3 :a3 SET #s0 = :s0/);
    expect(expression.ExpressionAttributeNames['#s0']).toBe('month');
  });

  it('count a cohort when a registration opens and when it ends, and read back as flows and counts', () => {
    const open = stored({ status: 'submitted', stage: 'late', expectedCloseDate: '2026-04-20' });
    const ended = { ...open, status: 'rejected' as const, updatedAt: '2026-03-03T00:00:00.000Z' };
    const items = new Map<string, Record<string, unknown>>();
    for (const u of [...aggregateUpdates(undefined, open), ...aggregateUpdates(open, ended)]) {
      const id = `${u.key.PK}|${u.key.SK}`;
      const item = items.get(id) ?? { ...u.key };
      for (const [k, v] of Object.entries(u.add)) item[k] = Number(item[k] ?? 0) + v;
      items.set(id, Object.assign(item, u.set));
    }
    const all = [...items.values()];
    const cohorts = cohortStatsFromItems(all.filter((i) => i.PK === 'FORECASTSTATS#COHORTS'));
    expect(cohorts.get('2026-03')).toMatchObject({ created: 1, ended: 1 });
    expect(cohorts.get('2026-03')?.nearFlows.get('late')).toEqual({ exits: 1, won: 0, moves: {}, far: 0 });
    // A rejection is no end of a live deal: no age count, no product-line count.
    expect(cohorts.get('2026-03')?.ages).toBeUndefined();
    expect(cohorts.get('2026-03')?.lines).toBeUndefined();
    const dealer = dealerStatsFromItems(all.filter((i) => i.PK === 'FORECASTSTATS'));
    expect(dealer.flows.get('dealer-1')?.get('late')).toEqual({ exits: 1, won: 0, moves: {}, far: 0 });
  });

  it('count each end and win by the product line the deal counted in, per dealer and per cohort', () => {
    const items = new Map<string, Record<string, unknown>>();
    const apply = (previous: ReturnType<typeof stored> | undefined, next: ReturnType<typeof stored>) => {
      for (const u of aggregateUpdates(previous, next)) {
        const id = `${u.key.PK}|${u.key.SK}`;
        const item = items.get(id) ?? { ...u.key };
        for (const [k, v] of Object.entries(u.add)) item[k] = Number(item[k] ?? 0) + v;
        items.set(id, Object.assign(item, u.set));
      }
    };
    const deal = (id: string, forecastLine: string) =>
      stored({ id, status: 'approved', stage: 'late', forecastLine, expectedCloseDate: '2026-06-20' });
    const end = (r: ReturnType<typeof stored>, status: 'won' | 'lost') => ({
      ...r,
      status,
      updatedAt: '2026-06-02T00:00:00.000Z',
      outcome: { result: status, closedOn: '2026-06-01' },
    });
    const [valve, pump, otherPump] = [deal('r1', 'valves'), deal('r2', 'pumps'), deal('r3', 'pumps')];
    for (const r of [valve, pump, otherPump]) apply(undefined, r);
    apply(valve, end(valve, 'won'));
    apply(pump, end(pump, 'lost'));
    apply(otherPump, end(otherPump, 'won'));
    const all = [...items.values()];
    const expected = new Map([
      ['valves', { ended: 1, won: 1 }],
      ['pumps', { ended: 2, won: 1 }],
    ]);
    expect(dealerStatsFromItems(all.filter((i) => i.PK === 'FORECASTSTATS')).outcomes.get('dealer-1')?.lines).toEqual(expected);
    const cohort = cohortStatsFromItems(all.filter((i) => i.PK === 'FORECASTSTATS#COHORTS')).get('2026-03');
    expect(cohort).toMatchObject({ created: 3, createdWithLines: 3, ended: 3 });
    expect(cohort?.lines).toEqual(expected);
  });
});

describe('age at the end', () => {
  const open = stored({ status: 'approved', stage: 'late', expectedCloseDate: '2026-06-20' });

  it('counts an end by the registration month, the stage it ended at and its age in whole months', () => {
    const won = { ...open, status: 'won' as const, updatedAt: '2026-07-02T10:00:00.000Z' };
    expect(ageStatDelta(open, won)).toEqual({ cohort: '2026-03', stage: 'late', age: 4, won: 1 });
    const expired = { ...open, status: 'expired' as const, updatedAt: '2028-01-02T10:00:00.000Z' };
    expect(ageStatDelta(open, expired)).toEqual({ cohort: '2026-03', stage: 'late', age: AGE_MONTHS, won: 0 });
    expect(ageStatDelta(open, { ...open, stage: 'mid' })).toBeUndefined();
    expect(ageStatDelta(undefined, open)).toBeUndefined();
  });

  it('is kept by ADD in the cohort partition and read back per stage and age', () => {
    const won = { ...open, status: 'won' as const, updatedAt: '2026-05-02T10:00:00.000Z' };
    const update = aggregateUpdates(open, won).find((u) => u.name === 'cohort-age');
    expect(update).toMatchObject({ key: { PK: 'FORECASTSTATS#COHORTS', SK: '2026-03#age#late' }, add: { ended_2: 1, won_2: 1 } });
    const cohorts = cohortStatsFromItems([{ ...update?.key, ...update?.add, ...update?.set }]);
    const ages = cohorts.get('2026-03')?.ages?.get('late');
    expect(ages?.ended).toHaveLength(AGE_MONTHS + 1);
    expect(ages?.ended[2]).toBe(1);
    expect(ages?.won[2]).toBe(1);
    expect(ages?.ended[0]).toBe(0);
  });

  it('gives the win rate of deals still open at each age, blended with all ages’ rate', () => {
    const ended = Array(AGE_MONTHS + 1).fill(0);
    const won = Array(AGE_MONTHS + 1).fill(0);
    // 100 ended in their first months, 80 of them won; 100 ended old, 10 of them won.
    ended[1] = 100;
    won[1] = 80;
    ended[6] = 100;
    won[6] = 10;
    const byAge = ageChances({ ended, won });
    const overall = (90 + 1) / (200 + 2);
    expect(byAge[0]).toBeCloseTo((90 + AGE_PRIOR_DEALS * overall) / (200 + AGE_PRIOR_DEALS));
    expect(byAge[1]).toBeCloseTo(byAge[0] as number);
    expect(byAge[2]).toBeCloseTo((10 + AGE_PRIOR_DEALS * overall) / (100 + AGE_PRIOR_DEALS));
    // Beyond the last ends only the blend is left.
    expect(byAge[7]).toBeCloseTo(overall);
    expect(ageChances(undefined)).toEqual(Array(AGE_MONTHS + 1).fill(0.5));
  });
});

describe('dealer model', () => {
  it('shrinks observed move rates towards the prior by the prior weight', () => {
    const rates = shrunkRates({ exits: 10, won: 8, moves: { mid: 2 }, far: 0 }, { ...none, won: 0.5, ended: 0.5 }, 10);
    expect(rates.won).toBeCloseTo((8 + 5) / 20);
    expect(rates.mid).toBeCloseTo(2 / 20);
    expect(rates.ended).toBeCloseTo(5 / 20);
    expect(shrunkRates(undefined, { ...none, won: 0.3, ended: 0.7 }, 10).won).toBeCloseTo(0.3);
  });

  it('chains moves between stages to the chance of ending won', () => {
    const chances = chainWinChances({
      none: { ...none, ended: 1 },
      early: { ...none, won: 0.1, ended: 0.4, mid: 0.5 },
      mid: { ...none, won: 0.2, ended: 0.3, late: 0.5 },
      late: { ...none, won: 0.8, ended: 0.2 },
    });
    expect(chances.late).toBeCloseTo(0.8);
    expect(chances.mid).toBeCloseTo(0.2 + 0.5 * 0.8);
    expect(chances.early).toBeCloseTo(0.1 + 0.5 * 0.6);
    expect(chances.none).toBe(0);
  });

  it('moves a base chance by a dealer’s difference on the log-odds scale', () => {
    expect(oddsAdjusted(0.3, 0.5, 0.5)).toBeCloseTo(0.3);
    expect(oddsAdjusted(0.5, 0.75, 0.5)).toBeCloseTo(0.75);
    expect(oddsAdjusted(0.2, 0.6, 0.4)).toBeGreaterThan(0.2);
  });

  const stats = (extra: Partial<DealerStats> = {}): DealerStats => ({
    flows: flows([
      ['good', { late: { exits: 100, won: 90 } }],
      ['poor', { late: { exits: 100, won: 10 } }],
    ]),
    nearFlows: new Map(),
    outcomes: new Map([['good', { ended: 100, endedOverdue: 0, wonOverdue: 0, wonDeals: 90, valueRatioSum: 72, valueRatioDeals: 90 }]]),
    ...extra,
  });

  it('gives a dealer with much history its own chance, a new dealer the network’s, with no threshold', () => {
    const model = dealerModel(stats(), program());
    expect(model.winChance({ dealerId: 'good', stage: 'late', near: false })).toBeGreaterThan(0.8);
    expect(model.winChance({ dealerId: 'poor', stage: 'late', near: false })).toBeLessThan(0.2);
    expect(model.winChance({ dealerId: 'new', stage: 'late', near: false })).toBeCloseTo(
      model.winChance({ dealerId: 'good', stage: 'late', near: false }) / 2 +
        model.winChance({ dealerId: 'poor', stage: 'late', near: false }) / 2,
      1,
    );
    // The program's stage probability for a stage nobody has data on.
    expect(model.winChance({ dealerId: 'new', stage: 'mid', near: false })).toBeCloseTo(0.4, 1);
  });

  it('scales by the value realism of a dealer’s wins, shrunk towards the network’s', () => {
    const model = dealerModel(stats(), program());
    expect(model.valueRealism('good')).toBeCloseTo((72 + 5 * ((72 + 5) / 95)) / 95);
    expect(model.valueRealism('new')).toBeCloseTo((72 + 5) / 95);
  });

  it('takes the network level from cohorts that have run their course', () => {
    const cohortFlows = new Map([['late', { exits: 100, won: 20, moves: {}, far: 0 }]]) as never;
    const young = dealerModel(
      stats(),
      program(),
      new Map(),
      new Map([['2026-01', { created: 100, ended: 50, flows: cohortFlows, nearFlows: new Map() }]]),
    );
    const mature = dealerModel(
      stats(),
      program(),
      new Map(),
      new Map([['2026-01', { created: 100, ended: 100, flows: cohortFlows, nearFlows: new Map() }]]),
    );
    expect(young.winChance({ dealerId: 'new', stage: 'late', near: false })).toBeCloseTo(
      dealerModel(stats(), program()).winChance({ dealerId: 'new', stage: 'late', near: false }),
    );
    expect(mature.winChance({ dealerId: 'new', stage: 'late', near: false })).toBeLessThan(0.3);
  });

  it('lowers an old open deal’s chance by how old deals ended in cohorts that have run their course', () => {
    const ended = Array(AGE_MONTHS + 1).fill(0);
    const won = Array(AGE_MONTHS + 1).fill(0);
    ended[1] = 100;
    won[1] = 80;
    ended[6] = 100;
    won[6] = 10;
    const cohort = (share: number) =>
      new Map([
        [
          '2026-01',
          { created: 200, ended: 200 * share, flows: new Map(), nearFlows: new Map(), ages: new Map([['late', { ended, won }]]) },
        ],
      ]) as never;
    const model = dealerModel(stats(), program(), new Map(), cohort(1));
    const base = model.winChance({ dealerId: 'good', stage: 'late', near: false });
    const byAge = ageChances({ ended, won });
    // A deal as young as every ended one keeps its chance; an old one gets the old deals' odds.
    expect(model.winChance({ dealerId: 'good', stage: 'late', near: false, age: 1 })).toBeCloseTo(base);
    expect(model.winChance({ dealerId: 'good', stage: 'late', near: false, age: 4 })).toBeLessThan(base - 0.2);
    expect(model.winChance({ dealerId: 'good', stage: 'late', near: false, age: 4 })).toBeCloseTo(
      oddsAdjusted(base, byAge[4] as number, byAge[0] as number),
    );
    // Ages older than counted use the last count; a stage without ends keeps its chance.
    expect(model.winChance({ dealerId: 'good', stage: 'late', near: false, age: 30 })).toBeCloseTo(
      model.winChance({ dealerId: 'good', stage: 'late', near: false, age: AGE_MONTHS }),
    );
    expect(model.winChance({ dealerId: 'good', stage: 'mid', near: false, age: 5 })).toBeCloseTo(
      model.winChance({ dealerId: 'good', stage: 'mid', near: false }),
    );
    // A cohort still running is no evidence yet.
    const young = dealerModel(stats(), program(), new Map(), cohort(0.5));
    expect(young.winChance({ dealerId: 'good', stage: 'late', near: false, age: 4 })).toBeCloseTo(
      young.winChance({ dealerId: 'good', stage: 'late', near: false }),
    );
  });

  it('blends each product line’s win rate with all lines’ as LINE_PRIOR_DEALS deals', () => {
    const { byLine, overall } = lineChances(
      new Map([
        ['turning', { ended: 300, won: 150 }],
        ['custom', { ended: 100, won: 20 }],
      ]),
    );
    expect(overall).toBeCloseTo(171 / 402);
    expect(byLine.get('turning')).toBeCloseTo((150 + LINE_PRIOR_DEALS * overall) / (300 + LINE_PRIOR_DEALS));
    expect(byLine.get('custom')).toBeCloseTo((20 + LINE_PRIOR_DEALS * overall) / (100 + LINE_PRIOR_DEALS));
  });

  it('moves a deal by how its product line is won against the dealer’s own mix of lines', () => {
    const lines = new Map([
      ['turning', { ended: 500, won: 300 }],
      ['custom', { ended: 500, won: 100 }],
    ]);
    const cohort = { created: 1000, ended: 1000, flows: new Map(), nearFlows: new Map(), lines };
    const cohorts = new Map([['2026-01', { ...cohort, createdWithLines: 1000 }]]) as never;
    const outcome = { endedOverdue: 0, wonOverdue: 0, valueRatioSum: 0, valueRatioDeals: 0 };
    const outcomes = new Map([
      [
        'mixed',
        {
          ...outcome,
          ended: 100,
          wonDeals: 40,
          lines: new Map([
            ['turning', { ended: 50, won: 30 }],
            ['custom', { ended: 50, won: 10 }],
          ]),
        },
      ],
      ['custom-only', { ...outcome, ended: 200, wonDeals: 40, lines: new Map([['custom', { ended: 200, won: 40 }]]) }],
      // 400 ends from before lines were counted: its mix is unknown.
      ['before-lines', { ...outcome, ended: 400, wonDeals: 80 }],
    ]);
    const base = dealerModel(stats({ outcomes }), program());
    const model = dealerModel(stats({ outcomes }), program(), new Map(), cohorts);
    const { byLine, overall } = lineChances(lines);
    // A dealer of both lines: a custom deal is less likely than its average deal, a turning deal more.
    expect(model.winChance({ dealerId: 'mixed', stage: 'late', near: false, line: 'custom' })).toBeLessThan(
      model.winChance({ dealerId: 'mixed', stage: 'late', near: false }),
    );
    expect(model.winChance({ dealerId: 'mixed', stage: 'late', near: false, line: 'turning' })).toBeGreaterThan(
      model.winChance({ dealerId: 'mixed', stage: 'late', near: false }),
    );
    // A dealer that sells only custom already has custom's rate in its own figures: its custom deal moves far less
    // than it would against the network's average.
    const customOnly = model.winChance({ dealerId: 'custom-only', stage: 'late', near: false });
    expect(model.winChance({ dealerId: 'custom-only', stage: 'late', near: false, line: 'custom' })).toBeLessThan(customOnly);
    expect(model.winChance({ dealerId: 'custom-only', stage: 'late', near: false, line: 'custom' })).toBeGreaterThan(
      oddsAdjusted(customOnly, byLine.get('custom') as number, overall),
    );
    // A dealer whose history has no lines yet is moved only the part of the way its history does not weigh.
    // Its mix is the network's (ends by line: 50 turning, 250 custom), and 12 of its 412 deals' weight is known.
    const before = model.winChance({ dealerId: 'before-lines', stage: 'late', near: false });
    const custom = byLine.get('custom') as number;
    const networkMix = (50 * (byLine.get('turning') as number) + 250 * custom) / 300;
    expect(model.winChance({ dealerId: 'before-lines', stage: 'late', near: false, line: 'custom' })).toBeCloseTo(
      oddsAdjusted(before, custom, networkMix, DEALER_PRIOR_DEALS / (400 + DEALER_PRIOR_DEALS)),
    );
    // A month that had run its course before lines were counted holds only its last ends: no line rate from it.
    const uncounted = dealerModel(
      stats({ outcomes }),
      program(),
      new Map(),
      new Map([['2026-01', { ...cohort, createdWithLines: 10 }]]) as never,
    );
    expect(uncounted.winChance({ dealerId: 'mixed', stage: 'late', near: false, line: 'custom' })).toBeCloseTo(
      uncounted.winChance({ dealerId: 'mixed', stage: 'late', near: false }),
    );
    // A line nobody has ended yet, or no cohort that has run its course, moves nothing.
    expect(model.winChance({ dealerId: 'mixed', stage: 'late', near: false, line: 'milling' })).toBeCloseTo(
      model.winChance({ dealerId: 'mixed', stage: 'late', near: false }),
    );
    expect(base.winChance({ dealerId: 'mixed', stage: 'late', near: false, line: 'custom' })).toBeCloseTo(
      base.winChance({ dealerId: 'mixed', stage: 'late', near: false }),
    );
  });

  it('counts open overdue deals as near ends at the rate overdue deals have been won', () => {
    const near = flows([
      ['good', { early: { exits: 10, won: 5 } }],
      ['poor', { early: { exits: 10, won: 5 } }],
    ]);
    // Of 50 deals that ended overdue so far, 5 were won: an open overdue deal counts as won at about that rate.
    const outcomes = new Map([['poor', { ended: 50, endedOverdue: 50, wonOverdue: 5, wonDeals: 5, valueRatioSum: 5, valueRatioDeals: 5 }]]);
    const model = dealerModel(stats({ nearFlows: near, outcomes }), program(), new Map([['good', new Map([['early', 30]])]]) as never);
    expect(model.winChance({ dealerId: 'good', stage: 'early', near: true })).toBeLessThan(
      model.winChance({ dealerId: 'poor', stage: 'early', near: true }),
    );
  });
});

describe('weightings in the report', () => {
  const dealerStats: DealerStats = {
    flows: flows([['d1', { mid: { exits: 200, won: 150 } }]]),
    nearFlows: new Map(),
    outcomes: new Map([['d1', { ended: 200, endedOverdue: 0, wonOverdue: 0, wonDeals: 150, valueRatioSum: 75, valueRatioDeals: 150 }]]),
  };
  const context = (weighting: 'dealer' | 'calibrated') =>
    forecastContext({
      weighting,
      program: program(),
      regions: [{ id: 'dach', countries: ['DE'] }],
      tiers: new Map(),
      closeStats: new Map(),
      dealerStats,
      asOf: '2031-01',
    });

  it('weights by the dealer model; calibrated also by value realism', () => {
    const chance = closeProbability({ dealerId: 'd1', stage: 'mid', closeMonth: '2031-02' }, 'dealer', context('dealer'));
    expect(chance).toBeGreaterThan(0.6);
    const realism = dealerModel(dealerStats, program()).valueRealism('d1');
    expect(realism).toBeLessThan(0.6);
    expect(dealWeight({ dealerId: 'd1', stage: 'mid', closeMonth: '2031-02' }, 'calibrated', context('calibrated'))).toBeCloseTo(
      chance * realism,
    );
    expect(dealWeight({ dealerId: 'd1', stage: 'mid', closeMonth: '2031-02' }, 'dealer', context('dealer'))).toBeCloseTo(chance);
    const cell = {
      month: '2031-02',
      productLine: 'valves',
      country: 'DE',
      dealerId: 'd1',
      stage: 'mid',
      currency: 'EUR',
      cohort: '',
      openCount: 1,
      pipeline: 10_000,
      wonCount: 0,
      won: 0,
    };
    const report = buildForecast(
      [cell],
      { from: '2031-01', to: '2031-03', period: 'quarter', dimensions: [], weighting: 'dealer' },
      context('dealer'),
    );
    expect(report.totals.weightedValue).toBe(Math.round(10_000 * chance));
  });

  it('weighs a cell by the age its registration month gives it at the report’s month', () => {
    const ended = Array(AGE_MONTHS + 1).fill(0);
    const won = Array(AGE_MONTHS + 1).fill(0);
    ended[1] = 100;
    won[1] = 60;
    ended[5] = 100;
    won[5] = 5;
    const aged = forecastContext({
      weighting: 'dealer',
      program: program(),
      regions: [],
      tiers: new Map(),
      closeStats: new Map(),
      dealerStats,
      cohortStats: new Map([
        ['2030-01', { created: 200, ended: 200, flows: new Map(), nearFlows: new Map(), ages: new Map([['mid', { ended, won }]]) }],
      ]),
      asOf: '2031-01',
    });
    const cell = (cohort: string) => ({
      month: '2031-02',
      productLine: 'valves',
      country: 'DE',
      dealerId: 'd1',
      stage: 'mid',
      currency: 'EUR',
      cohort,
      openCount: 1,
      pipeline: 10_000,
      wonCount: 0,
      won: 0,
    });
    const weighted = (cohort: string) =>
      buildForecast([cell(cohort)], { from: '2031-01', to: '2031-03', period: 'month', dimensions: [], weighting: 'dealer' }, aged).totals
        .weightedValue;
    const byAge = ageChances({ ended, won });
    const fresh = closeProbability({ dealerId: 'd1', stage: 'mid', closeMonth: '2031-02' }, 'dealer', aged);
    expect(weighted('2030-12')).toBe(Math.round(10_000 * oddsAdjusted(fresh, byAge[1] as number, byAge[0] as number)));
    expect(weighted('2030-09')).toBe(Math.round(10_000 * oddsAdjusted(fresh, byAge[4] as number, byAge[0] as number)));
    expect(weighted('2030-09')).toBeLessThan(weighted('2030-12') * 0.6);
    // Cells written before the registration month was kept: no age, no adjustment.
    expect(weighted('')).toBe(Math.round(10_000 * fresh));
  });

  it('reads overdue cells from the months no protection outlasts', () => {
    expect(overdueMonths('2031-01', program({ protectionDays: 90, extensionMaxDays: 90 }))).toEqual(['2030-06', '2030-12']);
  });
});

describe('track record', () => {
  const snapshot = (takenMonth: string, model: number) => ({
    targetMonth: '2031-03',
    takenMonth,
    takenAt: `${takenMonth}-01T02:00:00.000Z`,
    openCount: 1,
    pipelineValue: 1_000,
    weightedValue: 400,
    weightedValues: { stage: 400, model },
    currency: 'EUR',
  });

  it('records a closed month with each snapshot’s forecast by months ahead; old snapshots count as stage', () => {
    const old = { ...snapshot('2031-01', 0), weightedValues: undefined };
    expect(trackRecordOf('2031-03', 900, [snapshot('2031-03', 500), snapshot('2031-02', 600), old])).toEqual({
      month: '2031-03',
      wonValue: 900,
      forecasts: { stage: { '0': 400, '1': 400, '2': 400 }, model: { '0': 500, '1': 600 } },
    });
  });

  it('scales by won ÷ forecast of the last closed months at the horizon, blended with as many months at factor 1', () => {
    const records = ['2031-01', '2031-02', '2031-03', '2031-04'].map((month) => ({
      month,
      wonValue: 800,
      forecasts: { model: { '1': 1_000 } },
    }));
    // asOf 2031-06: closed and old enough are 2031-04, -03, -02 (the last TRACK_RECORD_MONTHS); 2031-01 is too old.
    expect(TRACK_RECORD_MONTHS).toBe(3);
    expect(TRACK_PRIOR_MONTHS).toBe(3);
    // A full record moves the factor halfway: (3 × 800 + 3 × 1,000) ÷ (3 × 1,000 + 3 × 1,000).
    expect(trackFactor(records, '2031-06', 1)).toBeCloseTo(0.9);
    // One month of record against three at factor 1: a quarter of the way.
    expect(trackFactor(records.slice(3), '2031-06', 1)).toBeCloseTo((800 + 3_000) / (1_000 + 3_000));
    expect(trackFactor(records, '2031-06', 2)).toBe(1);
    expect(trackFactor([], '2031-06', 1)).toBe(1);
    // A month closes only CLOSE_AFTER_MONTHS after it: at 2031-05, 2031-04 is not used yet.
    expect(trackFactor(records.slice(3), '2031-05', 1)).toBe(1);
  });

  it('applies to calibrated only, by months ahead of the report', () => {
    const base = {
      weighting: 'calibrated' as const,
      program: program(),
      regions: [],
      tiers: new Map(),
      closeStats: new Map(),
      dealerStats: { flows: new Map(), nearFlows: new Map(), outcomes: new Map() },
      asOf: '2031-06',
    };
    const ctx = forecastContext({ ...base, trackRecords: [{ month: '2031-04', wonValue: 500, forecasts: { model: { '0': 1_000 } } }] });
    const uncorrected = forecastContext(base);
    expect(
      dealWeight({ dealerId: 'd', stage: 'mid', closeMonth: '2031-06' }, 'calibrated', ctx) /
        dealWeight({ dealerId: 'd', stage: 'mid', closeMonth: '2031-06' }, 'calibrated', uncorrected),
    ).toBeCloseTo((500 + 3_000) / 4_000);
    expect(dealWeight({ dealerId: 'd', stage: 'mid', closeMonth: '2031-07' }, 'calibrated', ctx)).toBeCloseTo(
      dealWeight({ dealerId: 'd', stage: 'mid', closeMonth: '2031-07' }, 'calibrated', uncorrected),
    );
    expect(
      snapshotsOf(new Date('2031-06-01T02:00:00Z'), 'EUR', {
        stage: [{ period: '2031-06', openCount: 1, pipelineValue: 10, weightedValue: 4 }],
        history: [],
        dealer: [],
        calibrated: [],
        model: [{ period: '2031-06', openCount: 1, pipelineValue: 10, weightedValue: 3 }],
      })[0],
    ).toMatchObject({ targetMonth: '2031-06', takenMonth: '2031-06', weightedValue: 4, weightedValues: { stage: 4, model: 3, dealer: 0 } });
  });
});
