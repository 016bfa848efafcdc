/**
 * Tier assignment (SPEC §4), pure and deterministic.
 *
 * 1. Each dealer gets five criterion scores from 0 to 100:
 *    - revenue and YoY growth: the dealer's percentile rank in the network (ties share the mid rank; a network of
 *      one scores 100); a dealer without revenue a year earlier (no growth figure) scores a neutral 50 on growth;
 *    - registration compliance, training completion: the fraction × 100 (no data: 0);
 *    - customer satisfaction: the 0–100 score as it is (no survey responses: a neutral 50).
 * 2. score = Σ weightᵢ·criterionᵢ ÷ Σ weightᵢ, plus tier points (one score point each, capped by the program),
 *    rounded to 2 decimals.
 * 3. Dealers are ordered by score, then revenue (both descending). A dealer's position is 1 + the number of dealers
 *    strictly ahead of it, so exact ties share a position and a tier whatever the input order.
 * 4. Position ≤ ⌈gold share × n⌉ → Gold; ≤ ⌈(gold + silver share) × n⌉ → Silver; else Bronze.
 * 5. The per-tier minimum revenue can only lower that: a Gold-ranked dealer below the Gold minimum is Silver (or
 *    Bronze below the Silver minimum). Places it leaves are not handed down: the shares are ceilings.
 */
import type { TierSettings } from '../schemas/setup.js';

export const TIERS = ['gold', 'silver', 'bronze'] as const;
export type Tier = (typeof TIERS)[number];
/** The tier of a dealer that was never evaluated. */
export const STARTING_TIER: Tier = 'bronze';

export const CRITERIA = ['revenue', 'yoyGrowth', 'registrationCompliance', 'trainingCompletion', 'customerSatisfaction'] as const;
export type Criterion = (typeof CRITERIA)[number];
export type CriterionScores = Record<Criterion, number>;

/** What a tier evaluation knows of one dealer over its window (money in reporting-currency minor units). */
export interface DealerMeasures {
  dealerId: string;
  revenue: number;
  /** Revenue of the same window a year earlier. */
  previousRevenue: number;
  /** Fraction 0–1 or null (see partner-kpis registrationCompliance). */
  registrationCompliance: number | null;
  trainingCompletion: number | null;
  /** 0–100 or null. */
  customerSatisfaction: number | null;
  tierPoints: number;
}

export interface TierGap {
  tier: Exclude<Tier, 'bronze'>;
  /** Score points missing to rank into that tier (0 when the rank already qualifies). */
  score: number;
  /** Revenue missing to that tier's minimum, in minor units of the reporting currency. */
  revenue: number;
}

export interface TierEvaluation {
  dealerId: string;
  tier: Tier;
  /** The tier the rank alone gives. */
  rankTier: Tier;
  /** Set when the minimum revenue held the dealer below its rank tier. */
  limitedBy?: 'minimum_revenue';
  score: number;
  position: number;
  networkSize: number;
  criteria: CriterionScores;
  tierPointsBonus: number;
  measures: DealerMeasures & { yoyGrowth: number | null };
  gapToNextTier: TierGap | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Mid-rank percentiles 0–100 of the defined values (nulls stay null); a single value scores 100. */
export function percentileRanks(values: (number | null)[]): (number | null)[] {
  const defined = values.filter((v): v is number => v !== null);
  const n = defined.length;
  return values.map((v) => {
    if (v === null) return null;
    if (n === 1) return 100;
    const below = defined.filter((x) => x < v).length;
    const equal = defined.filter((x) => x === v).length;
    return round2(((below + (equal - 1) / 2) / (n - 1)) * 100);
  });
}

export const growthOf = (m: Pick<DealerMeasures, 'revenue' | 'previousRevenue'>) =>
  m.previousRevenue > 0 ? Math.round(((m.revenue - m.previousRevenue) / m.previousRevenue) * 10_000) / 10_000 : null;

/** Weights normalised to sum 1. */
export function normalisedWeights(settings: TierSettings): CriterionScores {
  const total = CRITERIA.reduce((sum, c) => sum + settings.weights[c], 0);
  return Object.fromEntries(CRITERIA.map((c) => [c, total > 0 ? settings.weights[c] / total : 0])) as CriterionScores;
}

export function criterionScores(network: DealerMeasures[]): CriterionScores[] {
  const revenueRanks = percentileRanks(network.map((m) => m.revenue));
  const growthRanks = percentileRanks(network.map(growthOf));
  return network.map((m, i) => ({
    revenue: revenueRanks[i] ?? 0,
    yoyGrowth: growthRanks[i] ?? 50,
    registrationCompliance: round2((m.registrationCompliance ?? 0) * 100),
    trainingCompletion: round2((m.trainingCompletion ?? 0) * 100),
    customerSatisfaction: m.customerSatisfaction ?? 50,
  }));
}

export const scoreOf = (criteria: CriterionScores, bonus: number, settings: TierSettings) => {
  const weights = normalisedWeights(settings);
  return round2(CRITERIA.reduce((sum, c) => sum + weights[c] * criteria[c], 0) + bonus);
};

const revenueTier = (revenue: number, settings: TierSettings): Tier =>
  revenue >= settings.minimumRevenue.gold ? 'gold' : revenue >= settings.minimumRevenue.silver ? 'silver' : 'bronze';

const better = (a: Tier, b: Tier): Tier => (TIERS.indexOf(a) <= TIERS.indexOf(b) ? a : b);
const worse = (a: Tier, b: Tier): Tier => (TIERS.indexOf(a) >= TIERS.indexOf(b) ? a : b);

/** Ranks the whole network. Evaluations come back best first (ties by dealer id), independent of input order. */
export function rankTiers(
  network: DealerMeasures[],
  settings: TierSettings,
): {
  evaluations: TierEvaluation[];
  slots: { gold: number; silver: number };
  cutoffs: { gold: number | null; silver: number | null };
} {
  const n = network.length;
  const criteria = criterionScores(network);
  const scored = network.map((m, i) => {
    const bonus = Math.min(settings.points.maxScoreBonus, m.tierPoints);
    return { m, criteria: criteria[i] as CriterionScores, bonus, score: scoreOf(criteria[i] as CriterionScores, bonus, settings) };
  });
  // Competition ranking ("1224") on (score, revenue), both descending: equal keys share a position.
  const order = [...scored].sort((a, b) => b.score - a.score || b.m.revenue - a.m.revenue);
  const positionOf = new Map<(typeof scored)[number], number>();
  order.forEach((s, i) => {
    const before = order[i - 1];
    const tied = before && before.score === s.score && before.m.revenue === s.m.revenue;
    positionOf.set(s, tied ? (positionOf.get(before) as number) : i + 1);
  });
  const positioned = scored.map((s) => ({ ...s, position: positionOf.get(s) as number }));
  // Floating point must not turn 0.2 × 500 into 100.00000001 places.
  const places = (share: number) => Math.ceil(round2(share * n));
  const slots = { gold: places(settings.shares.gold), silver: places(settings.shares.gold + settings.shares.silver) };
  const rankTierOf = (position: number): Tier => (position <= slots.gold ? 'gold' : position <= slots.silver ? 'silver' : 'bronze');
  const lowestScore = (tier: Tier) => {
    const inTier = positioned.filter((p) => better(rankTierOf(p.position), tier) === rankTierOf(p.position));
    return inTier.length > 0 ? Math.min(...inTier.map((p) => p.score)) : null;
  };
  const cutoffs = { gold: lowestScore('gold'), silver: lowestScore('silver') };

  const evaluations = positioned.map(({ m, criteria: c, bonus, score, position }): TierEvaluation => {
    const rankTier = rankTierOf(position);
    const tier = worse(rankTier, revenueTier(m.revenue, settings));
    const next: Tier | undefined = tier === 'bronze' ? 'silver' : tier === 'silver' ? 'gold' : undefined;
    let gapToNextTier: TierGap | null = null;
    if (next === 'gold' || next === 'silver') {
      const cutoff = cutoffs[next];
      const rankQualifies = better(rankTier, next) === rankTier;
      gapToNextTier = {
        tier: next,
        score: rankQualifies ? 0 : cutoff === null ? 0 : Math.max(0.01, round2(cutoff - score)),
        revenue: Math.max(0, settings.minimumRevenue[next] - m.revenue),
      };
    }
    return {
      dealerId: m.dealerId,
      tier,
      rankTier,
      ...(tier !== rankTier ? { limitedBy: 'minimum_revenue' as const } : {}),
      score,
      position,
      networkSize: n,
      criteria: c,
      tierPointsBonus: bonus,
      measures: { ...m, yoyGrowth: growthOf(m) },
      gapToNextTier,
    };
  });
  evaluations.sort((a, b) => a.position - b.position || a.dealerId.localeCompare(b.dealerId));
  return { evaluations, slots, cutoffs };
}

export interface TierChange {
  dealerId: string;
  from: Tier | null;
  to: Tier;
  /** Human-readable reasons, most important first. */
  reasons: string[];
  /** The criteria that moved the score, by weighted effect (score points), largest first. */
  movedBy: { criterion: Criterion | 'tierPoints'; previous: number; current: number; effect: number }[];
}

const TIER_NAME: Record<Tier, string> = { gold: 'Gold', silver: 'Silver', bronze: 'Bronze' };
/** Criterion moves smaller than this (in score points) are not named as a reason. */
export const REASON_THRESHOLD = 0.5;

/**
 * Why a dealer's tier changed from its previous evaluation (undefined when it did not). The first evaluation of a
 * dealer is a change from none.
 */
export function tierChange(previous: TierEvaluation | undefined, current: TierEvaluation, settings: TierSettings): TierChange | undefined {
  if (previous && previous.tier === current.tier) return undefined;
  const weights = normalisedWeights(settings);
  const movedBy = previous
    ? [
        ...CRITERIA.map((criterion) => ({
          criterion,
          previous: previous.criteria[criterion],
          current: current.criteria[criterion],
          effect: round2(weights[criterion] * (current.criteria[criterion] - previous.criteria[criterion])),
        })),
        {
          criterion: 'tierPoints' as const,
          previous: previous.tierPointsBonus,
          current: current.tierPointsBonus,
          effect: round2(current.tierPointsBonus - previous.tierPointsBonus),
        },
      ]
        .filter((m) => Math.abs(m.effect) >= REASON_THRESHOLD)
        .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.criterion.localeCompare(b.criterion))
    : [];
  const reasons: string[] = [];
  if (!previous) reasons.push('First tier evaluation');
  reasons.push(
    `Score ${current.score}${previous ? ` (was ${previous.score})` : ''}, position ${current.position} of ${current.networkSize}`,
  );
  if (current.limitedBy === 'minimum_revenue') {
    const held = current.rankTier as Exclude<Tier, 'bronze'>;
    reasons.push(
      `Ranked ${TIER_NAME[held]}, but revenue ${current.measures.revenue} is below the ${TIER_NAME[held]} minimum ${settings.minimumRevenue[held]}`,
    );
  } else if (previous?.limitedBy === 'minimum_revenue' && TIERS.indexOf(current.tier) < TIERS.indexOf(previous.tier)) {
    reasons.push('Revenue now meets the minimum of the tier the rank gives');
  }
  for (const m of movedBy) {
    reasons.push(`${m.criterion} ${m.effect > 0 ? '+' : ''}${m.effect} score points (${m.previous} → ${m.current})`);
  }
  if (previous && movedBy.length === 0 && !current.limitedBy) {
    reasons.push('Other dealers moved: the network ranking changed around this dealer');
  }
  return { dealerId: current.dealerId, from: previous?.tier ?? null, to: current.tier, reasons, movedBy };
}

/** What a won registered deal earns: the tier's base margin plus the registered-deal uplift, and tier points. */
export function earnedOnWin(tier: Tier, settings: TierSettings) {
  const base = settings.margins.base[tier];
  const uplift = settings.margins.registeredUplift;
  return {
    tier,
    baseMarginPercent: base,
    registeredUpliftPercent: uplift,
    marginPercent: round2(base + uplift),
    tierPoints: settings.points.perWonRegistration,
  };
}
export type Earned = ReturnType<typeof earnedOnWin>;
