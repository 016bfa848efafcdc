/**
 * At each month end, the product's forecast of the next three months' won revenue — `buildForecast` over the
 * aggregate cells (or rollups) and statistics as the repository would read them, with the context `forecastContext` builds —
 * for each weighting; once the simulation has run, what was then won. Errors per month end, product line and
 * region; calibration of the win chances per decile against the deals' real outcomes.
 */
import { FORECAST_SHARDS, keys } from '../../shared/db/keys.js';
import { monthsBetween } from '../../shared/domain/calendar.js';
import {
  cellFromItem,
  closeStatsFromItems,
  cohortStatsFromItems,
  dealerStatsFromItems,
  rollupFromItem,
} from '../../shared/forecast/aggregate-items.js';
import { forecastContext, overdueMonths } from '../../shared/forecast/context.js';
import { forecastLineOf } from '../../shared/forecast/contribution.js';
import {
  buildForecast,
  closeProbability,
  type ForecastContext,
  type ForecastRequest,
  readsRollups,
  type Weighting,
} from '../../shared/forecast/report.js';
import {
  CLOSE_AFTER_MONTHS,
  type Snapshot,
  snapshotItem,
  snapshotsOf,
  trackRecordFromItem,
  trackRecordItem,
  trackRecordOf,
} from '../../shared/forecast/track-record.js';
import type { MemoryTable } from './memory-table.js';
import type { Network } from './network.js';
import { type MonthEnd, SIMULATED_MONTHS, Simulation } from './simulation.js';

/** `pipeline` is the unweighted pipeline: every open deal at its full registered value. */
export type Method = 'pipeline' | Weighting;
export const METHODS: Method[] = ['pipeline', 'stage', 'history', 'dealer', 'calibrated'];
export const HORIZON_MONTHS = 3;
/** Month ends (0-based) whose forecasts count in the headline: the second year, when the product has history. */
export const FIRST_MEASURED_MONTH_END = 11;
export const MIN_DECILE_DEALS = 30;

type Groups = Record<string, number>;

export interface Forecast {
  monthEnd: string;
  index: number;
  window: [string, string];
  predicted: Record<Method, Groups>;
  actual: Groups;
}

export interface CalibrationBin {
  from: number;
  to: number;
  deals: number;
  meanPredicted: number;
  observedRate: number;
}

export interface QualityResult {
  seed: number;
  dealers: number;
  registrations: number;
  simulatedMonths: number;
  runSeconds: number;
  forecasts: Forecast[];
  /** Mean absolute percentage error of the window's total won revenue, per method, over the measured month ends. */
  error: Record<Method, number>;
  errorAll: Record<Method, number>;
  bias: Record<Method, number>;
  errorByLine: Record<Method, Groups>;
  errorByRegion: Record<Method, Groups>;
  calibration: Record<Weighting, CalibrationBin[]>;
  /** Largest |predicted − observed| in percentage points over the deciles with at least MIN_DECILE_DEALS deals. */
  calibrationGap: Record<Weighting, number>;
  truth: { wonDeals: number; expiredWhileAlive: number; silentDeaths: number; openAtEnd: number };
}

const WEIGHTINGS = METHODS.filter((m): m is Weighting => m !== 'pipeline');
const TOTAL = 'total';

function cellsOf(table: MemoryTable, from: string, to: string) {
  return monthsBetween(from, to)
    .flatMap((month) =>
      Array.from({ length: FORECAST_SHARDS }, (_, shard) => table.query(keys.forecastMonthPartition(month, shard)).map(cellFromItem)),
    )
    .flat();
}

/** What the report reads for `request`, as `forecastReport` chooses: the rollups where they suffice, else the cells. */
function reportCells(table: MemoryTable, request: ForecastRequest) {
  if (!readsRollups(request)) return cellsOf(table, request.from, request.to);
  return monthsBetween(request.from, request.to).flatMap((month) =>
    Array.from({ length: FORECAST_SHARDS }, (_, shard) =>
      table.query(keys.forecastRollupPartition(month, shard)).map(rollupFromItem),
    ).flat(),
  );
}

function report(table: MemoryTable, request: ForecastRequest, context: ForecastContext) {
  return buildForecast(reportCells(table, request), request, context);
}

function contextOf(table: MemoryTable, network: Network, weighting: Weighting, asOf: string, uncorrected = false): ForecastContext {
  return forecastContext({
    weighting,
    program: network.program,
    regions: network.regions,
    tiers: new Map(),
    closeStats: closeStatsFromItems(table.query(keys.closeStatsPartition())),
    dealerStats: dealerStatsFromItems(table.query(keys.dealerForecastStatsPartition())),
    cohortStats: cohortStatsFromItems(table.query(keys.cohortForecastStatsPartition())),
    asOf,
    overdueCells: cellsOf(table, ...overdueMonths(asOf, network.program)),
    ...(uncorrected ? {} : { trackRecords: table.query(keys.forecastTrackRecordPartition()).map(trackRecordFromItem) }),
  });
}

const withoutKeys = ({ PK: _p, SK: _s, entity: _e, ...rest }: Record<string, unknown>) => rest;

/**
 * The `forecast-snapshot` schedule of the 1st of `asOf`, as `takeForecastSnapshot` runs it: every weighting's
 * forecast of the next 12 months kept, and the month two months back closed into the track record.
 */
function takeSnapshot(table: MemoryTable, network: Network, asOf: string, at: Date) {
  const to = addMonths(asOf, 11);
  const rowsOf = (weighting: Weighting, uncorrected = false) =>
    report(table, { from: asOf, to, period: 'month', dimensions: [], weighting }, contextOf(table, network, weighting, asOf, uncorrected))
      .rows;
  const snapshots = snapshotsOf(at, network.program.reportingCurrency, {
    stage: rowsOf('stage'),
    history: rowsOf('history'),
    dealer: rowsOf('dealer'),
    calibrated: rowsOf('calibrated'),
    model: rowsOf('calibrated', true),
  });
  for (const s of snapshots) table.put(snapshotItem(s, keys.forecastSnapshot(s.targetMonth, s.takenMonth)));
  const closing = monthsBetween('2000-01', asOf).at(-1 - CLOSE_AFTER_MONTHS) as string;
  const won = report(
    table,
    { from: closing, to: closing, period: 'month', dimensions: [], weighting: 'stage' },
    contextOf(table, network, 'stage', asOf),
  ).totals.wonValue;
  const closingSnapshots = table.query(keys.forecastSnapshotPartition(closing)).map((i) => withoutKeys(i) as unknown as Snapshot);
  table.put(trackRecordItem(trackRecordOf(closing, won, closingSnapshots), keys.forecastTrackRecord(closing)));
}

/** The report's rows summed into the total, each product line and each region. */
function grouped(
  table: MemoryTable,
  network: Network,
  asOf: string,
  window: [string, string],
  weighting: Weighting,
  figure: 'weightedValue' | 'pipelineValue' | 'wonValue',
) {
  const rows = report(
    table,
    { from: window[0], to: window[1], period: 'month', dimensions: ['productLine', 'region'], weighting },
    contextOf(table, network, weighting, asOf),
  ).rows;
  const groups: Groups = { [TOTAL]: 0 };
  for (const row of rows) {
    for (const key of [TOTAL, `line:${row.productLine}`, `region:${row.region}`]) groups[key] = (groups[key] ?? 0) + row[figure];
  }
  return groups;
}

const addMonths = (month: string, n: number) => monthsBetween(month, '2199-12')[n] as string;
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);
const percent = (x: number) => Math.round(x * 1000) / 10;

export function measureForecastQuality(network: Network): QualityResult {
  const started = performance.now();
  const simulation = new Simulation(network);
  const forecasts: Omit<Forecast, 'actual'>[] = [];
  const predictions: Record<Weighting, { p: number; id: string }[]> = { stage: [], history: [], dealer: [], calibrated: [] };

  simulation.run((state: MonthEnd) => {
    const window: [string, string] = [addMonths(state.month, 1), addMonths(state.month, HORIZON_MONTHS)];
    takeSnapshot(state.table, network, window[0], new Date(state.at.getTime() + 2 * 3600_000));
    if (state.index + HORIZON_MONTHS >= SIMULATED_MONTHS) return;
    const predicted = {} as Record<Method, Groups>;
    predicted.pipeline = grouped(state.table, network, window[0], window, 'stage', 'pipelineValue');
    for (const w of WEIGHTINGS) predicted[w] = grouped(state.table, network, window[0], window, w, 'weightedValue');
    forecasts.push({ monthEnd: state.month, index: state.index, window, predicted });
    if (state.index < FIRST_MEASURED_MONTH_END) return;
    const inWindow = state.open.filter((r) => r.expectedCloseDate.slice(0, 7) >= window[0] && r.expectedCloseDate.slice(0, 7) <= window[1]);
    for (const w of WEIGHTINGS) {
      const context = contextOf(state.table, network, w, window[0]);
      for (const r of inWindow)
        predictions[w].push({
          p: closeProbability(
            {
              dealerId: r.dealerId,
              stage: r.stage ?? 'none',
              closeMonth: r.expectedCloseDate.slice(0, 7),
              cohort: r.submittedAt.slice(0, 7),
              line: forecastLineOf(r),
            },
            w,
            context,
          ),
          id: r.id,
        });
    }
  });

  const withActuals: Forecast[] = forecasts.map((f) => ({
    ...f,
    actual: grouped(simulation.table, network, f.monthEnd, f.window, 'stage', 'wonValue'),
  }));
  const measured = withActuals.filter((f) => f.index >= FIRST_MEASURED_MONTH_END);
  const ape = (f: Forecast, m: Method, key: string) => {
    const actual = f.actual[key] ?? 0;
    return actual > 0 ? Math.abs((f.predicted[m][key] ?? 0) - actual) / actual : undefined;
  };
  const meanApe = (list: Forecast[], m: Method, key: string) =>
    percent(mean(list.map((f) => ape(f, m, key)).filter((x): x is number => x !== undefined)));
  const groupKeys = [...new Set(measured.flatMap((f) => Object.keys(f.actual)))].sort();

  const error = {} as Record<Method, number>;
  const errorAll = {} as Record<Method, number>;
  const bias = {} as Record<Method, number>;
  const errorByLine = {} as Record<Method, Groups>;
  const errorByRegion = {} as Record<Method, Groups>;
  for (const m of METHODS) {
    error[m] = meanApe(measured, m, TOTAL);
    errorAll[m] = meanApe(
      withActuals.filter((f) => f.index >= 2),
      m,
      TOTAL,
    );
    bias[m] = percent(mean(measured.map((f) => ((f.predicted[m][TOTAL] ?? 0) - (f.actual[TOTAL] ?? 0)) / (f.actual[TOTAL] ?? 1))));
    errorByLine[m] = Object.fromEntries(groupKeys.filter((k) => k.startsWith('line:')).map((k) => [k.slice(5), meanApe(measured, m, k)]));
    errorByRegion[m] = Object.fromEntries(
      groupKeys.filter((k) => k.startsWith('region:')).map((k) => [k.slice(7), meanApe(measured, m, k)]),
    );
  }

  const calibration = {} as Record<Weighting, CalibrationBin[]>;
  const calibrationGap = {} as Record<Weighting, number>;
  for (const w of WEIGHTINGS) {
    const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, n: 0, p: 0, won: 0 }));
    for (const { p, id } of predictions[w]) {
      const final = simulation.registrations.get(id);
      if (!final || final.status === 'approved' || final.status === 'submitted' || final.status === 'in_conflict') continue;
      const bin = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number];
      bin.n++;
      bin.p += p;
      bin.won += final.status === 'won' ? 1 : 0;
    }
    calibration[w] = bins.map((b) => ({
      from: b.from,
      to: b.to,
      deals: b.n,
      meanPredicted: b.n ? b.p / b.n : 0,
      observedRate: b.n ? b.won / b.n : 0,
    }));
    calibrationGap[w] = percent(
      Math.max(0, ...calibration[w].filter((b) => b.deals >= MIN_DECILE_DEALS).map((b) => Math.abs(b.meanPredicted - b.observedRate))),
    );
  }

  const finals = [...simulation.registrations.values()];
  const truths = [...simulation.truths.values()];
  return {
    seed: network.seed,
    dealers: network.dealers.length,
    registrations: finals.length,
    simulatedMonths: SIMULATED_MONTHS,
    runSeconds: Math.round((performance.now() - started) / 100) / 10,
    forecasts: withActuals,
    error,
    errorAll,
    bias,
    errorByLine,
    errorByRegion,
    calibration,
    calibrationGap,
    truth: {
      wonDeals: finals.filter((r) => r.status === 'won').length,
      expiredWhileAlive: truths.filter((t) => t.expiredAlive).length,
      silentDeaths: finals.filter((r) => r.status === 'expired' && !simulation.truths.get(r.id)?.wins).length,
      openAtEnd: finals.filter((r) => r.status === 'approved' || r.status === 'submitted' || r.status === 'in_conflict').length,
    },
  };
}
