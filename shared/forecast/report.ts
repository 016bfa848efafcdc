/**
 * The forecast report from aggregate cells: periods, groups, weighting and currency conversion. Pure: its cost
 * grows with the number of cells (groups × months), not with the number of deals.
 */

import { monthsBetween } from '../domain/calendar.js';
import { toReportingCurrency } from '../domain/money.js';
import type { Program } from '../schemas/setup.js';
import type { Cell } from './contribution.js';
import type { DealerModel } from './dealer-model.js';
import { isNear, monthsAhead } from './dealer-stats.js';

export type Period = 'month' | 'quarter';
export type Dimension = 'productLine' | 'region' | 'dealer' | 'tier';
export const WEIGHTINGS = ['stage', 'history', 'dealer', 'calibrated'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

/** Below this many closed registrations at a stage, a dealer's own ratio is noise: the stage probability is used. */
export const MIN_HISTORY_SAMPLE = 10;

export interface ForecastRequest {
  from: string;
  to: string;
  period: Period;
  dimensions: Dimension[];
  weighting: Weighting;
}

export interface ForecastContext {
  program: Program;
  regionOfCountry: (country: string) => string;
  tierOfDealer: (dealerId: string) => string;
  /** Closed and won registrations of a dealer at a stage. */
  closeStat: (dealerId: string, stage: string) => { closed: number; won: number } | undefined;
  /** The dealer model from stage flows and outcomes, for the `dealer` and `calibrated` weightings. */
  dealerModel?: DealerModel;
  /** The month the report is made in (`YYYY-MM`): a deal closing within the next months of it is near its close. */
  asOf?: string;
  /** The `calibrated` weighting's track-record factor for a forecast `ahead` months ahead (track-record.ts). */
  trackFactor?: (ahead: number) => number;
}

export interface ForecastFigures {
  openCount: number;
  pipelineValue: number;
  weightedValue: number;
  wonCount: number;
  wonValue: number;
}

export type ForecastRow = { period: string } & Partial<Record<Dimension, string>> & ForecastFigures;

export const periodOf = (month: string, period: Period) =>
  period === 'month' ? month : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/**
 * Whether a report's figures follow from the rollups (contribution.ts) alone: stage weighting, which needs no
 * dealer, and groups no finer than product line and region (a region is a set of countries).
 */
export const readsRollups = (request: Pick<ForecastRequest, 'weighting' | 'dimensions'>) =>
  request.weighting === 'stage' && request.dimensions.every((d) => d === 'productLine' || d === 'region');

/** The program's probability that a deal at `stage` closes; a deal without a stage counts as early. */
export function stageProbability(stage: string, program: Program): number {
  const { early, mid, late } = program.stageProbabilities;
  return stage === 'late' ? late : stage === 'mid' ? mid : early;
}

/**
 * What the weightings read of a deal: its dealer and stage (`none` without one); when known, the month of its
 * stated close (whether it is near), the month it was registered (`YYYY-MM`, its age) and the product line it
 * counts in.
 */
export interface DealTraits {
  dealerId: string;
  stage: string;
  closeMonth?: string;
  cohort?: string;
  line?: string;
}

/** The chance that `deal` is won, as the weighting sees it. */
export function closeProbability(deal: DealTraits, weighting: Weighting, context: ForecastContext): number {
  const { dealerId, stage, closeMonth, cohort, line } = deal;
  if ((weighting === 'dealer' || weighting === 'calibrated') && context.dealerModel) {
    const near = closeMonth !== undefined && context.asOf !== undefined && isNear(closeMonth, context.asOf);
    const age = cohort && context.asOf !== undefined ? monthsAhead(context.asOf, cohort) : undefined;
    return context.dealerModel.winChance({ dealerId, stage, near, age, line });
  }
  if (weighting === 'history') {
    const stat = context.closeStat(dealerId, stage);
    if (stat && stat.closed >= MIN_HISTORY_SAMPLE) return stat.won / stat.closed;
  }
  return stageProbability(stage, context.program);
}

/**
 * What one unit of a deal's registered value is expected to bring: its win chance; for `calibrated` also the value
 * realism of the dealer's wins and the track-record factor of its horizon.
 */
export function dealWeight(deal: DealTraits, weighting: Weighting, context: ForecastContext): number {
  const chance = closeProbability(deal, weighting, context);
  if (weighting !== 'calibrated' || !context.dealerModel) return chance;
  const ahead = deal.closeMonth !== undefined && context.asOf !== undefined ? monthsAhead(deal.closeMonth, context.asOf) : -1;
  const factor = ahead >= 0 && context.trackFactor ? context.trackFactor(ahead) : 1;
  return chance * context.dealerModel.valueRealism(deal.dealerId) * factor;
}

const empty = (): ForecastFigures => ({ openCount: 0, pipelineValue: 0, weightedValue: 0, wonCount: 0, wonValue: 0 });

export function buildForecast(cells: Cell[], request: ForecastRequest, context: ForecastContext) {
  const groups = new Map<string, ForecastRow>();
  const unconvertible = new Set<string>();
  const totals = empty();
  if (request.dimensions.length === 0) {
    for (const month of monthsBetween(request.from, request.to)) {
      const period = periodOf(month, request.period);
      if (!groups.has(period)) groups.set(period, { period, ...empty() });
    }
  }
  for (const cell of cells) {
    if (cell.month < request.from || cell.month > request.to) continue;
    const convert = (amount: number) => {
      const converted = toReportingCurrency({ amount, currency: cell.currency }, context.program);
      if (converted === undefined) unconvertible.add(cell.currency);
      return converted ?? 0;
    };
    const keys: Partial<Record<Dimension, string>> = {};
    for (const dimension of request.dimensions) {
      keys[dimension] =
        dimension === 'productLine'
          ? cell.productLine
          : dimension === 'region'
            ? context.regionOfCountry(cell.country)
            : dimension === 'dealer'
              ? cell.dealerId
              : context.tierOfDealer(cell.dealerId);
    }
    const period = periodOf(cell.month, request.period);
    const id = [period, ...request.dimensions.map((d) => keys[d])].join('\u0000');
    const row = groups.get(id) ?? { period, ...keys, ...empty() };
    const pipeline = convert(cell.pipeline);
    const won = convert(cell.won);
    const weighted =
      pipeline *
      dealWeight(
        { dealerId: cell.dealerId, stage: cell.stage, closeMonth: cell.month, cohort: cell.cohort, line: cell.productLine },
        request.weighting,
        context,
      );
    row.openCount += cell.openCount;
    row.pipelineValue += pipeline;
    row.weightedValue += weighted;
    row.wonCount += cell.wonCount;
    row.wonValue += won;
    groups.set(id, row);
    totals.openCount += cell.openCount;
    totals.pipelineValue += pipeline;
    totals.weightedValue += weighted;
    totals.wonCount += cell.wonCount;
    totals.wonValue += won;
  }
  const rows = [...groups.values()]
    .map((row) => ({ ...row, weightedValue: Math.round(row.weightedValue) }))
    .sort((a, b) => {
      const keyOf = (r: ForecastRow) => [r.period, ...request.dimensions.map((d) => r[d] ?? '')].join('\u0000');
      return keyOf(a).localeCompare(keyOf(b));
    });
  return {
    rows,
    totals: { ...totals, weightedValue: Math.round(totals.weightedValue) },
    unconvertibleCurrencies: [...unconvertible].sort(),
  };
}
