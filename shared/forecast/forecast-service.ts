/** The forecast's use cases: the aggregated report, its line items, monthly snapshots and their accuracy. */
import { forecastStore, type Snapshot } from '../db/forecast-repository.js';
import { dealers, program as programSettings, regions } from '../db/setup-repository.js';
import { tiers } from '../db/tier-repository.js';
import { monthsBetween } from '../domain/calendar.js';
import { toReportingCurrency } from '../domain/money.js';
import type { Dealer, Region } from '../schemas/setup.js';
import { forecastContext, overdueMonths, statisticsOf } from './context.js';
import { forecastLineOf } from './contribution.js';
import type { CohortStats, DealerStats } from './dealer-stats.js';
import { weightingQuality } from './measured-quality.js';
import { buildForecast, dealWeight, type ForecastRequest, type ForecastRow, readsRollups, type Weighting } from './report.js';
import { CLOSE_AFTER_MONTHS, SNAPSHOT_WEIGHTINGS, snapshotsOf, trackRecordOf } from './track-record.js';

async function all<T>(list: (page: { limit: number; cursor?: string }) => Promise<{ items: T[]; nextCursor?: string | undefined }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Program, regions, dealers and the statistics the weighting needs: the small reference data a report joins its cells with. */
async function loadContext(weighting: Weighting, now: Date, options: { uncorrected?: boolean } = {}) {
  const needs = statisticsOf(weighting);
  const readTrack = needs.trackRecords && !options.uncorrected;
  const [program, allRegions, allDealers, currentTiers, closeStats, dealerStats, cohortStats, trackRecords] = await Promise.all([
    programSettings.get(),
    all<Region>((p) => regions.list(p)),
    all<Dealer>((p) => dealers.list(p)),
    tiers.allCurrent(),
    needs.closeStats ? forecastStore.closeStats() : Promise.resolve(new Map<string, { closed: number; won: number }>()),
    needs.dealerStats
      ? forecastStore.dealerStats()
      : Promise.resolve<DealerStats>({ flows: new Map(), nearFlows: new Map(), outcomes: new Map() }),
    needs.dealerStats ? forecastStore.cohortStats() : Promise.resolve<CohortStats>(new Map()),
    readTrack ? forecastStore.trackRecords() : Promise.resolve([]),
  ]);
  const asOf = now.toISOString().slice(0, 7);
  const overdueCells = needs.overdueCells ? await forecastStore.cells(...overdueMonths(asOf, program)) : [];
  const context = forecastContext({
    weighting,
    program,
    regions: allRegions,
    tiers: currentTiers,
    closeStats,
    dealerStats,
    cohortStats,
    asOf,
    overdueCells,
    trackRecords,
  });
  return { context, dealerById: new Map(allDealers.map((d) => [d.id, d])) };
}

export async function forecastReport(request: ForecastRequest, now = new Date(), options: { uncorrected?: boolean } = {}) {
  const [{ context }, cells] = await Promise.all([
    loadContext(request.weighting, now, options),
    readsRollups(request) ? forecastStore.rollups(request.from, request.to) : forecastStore.cells(request.from, request.to),
  ]);
  return {
    from: request.from,
    to: request.to,
    groupBy: [request.period, ...request.dimensions],
    weighting: request.weighting,
    weightingQuality: weightingQuality(request.weighting),
    currency: context.program.reportingCurrency,
    ...buildForecast(cells, request, context),
  };
}

export async function forecastDeals(
  request: {
    from: string;
    to: string;
    weighting: Weighting;
    limit: number;
    cursor?: string | undefined;
  },
  now = new Date(),
) {
  const [{ context, dealerById }, page] = await Promise.all([
    loadContext(request.weighting, now),
    forecastStore.openRegistrations(request.from, request.to, { limit: request.limit, cursor: request.cursor }),
  ]);
  const currency = context.program.reportingCurrency;
  const items = page.items.map((r) => {
    const value = toReportingCurrency(r.expectedValue, context.program) ?? 0;
    return {
      registrationId: r.id,
      dealerId: r.dealerId,
      dealerName: dealerById.get(r.dealerId)?.name ?? r.dealerId,
      customerName: r.customer.name,
      customerCountry: r.customer.country,
      region: context.regionOfCountry(r.customer.country),
      products: r.products.map((p) => `${p.quantity}x ${p.sku}`).join(' '),
      productLine: r.forecastLine ?? r.productLines[0] ?? '',
      stage: r.stage ?? 'none',
      status: r.status,
      expectedCloseDate: r.expectedCloseDate,
      value,
      weightedValue: Math.round(
        value *
          dealWeight(
            { dealerId: r.dealerId, stage: r.stage ?? 'none', closeMonth: r.expectedCloseDate.slice(0, 7), line: forecastLineOf(r) },
            request.weighting,
            context,
          ),
      ),
      currency,
    };
  });
  return { items, nextCursor: page.nextCursor };
}

const SNAPSHOT_HORIZON_MONTHS = 12;

const addMonths = (month: string, n: number) => monthsBetween(month, '2199-12')[n] as string;

/**
 * The `forecast-snapshot` schedule: what each weighting says now about each of the next 12 months, kept; and the
 * record of the month that ended two months ago (what was won, what each snapshot had said), for the track record.
 */
export async function takeForecastSnapshot(at: Date) {
  const takenMonth = at.toISOString().slice(0, 7);
  const range = { from: takenMonth, to: addMonths(takenMonth, SNAPSHOT_HORIZON_MONTHS - 1), period: 'month' as const, dimensions: [] };
  const reports = await Promise.all([
    ...(['stage', 'history', 'dealer', 'calibrated'] as const).map((weighting) => forecastReport({ ...range, weighting }, at)),
    forecastReport({ ...range, weighting: 'calibrated' }, at, { uncorrected: true }),
  ]);
  const [stage, history, dealer, calibrated, model] = reports.map((r) => r.rows) as ForecastRow[][] as [
    ForecastRow[],
    ForecastRow[],
    ForecastRow[],
    ForecastRow[],
    ForecastRow[],
  ];
  const snapshots = snapshotsOf(at, reports[0]?.currency ?? 'EUR', { stage, history, dealer, calibrated, model });
  for (const snapshot of snapshots) await forecastStore.putSnapshot(snapshot);
  const closing = monthsBetween('2000-01', takenMonth).at(-1 - CLOSE_AFTER_MONTHS) as string;
  const [won, closingSnapshots] = await Promise.all([
    forecastReport({ from: closing, to: closing, period: 'month', dimensions: [], weighting: 'stage' }, at),
    forecastStore.snapshotsFor(closing),
  ]);
  await forecastStore.putTrackRecord(trackRecordOf(closing, won.totals.wonValue, closingSnapshots));
  return { takenMonth, months: snapshots.length, closedMonth: closing };
}

const errorPercentOf = (actual: number, forecast: number) =>
  forecast === 0 ? null : Math.round(((actual - forecast) / forecast) * 10_000) / 100;

/**
 * What each snapshot forecast for `month`, against what was won in it (in today's reporting currency): the stage
 * weighting as the headline, and every weighting the snapshot kept (`model`: calibrated before its track record).
 */
export async function forecastAccuracy(month: string) {
  const [snapshots, report] = await Promise.all([
    forecastStore.snapshotsFor(month),
    forecastReport({ from: month, to: month, period: 'month', dimensions: [], weighting: 'stage' }),
  ]);
  const actual = report.totals.wonValue;
  return {
    month,
    currency: report.currency,
    actualWonValue: actual,
    snapshots: snapshots
      .sort((a: Snapshot, b: Snapshot) => a.takenMonth.localeCompare(b.takenMonth))
      .map((s) => ({
        takenMonth: s.takenMonth,
        takenAt: s.takenAt,
        forecastPipelineValue: s.pipelineValue,
        forecastWeightedValue: s.weightedValue,
        error: actual - s.weightedValue,
        errorPercent: errorPercentOf(actual, s.weightedValue),
        byWeighting: Object.fromEntries(
          SNAPSHOT_WEIGHTINGS.filter((w) => s.weightedValues?.[w] !== undefined).map((w) => {
            const forecast = s.weightedValues?.[w] as number;
            return [w, { forecastWeightedValue: forecast, error: actual - forecast, errorPercent: errorPercentOf(actual, forecast) }];
          }),
        ),
      })),
  };
}
