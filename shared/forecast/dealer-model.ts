/**
 * The dealer model behind the `dealer` and `calibrated` weightings, from the dealer statistics (dealer-stats.ts).
 * Pure; built once per report, its answers cached per dealer.
 *
 * Win chance of a deal now at a stage: the dealer's observed moves out of that stage (to another stage, to won, to
 * any other end) chained to the end — P(stage) = P(won next) + Σ P(move to t) × P(t). Each of the dealer's move
 * rates is shrunk towards the network's (empirical Bayes: the network counts as `DEALER_PRIOR_DEALS` deals of the
 * dealer's own), and the network's towards the program's stage probability (`NETWORK_PRIOR_DEALS`), so a dealer
 * with little history gets the network's figures and one with much history its own, without a hard threshold.
 * A deal near its stated close (dealer-stats.ts) is judged by the moves of deals that were near their close: one
 * still early then is mostly a stale one. A deal's age (months since its registration) moves its chance by how the
 * win rate of deals still open at that age differed from all deals' at its stage, in registration months that
 * have run their course (`ageChances`): an old open deal is often one that died without anyone reporting it.
 * A deal's product line moves it by how that line's win rate in those registration months differs from the rate of
 * the dealer's own mix of lines (`lineChances`): the dealer's figures already hold its mix, so a dealer that sells
 * only one line is not moved twice.
 */
import type { Program } from '../schemas/setup.js';
import {
  AGE_MONTHS,
  type AgeCounts,
  asFlowStage,
  type CohortStats,
  type DealerStats,
  FLOW_STAGES,
  type FlowCounts,
  type FlowStage,
  type LineCounts,
} from './dealer-stats.js';

export const DEALER_PRIOR_DEALS = 12;
export const NETWORK_PRIOR_DEALS = 20;
export const VALUE_PRIOR_DEALS = 5;
/** Deals of the stage's overall win rate each age's own is blended with. */
export const AGE_PRIOR_DEALS = 20;
/** Deals of the network's overall win rate each product line's own is blended with. */
export const LINE_PRIOR_DEALS = 20;

type Outcome = 'won' | 'ended' | 'far' | FlowStage;
export type Rates = Record<Outcome, number>;
type PerStage<T> = Record<FlowStage, T>;

/**
 * What the model reads of an open deal: its dealer and stage; `near`: its stated close is near; `age`: whole months
 * since its registration, when known; `line`: the product line it counts in, when known.
 */
export interface OpenDeal {
  dealerId: string;
  stage: string;
  near: boolean;
  age?: number | undefined;
  line?: string | undefined;
}

export interface DealerModel {
  /** Chance that `deal` is eventually won. */
  winChance(deal: OpenDeal): number;
  /** Won value ÷ registered value the dealer's wins show (shrunk towards the network's). */
  valueRealism(dealerId: string): number;
}

const OUTCOMES: Outcome[] = ['won', 'ended', 'far', ...FLOW_STAGES];

const stageProbabilityOf = (stage: FlowStage, program: Program) => {
  const { early, mid, late } = program.stageProbabilities;
  return stage === 'late' ? late : stage === 'mid' ? mid : early;
};

/** Move rates out of one stage: the observed counts plus `weight` deals that behave as `prior`. */
export function shrunkRates(counts: FlowCounts | undefined, prior: Rates, weight: number): Rates {
  const exits = counts?.exits ?? 0;
  const moved = FLOW_STAGES.reduce((sum, s) => sum + (counts?.moves[s] ?? 0), 0);
  const observed: Rates = {
    won: counts?.won ?? 0,
    far: counts?.far ?? 0,
    ended: Math.max(0, exits - (counts?.won ?? 0) - moved - (counts?.far ?? 0)),
    none: counts?.moves.none ?? 0,
    early: counts?.moves.early ?? 0,
    mid: counts?.moves.mid ?? 0,
    late: counts?.moves.late ?? 0,
  };
  const rates = {} as Rates;
  for (const key of OUTCOMES) rates[key] = (observed[key] + weight * prior[key]) / (exits + weight);
  return rates;
}

/**
 * Chance of ending won from each stage, following the move rates until an end (the chain's fixed point). A move
 * `far` (out of the near months) continues with `farChance` of that stage.
 */
export function chainWinChances(
  rates: PerStage<Rates>,
  farChance: PerStage<number> = { none: 0, early: 0, mid: 0, late: 0 },
): PerStage<number> {
  let chance: PerStage<number> = { none: 0, early: 0, mid: 0, late: 0 };
  for (let round = 0; round < 500; round++) {
    const next = {} as PerStage<number>;
    for (const s of FLOW_STAGES) {
      const r = rates[s];
      next[s] = r.won + r.far * farChance[s] + FLOW_STAGES.reduce((sum, t) => (t === s ? sum : sum + r[t] * chance[t]), 0);
    }
    const settled = FLOW_STAGES.every((s) => Math.abs(next[s] - chance[s]) < 1e-9);
    chance = next;
    if (settled) break;
  }
  return chance;
}

/**
 * Win rate of the deals still open at each age (index, months) among those that ended at a stage: wins at that age
 * or later ÷ ends at that age or later, blended with the rate of all ages (index 0, every end of the stage) as
 * `AGE_PRIOR_DEALS` deals of its own. A deal's age moves its chance by how its age's rate differs from index 0.
 */
export function ageChances(counts: AgeCounts | undefined): number[] {
  const ended = counts?.ended ?? [];
  const won = counts?.won ?? [];
  const from = (values: number[], age: number) => values.slice(age).reduce((sum, n) => sum + n, 0);
  const overall = (from(won, 0) + 1) / (from(ended, 0) + 2);
  return Array.from(
    { length: AGE_MONTHS + 1 },
    (_, age) => (from(won, age) + AGE_PRIOR_DEALS * overall) / (from(ended, age) + AGE_PRIOR_DEALS),
  );
}

/**
 * Win rate of each product line's ends, blended with the rate of all lines as `LINE_PRIOR_DEALS` deals of its
 * own, and that overall rate.
 */
export function lineChances(counts: Map<string, LineCounts>): { byLine: Map<string, number>; overall: number } {
  let ended = 0;
  let won = 0;
  for (const c of counts.values()) {
    ended += c.ended;
    won += c.won;
  }
  const overall = (won + 1) / (ended + 2);
  const byLine = new Map([...counts].map(([line, c]) => [line, (c.won + LINE_PRIOR_DEALS * overall) / (c.ended + LINE_PRIOR_DEALS)]));
  return { byLine, overall };
}

function sumLines(all: Iterable<Map<string, LineCounts> | undefined>): Map<string, LineCounts> {
  const total = new Map<string, LineCounts>();
  for (const lines of all) {
    for (const [line, c] of lines ?? []) {
      const t = total.get(line) ?? { ended: 0, won: 0 };
      total.set(line, { ended: t.ended + c.ended, won: t.won + c.won });
    }
  }
  return total;
}

function sumAges(all: Iterable<AgeCounts | undefined>): AgeCounts {
  const total: AgeCounts = { ended: Array(AGE_MONTHS + 1).fill(0), won: Array(AGE_MONTHS + 1).fill(0) };
  for (const counts of all) {
    for (let age = 0; age <= AGE_MONTHS; age++) {
      total.ended[age] = (total.ended[age] as number) + (counts?.ended[age] ?? 0);
      total.won[age] = (total.won[age] as number) + (counts?.won[age] ?? 0);
    }
  }
  return total;
}

function sumCounts(all: Iterable<Map<FlowStage, FlowCounts>>): Map<FlowStage, FlowCounts> {
  const total = new Map<FlowStage, FlowCounts>();
  for (const flows of all) {
    for (const [stage, c] of flows) {
      const t = total.get(stage) ?? { exits: 0, won: 0, moves: {}, far: 0 };
      t.exits += c.exits;
      t.won += c.won;
      t.far += c.far;
      for (const s of FLOW_STAGES) if (c.moves[s]) t.moves[s] = (t.moves[s] ?? 0) + (c.moves[s] as number);
      total.set(stage, t);
    }
  }
  return total;
}

const perStage = <T>(make: (s: FlowStage) => T) => Object.fromEntries(FLOW_STAGES.map((s) => [s, make(s)])) as PerStage<T>;

/**
 * Open registrations whose stated close month has passed, per dealer and stage. A deal that died silently leaves
 * the statistics only when its protection expires, months after a win would have been reported; counting only the
 * ends seen so far would overrate every dealer whose history is younger than a protection. So these deals count as
 * near ends already, won at the rate overdue deals have been won so far.
 */
export type OverdueCounts = Map<string, Map<FlowStage, number>>;

function withOverdue(nearFlows: DealerStats['nearFlows'], overdue: OverdueCounts, wonShare: number): DealerStats['nearFlows'] {
  const merged = new Map<string, Map<FlowStage, FlowCounts>>();
  for (const dealerId of new Set([...nearFlows.keys(), ...overdue.keys()])) {
    const flows = new Map<FlowStage, FlowCounts>();
    for (const s of FLOW_STAGES) {
      const own = nearFlows.get(dealerId)?.get(s);
      const open = overdue.get(dealerId)?.get(s) ?? 0;
      if (!own && !open) continue;
      const base = own ?? { exits: 0, won: 0, moves: {}, far: 0 };
      flows.set(s, { ...base, exits: base.exits + open, won: base.won + open * wonShare });
    }
    merged.set(dealerId, flows);
  }
  return merged;
}

/** A cohort counts as run its course once this share of its registrations has ended. */
export const MATURE_SHARE = 0.97;

const logit = (p: number) => Math.log(Math.min(0.999, Math.max(0.001, p)) / (1 - Math.min(0.999, Math.max(0.001, p))));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** `base` moved by how much `own` differs from `reference`, on the log-odds scale (`share` of the way). */
export const oddsAdjusted = (base: number, own: number, reference: number, share = 1) =>
  logistic(logit(base) + share * (logit(own) - logit(reference)));

export function dealerModel(
  stats: DealerStats,
  program: Program,
  overdue: OverdueCounts = new Map(),
  cohorts: CohortStats = new Map(),
): DealerModel {
  let endedOverdue = 0;
  let wonOverdue = 0;
  for (const o of stats.outcomes.values()) {
    endedOverdue += o.endedOverdue;
    wonOverdue += o.wonOverdue;
  }
  const overdueWonShare = (wonOverdue + 1) / (endedOverdue + 2);
  const nearFlows = withOverdue(stats.nearFlows, overdue, overdueWonShare);
  const programPrior = (s: FlowStage): Rates => {
    const p = stageProbabilityOf(s, program);
    return { won: p, ended: 1 - p, far: 0, none: 0, early: 0, mid: 0, late: 0 };
  };
  // Every end seen so far: younger deals that will die silently are still missing, so these rates run high.
  const network = sumCounts(stats.flows.values());
  const networkRates = perStage((s) => shrunkRates(network.get(s), programPrior(s), NETWORK_PRIOR_DEALS));
  const networkNearRates = perStage((s) => shrunkRates(sumCounts(nearFlows.values()).get(s), networkRates[s], NETWORK_PRIOR_DEALS));
  const networkChances = chainWinChances(networkRates);
  const networkNearChances = chainWinChances(networkNearRates, networkChances);
  // Cohorts that have run their course: the network's level without that bias (the network's own until there are some).
  const mature = [...cohorts.values()].filter((c) => c.created > 0 && c.ended >= MATURE_SHARE * c.created);
  const matureRates = perStage((s) => shrunkRates(sumCounts(mature.map((c) => c.flows)).get(s), networkRates[s], NETWORK_PRIOR_DEALS));
  const matureNearRates = perStage((s) =>
    shrunkRates(sumCounts(mature.map((c) => c.nearFlows)).get(s), networkNearRates[s], NETWORK_PRIOR_DEALS),
  );
  const matureChances = chainWinChances(matureRates);
  const matureNearChances = chainWinChances(matureNearRates, matureChances);
  // Young cohorts' ends are the quick ones (wins, reported losses); their silent expiries are still to come.
  const byAge = perStage((s) => ageChances(sumAges(mature.map((c) => c.ages?.get(s)))));
  // Only months whose every registration was counted by line: one that had run its course before the counting began
  // holds only its last ends, mostly silent expiries.
  const lines = lineChances(sumLines(mature.filter((c) => (c.createdWithLines ?? 0) >= c.created).map((c) => c.lines)));
  // Every dealer's ends by line, for the mix its own figures hold (the network's mix for one without history).
  const endsByLine = sumLines([...stats.outcomes.values()].map((o) => o.lines));
  const networkEnds = [...endsByLine.values()].reduce((sum, c) => sum + c.ended, 0);
  const mixCache = new Map<string, { chance: number; known: number }>();
  /**
   * The win rate of the dealer's mix of lines, weighted as its own figures weigh its history against the network's,
   * and how much of that weight has a known line (`known`, 0–1): ends from before lines were counted have none, so
   * a dealer with such history is moved only that part of the way.
   */
  const mixOf = (dealerId: string) => {
    const cached = mixCache.get(dealerId);
    if (cached) return cached;
    const outcome = stats.outcomes.get(dealerId);
    const own = outcome?.lines;
    const ownEnds = [...(own?.values() ?? [])].reduce((sum, c) => sum + c.ended, 0);
    let rate = 0;
    let weight = 0;
    for (const [line, chance] of lines.byLine) {
      const share =
        ((own?.get(line)?.ended ?? 0) + (DEALER_PRIOR_DEALS * (endsByLine.get(line)?.ended ?? 0)) / Math.max(1, networkEnds)) /
        (ownEnds + DEALER_PRIOR_DEALS);
      rate += share * chance;
      weight += share;
    }
    const mix = {
      chance: weight > 0 ? rate / weight : lines.overall,
      known: (ownEnds + DEALER_PRIOR_DEALS) / (Math.max(ownEnds, outcome?.ended ?? 0) + DEALER_PRIOR_DEALS),
    };
    mixCache.set(dealerId, mix);
    return mix;
  };
  const cache = new Map<string, { all: PerStage<number>; near: PerStage<number> }>();

  const chancesOf = (dealerId: string) => {
    const cached = cache.get(dealerId);
    if (cached) return cached;
    const own = stats.flows.get(dealerId);
    const ownNear = nearFlows.get(dealerId);
    const all = own ? chainWinChances(perStage((s) => shrunkRates(own.get(s), networkRates[s], DEALER_PRIOR_DEALS))) : networkChances;
    const near =
      ownNear || own
        ? chainWinChances(
            perStage((s) => shrunkRates(ownNear?.get(s), networkNearRates[s], DEALER_PRIOR_DEALS)),
            all,
          )
        : networkNearChances;
    const chances = {
      all: perStage((s) => oddsAdjusted(matureChances[s], all[s], networkChances[s])),
      near: perStage((s) => oddsAdjusted(matureNearChances[s], near[s], networkNearChances[s])),
    };
    cache.set(dealerId, chances);
    return chances;
  };

  let ratioSum = 0;
  let ratioDeals = 0;
  for (const o of stats.outcomes.values()) {
    ratioSum += o.valueRatioSum;
    ratioDeals += o.valueRatioDeals;
  }
  const networkRealism = (ratioSum + VALUE_PRIOR_DEALS) / (ratioDeals + VALUE_PRIOR_DEALS);

  return {
    winChance({ dealerId, stage, near, age, line }) {
      const flowStage = asFlowStage(stage);
      const chance = (near ? chancesOf(dealerId).near : chancesOf(dealerId).all)[flowStage];
      const lineChance = line === undefined ? undefined : lines.byLine.get(line);
      const mix = lineChance === undefined ? undefined : mixOf(dealerId);
      const forLine = lineChance === undefined || !mix ? chance : oddsAdjusted(chance, lineChance, mix.chance, mix.known);
      if (age === undefined || age < 0) return forLine;
      const rates = byAge[flowStage];
      return oddsAdjusted(forLine, rates[Math.min(AGE_MONTHS, age)] as number, rates[0] as number);
    },
    valueRealism(dealerId) {
      const o = stats.outcomes.get(dealerId);
      return ((o?.valueRatioSum ?? 0) + VALUE_PRIOR_DEALS * networkRealism) / ((o?.valueRatioDeals ?? 0) + VALUE_PRIOR_DEALS);
    },
  };
}
