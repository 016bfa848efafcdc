/** The reference data a report joins its cells with, as the report's context. Pure. */
import type { Program, Region } from '../schemas/setup.js';
import type { Cell } from './contribution.js';
import { dealerModel, type OverdueCounts } from './dealer-model.js';
import { asFlowStage, type CohortStats, type DealerStats } from './dealer-stats.js';
import type { ForecastContext, Weighting } from './report.js';
import { type TrackRecord, trackFactor } from './track-record.js';

export function forecastContext(args: {
  weighting: Weighting;
  program: Program;
  regions: Pick<Region, 'id' | 'countries'>[];
  tiers: Map<string, string>;
  closeStats: Map<string, { closed: number; won: number }>;
  dealerStats: DealerStats;
  cohortStats?: CohortStats;
  /** The month the report is made in. */
  asOf: string;
  /** Cells of the months before `asOf` (overdue open deals), for the dealer model; see `overdueMonths`. */
  overdueCells?: Cell[];
  /** Closed months' records, for the `calibrated` correction; none gives the uncorrected model. */
  trackRecords?: TrackRecord[];
}): ForecastContext {
  const regionByCountry = new Map(args.regions.flatMap((r) => r.countries.map((c) => [c, r.id] as const)));
  return {
    program: args.program,
    asOf: args.asOf,
    regionOfCountry: (country) => regionByCountry.get(country) ?? 'unassigned',
    tierOfDealer: (dealerId) => args.tiers.get(dealerId) ?? 'unranked',
    closeStat: (dealerId, stage) => args.closeStats.get(`${dealerId}#${stage}`),
    ...(args.weighting === 'calibrated' && args.trackRecords?.length
      ? { trackFactor: (ahead: number) => trackFactor(args.trackRecords as TrackRecord[], args.asOf, ahead) }
      : {}),
    ...(args.weighting === 'dealer' || args.weighting === 'calibrated'
      ? { dealerModel: dealerModel(args.dealerStats, args.program, overdueCounts(args.overdueCells ?? [], args.asOf), args.cohortStats) }
      : {}),
  };
}

function overdueCounts(cells: Cell[], asOf: string): OverdueCounts {
  const counts: OverdueCounts = new Map();
  for (const cell of cells) {
    if (cell.month >= asOf || cell.openCount <= 0) continue;
    const byStage = counts.get(cell.dealerId) ?? new Map();
    const stage = asFlowStage(cell.stage);
    byStage.set(stage, (byStage.get(stage) ?? 0) + cell.openCount);
    counts.set(cell.dealerId, byStage);
  }
  return counts;
}

/** The months before `asOf` an open registration can still be in: no protection outlasts them. */
export function overdueMonths(asOf: string, program: Program): [string, string] {
  const back = Math.ceil((program.protectionDays + program.extensionMaxDays) / 30) + 1;
  const [year, month] = asOf.split('-').map(Number) as [number, number];
  const at = (offset: number) => new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
  return [at(-back), at(-1)];
}

/** Which statistics a weighting reads, so that a report reads no more than it needs. */
export const statisticsOf = (weighting: Weighting) => ({
  closeStats: weighting === 'history',
  dealerStats: weighting === 'dealer' || weighting === 'calibrated',
  overdueCells: weighting === 'dealer' || weighting === 'calibrated',
  trackRecords: weighting === 'calibrated',
});
