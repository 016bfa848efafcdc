import { describe, expect, it } from 'vitest';
import {
  type DealerMeasures,
  earnedOnWin,
  percentileRanks,
  rankTiers,
  scoreOf,
  type TierEvaluation,
  tierChange,
} from '../../shared/domain/tier-ranking.js';
import { TierSettings } from '../../shared/schemas/setup.js';

/** Minimums at zero, so that only the ranking decides unless a test sets them. */
const settings = (overrides: Record<string, unknown> = {}) => TierSettings.parse({ minimumRevenue: { gold: 0, silver: 0 }, ...overrides });

const dealer = (dealerId: string, overrides: Partial<DealerMeasures> = {}): DealerMeasures => ({
  dealerId,
  revenue: 1_000_000,
  previousRevenue: 1_000_000,
  registrationCompliance: 0.5,
  trainingCompletion: 0.5,
  customerSatisfaction: 50,
  tierPoints: 0,
  ...overrides,
});

/** n dealers with strictly increasing revenue: d000 lowest. */
const network = (n: number) =>
  Array.from({ length: n }, (_, i) => dealer(`d${String(i).padStart(3, '0')}`, { revenue: (i + 1) * 1_000_000 }));

const tiersOf = (evaluations: TierEvaluation[]) => Object.fromEntries(evaluations.map((e) => [e.dealerId, e.tier]));
const count = (evaluations: TierEvaluation[], tier: string) => evaluations.filter((e) => e.tier === tier).length;

/** Deterministic shuffle (mulberry32), so the test is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('percentile ranks', () => {
  it('use the mid rank for ties, 100 for a single value, and keep nulls', () => {
    expect(percentileRanks([10, 20, 30])).toEqual([0, 50, 100]);
    expect(percentileRanks([10, 10, 30])).toEqual([25, 25, 100]);
    expect(percentileRanks([7])).toEqual([100]);
    expect(percentileRanks([null, 5, 9])).toEqual([null, 0, 100]);
    expect(percentileRanks([])).toEqual([]);
  });
});

describe('score', () => {
  it('is the weighted mean of the criteria (weights normalised) plus capped tier points', () => {
    const criteria = { revenue: 100, yoyGrowth: 50, registrationCompliance: 40, trainingCompletion: 80, customerSatisfaction: 60 };
    // (35·100 + 20·50 + 20·40 + 15·80 + 10·60) / 100 = 71
    expect(scoreOf(criteria, 0, settings())).toBe(71);
    expect(scoreOf(criteria, 4, settings())).toBe(75);
    const onlyRevenue = settings({
      weights: { revenue: 2, yoyGrowth: 0, registrationCompliance: 0, trainingCompletion: 0, customerSatisfaction: 0 },
    });
    expect(scoreOf(criteria, 0, onlyRevenue)).toBe(100);
  });

  it('scores missing data: growth and satisfaction neutral (50), compliance and training 0', () => {
    const [only] = rankTiers(
      [dealer('new', { previousRevenue: 0, customerSatisfaction: null, trainingCompletion: null, registrationCompliance: null })],
      settings(),
    ).evaluations;
    expect(only?.criteria).toEqual({
      revenue: 100,
      yoyGrowth: 50,
      registrationCompliance: 0,
      trainingCompletion: 0,
      customerSatisfaction: 50,
    });
    expect(only?.measures.yoyGrowth).toBeNull();
  });

  it('caps the tier-point bonus at the program maximum', () => {
    const { evaluations } = rankTiers([dealer('a', { tierPoints: 25 }), dealer('b', { tierPoints: 3 })], settings());
    expect(evaluations.find((e) => e.dealerId === 'a')?.tierPointsBonus).toBe(10);
    expect(evaluations.find((e) => e.dealerId === 'b')?.tierPointsBonus).toBe(3);
  });
});

describe('tier ranking', () => {
  it('a network of 1: the only dealer is Gold when it meets the Gold minimum', () => {
    const { evaluations, slots } = rankTiers([dealer('solo')], settings());
    expect(slots).toEqual({ gold: 1, silver: 1 });
    expect(evaluations).toMatchObject([{ dealerId: 'solo', tier: 'gold', position: 1, networkSize: 1, gapToNextTier: null }]);
    const poor = rankTiers([dealer('solo', { revenue: 10 })], settings({ minimumRevenue: { gold: 100, silver: 50 } }));
    expect(poor.evaluations[0]).toMatchObject({ tier: 'bronze', rankTier: 'gold', limitedBy: 'minimum_revenue' });
  });

  it('a network of 3: one Gold, one Silver, one Bronze', () => {
    const { evaluations } = rankTiers(network(3), settings());
    expect(tiersOf(evaluations)).toEqual({ d002: 'gold', d001: 'silver', d000: 'bronze' });
    expect(evaluations.map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('a network of 500: exactly 100 Gold, 150 Silver, 250 Bronze, by score', () => {
    const { evaluations, slots } = rankTiers(network(500), settings());
    expect(slots).toEqual({ gold: 100, silver: 250 });
    expect([count(evaluations, 'gold'), count(evaluations, 'silver'), count(evaluations, 'bronze')]).toEqual([100, 150, 250]);
    expect(tiersOf(evaluations).d499).toBe('gold');
    expect(tiersOf(evaluations).d400).toBe('gold');
    expect(tiersOf(evaluations).d399).toBe('silver');
    expect(tiersOf(evaluations).d250).toBe('silver');
    expect(tiersOf(evaluations).d249).toBe('bronze');
    const scores = evaluations.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('is deterministic: the same network in any order gives the same evaluations', () => {
    const base = network(500).map((d, i) => ({ ...d, revenue: (i % 37) * 1000, trainingCompletion: (i % 5) / 5 }));
    const first = rankTiers(base, settings()).evaluations;
    for (const seed of [1, 2, 3]) expect(rankTiers(shuffled(base, seed), settings()).evaluations).toEqual(first);
  });

  it('ties on score and revenue share a position and a tier, even across the Gold cut', () => {
    const tied = [dealer('b'), dealer('a'), dealer('c'), dealer('d'), dealer('e', { revenue: 10 })];
    const { evaluations } = rankTiers(tied, settings());
    // Four dealers are identical: they share position 1 and the top 20 % (1 place) takes all of them.
    expect(evaluations.map((e) => [e.dealerId, e.position, e.tier])).toEqual([
      ['a', 1, 'gold'],
      ['b', 1, 'gold'],
      ['c', 1, 'gold'],
      ['d', 1, 'gold'],
      ['e', 5, 'bronze'],
    ]);
  });

  it('breaks a tie on score by revenue', () => {
    // Only training counts, so both score 50; revenue decides the order.
    const onlyTraining = settings({
      weights: { revenue: 0, yoyGrowth: 0, registrationCompliance: 0, trainingCompletion: 1, customerSatisfaction: 0 },
    });
    const { evaluations } = rankTiers(
      [dealer('small', { revenue: 5 }), dealer('big', { revenue: 9 }), dealer('x', { trainingCompletion: 0 })],
      onlyTraining,
    );
    expect(evaluations.map((e) => [e.dealerId, e.score, e.position, e.tier])).toEqual([
      ['big', 50, 1, 'gold'],
      ['small', 50, 2, 'silver'],
      ['x', 0, 3, 'bronze'],
    ]);
  });

  it('applies the minimum revenue: it only lowers a tier and hands no place down', () => {
    const s = settings({ minimumRevenue: { gold: 5_000_000, silver: 2_000_000 } });
    const { evaluations } = rankTiers(network(10), s); // d009 … d000 with revenue 10M … 1M
    expect(tiersOf(evaluations)).toEqual({
      d009: 'gold',
      d008: 'gold',
      d007: 'silver',
      d006: 'silver',
      d005: 'silver',
      d004: 'bronze',
      d003: 'bronze',
      d002: 'bronze',
      d001: 'bronze',
      d000: 'bronze',
    });
    const strict = rankTiers(network(10), settings({ minimumRevenue: { gold: 9_500_000, silver: 8_500_000 } })).evaluations;
    expect(tiersOf(strict)).toMatchObject({ d009: 'gold', d008: 'silver', d007: 'bronze', d006: 'bronze' });
    expect(strict.find((e) => e.dealerId === 'd008')).toMatchObject({ rankTier: 'gold', limitedBy: 'minimum_revenue' });
  });

  it('tells each dealer its gap to the next tier in score points and revenue', () => {
    const s = settings({ minimumRevenue: { gold: 9_500_000, silver: 3_000_000 } });
    const { evaluations, cutoffs } = rankTiers(network(10), s);
    const of = (id: string) => evaluations.find((e) => e.dealerId === id);
    expect(of('d009')?.gapToNextTier).toBeNull();
    // d008 ranks Gold but lacks revenue: no score gap, 0.5M revenue gap.
    expect(of('d008')?.gapToNextTier).toEqual({ tier: 'gold', score: 0, revenue: 500_000 });
    // d007 is Silver by rank: it needs the Gold cut-off score.
    const d007 = of('d007');
    expect(d007?.gapToNextTier).toEqual({
      tier: 'gold',
      score: Math.round(((cutoffs.gold ?? 0) - (d007?.score ?? 0)) * 100) / 100,
      revenue: 1_500_000,
    });
    expect(d007?.gapToNextTier?.score).toBeGreaterThan(0);
    // d001 is Bronze: next is Silver.
    expect(of('d001')?.gapToNextTier).toMatchObject({ tier: 'silver', revenue: 1_000_000 });
    expect(of('d001')?.gapToNextTier?.score).toBeGreaterThan(0);
  });

  it('returns nothing for an empty network', () => {
    expect(rankTiers([], settings()).evaluations).toEqual([]);
  });
});

describe('tier changes', () => {
  it('names the criteria that moved a dealer, largest effect first', () => {
    const s = settings();
    const before = rankTiers(network(5), s).evaluations.find((e) => e.dealerId === 'd002') as TierEvaluation;
    const afterNetwork = network(5).map((d) => (d.dealerId === 'd002' ? { ...d, revenue: 99_000_000, trainingCompletion: 1 } : d));
    const after = rankTiers(afterNetwork, s).evaluations.find((e) => e.dealerId === 'd002') as TierEvaluation;
    expect([before.tier, after.tier]).toEqual(['silver', 'gold']);
    const change = tierChange(before, after, s);
    expect(change).toMatchObject({ dealerId: 'd002', from: 'silver', to: 'gold' });
    expect(change?.movedBy.map((m) => m.criterion)).toEqual(['revenue', 'yoyGrowth', 'trainingCompletion']);
    expect(change?.movedBy[0]).toEqual({ criterion: 'revenue', previous: 50, current: 100, effect: 17.5 });
    expect(change?.reasons[1]).toBe('revenue +17.5 score points (50 → 100)');
  });

  it('records a first evaluation, says when the minimum revenue held a dealer back, and nothing when unchanged', () => {
    const s = settings({ minimumRevenue: { gold: 50_000_000, silver: 0 } });
    const [first] = rankTiers([dealer('solo')], s).evaluations as [TierEvaluation];
    const change = tierChange(undefined, first, s);
    expect(change).toMatchObject({ from: null, to: 'silver', movedBy: [] });
    expect(change?.reasons[0]).toBe('First tier evaluation');
    expect(change?.reasons.some((r) => r.includes('below the Gold minimum'))).toBe(true);
    expect(tierChange(first, first, s)).toBeUndefined();
  });
});

describe('margins and tier points', () => {
  it('a registered won deal earns the tier base margin plus the uplift, and the tier points', () => {
    const s = TierSettings.parse({});
    expect(earnedOnWin('gold', s)).toEqual({
      tier: 'gold',
      baseMarginPercent: 18,
      registeredUpliftPercent: 3,
      marginPercent: 21,
      tierPoints: 1,
    });
    expect(earnedOnWin('bronze', s).marginPercent).toBe(15);
    const custom = TierSettings.parse({
      margins: { base: { gold: 20.5, silver: 10, bronze: 5 }, registeredUplift: 2.25 },
      points: { perWonRegistration: 4, maxScoreBonus: 8 },
    });
    expect(earnedOnWin('gold', custom)).toMatchObject({ marginPercent: 22.75, tierPoints: 4 });
  });
});

describe('tier settings', () => {
  it('reject weights that are all zero, shares above 1 and a Gold minimum below the Silver one', () => {
    const zero = { revenue: 0, yoyGrowth: 0, registrationCompliance: 0, trainingCompletion: 0, customerSatisfaction: 0 };
    expect(TierSettings.safeParse({ weights: zero }).success).toBe(false);
    expect(TierSettings.safeParse({ shares: { gold: 0.7, silver: 0.5 } }).success).toBe(false);
    expect(TierSettings.safeParse({ minimumRevenue: { gold: 1, silver: 2 } }).success).toBe(false);
    expect(TierSettings.safeParse({ weights: { ...zero, revenue: 1 } }).success).toBe(true);
  });
});
