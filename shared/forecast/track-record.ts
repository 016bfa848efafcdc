/**
 * The forecast's own track record, and the correction the `calibrated` weighting takes from it. Pure.
 *
 * Each month the `forecast-snapshot` schedule keeps what every weighting says about each of the next 12 months
 * (`model` is the calibrated weighting before this correction). Two months after a month ended — once late
 * reports of its wins are in — the schedule closes that month's record: what was won in it, and what each
 * snapshot had forecast for it, by how many months ahead it was taken. A forecast made h months ahead is then
 * scaled by won ÷ model-forecast over the last closed months at that horizon: deals that slip out of the window,
 * deals overdue that still close, protections that run out — whatever the model systematically misses at that
 * horizon, its record shows. Only halfway, once the record is full (`TRACK_PRIOR_MONTHS`): the record's months
 * are two to five months older than the ones it corrects, and a full correction overshoots.
 */
import { monthsAhead } from './dealer-stats.js';

/** Weighted values of a snapshot per weighting; `model` is `calibrated` without the track-record correction. */
export const SNAPSHOT_WEIGHTINGS = ['stage', 'history', 'dealer', 'calibrated', 'model'] as const;
export type SnapshotWeighting = (typeof SNAPSHOT_WEIGHTINGS)[number];

export interface Snapshot {
  targetMonth: string;
  takenMonth: string;
  takenAt: string;
  openCount: number;
  pipelineValue: number;
  /** Stage-weighted value (kept under this name for snapshots taken before the other weightings). */
  weightedValue: number;
  weightedValues?: Partial<Record<SnapshotWeighting, number>>;
  currency: string;
}

export interface TrackRecord {
  month: string;
  wonValue: number;
  /** Per weighting, the forecast for the month by months ahead (0 = taken in the month itself). */
  forecasts: Partial<Record<SnapshotWeighting, Record<string, number>>>;
}

/** A month is closed this many months after it: its late-reported wins are in by then. */
export const CLOSE_AFTER_MONTHS = 2;
export const TRACK_RECORD_MONTHS = 3;
/**
 * Months at factor 1 the record is blended with. On the simulation (seeds 20261201 / 7 / 11, error of the next
 * quarter): none 12.1 / 14.7 / 11.2 % (bias −7 to −9 %), one 9.2 / 10.6 / 8.7 %, three 7.6 / 6.6 / 6.3 % (bias
 * −0.2 to +1.5 %); without the record at all 11.5 / 8.6 % (bias +8 to +10 %).
 */
export const TRACK_PRIOR_MONTHS = 3;

export function trackRecordOf(month: string, wonValue: number, snapshots: Snapshot[]): TrackRecord {
  const forecasts: TrackRecord['forecasts'] = {};
  for (const s of snapshots) {
    const ahead = String(monthsAhead(month, s.takenMonth));
    for (const w of SNAPSHOT_WEIGHTINGS) {
      const value = s.weightedValues?.[w] ?? (w === 'stage' ? s.weightedValue : undefined);
      if (value === undefined) continue;
      forecasts[w] = { ...forecasts[w], [ahead]: value };
    }
  }
  return { month, wonValue, forecasts };
}

/**
 * The factor for a forecast `ahead` months ahead: won ÷ forecast over the last closed months that had one at that
 * horizon, plus `TRACK_PRIOR_MONTHS` months' worth at factor 1: a full record moves the forecast halfway to what it
 * says, a short one less.
 */
export function trackFactor(records: TrackRecord[], asOf: string, ahead: number, weighting: SnapshotWeighting = 'model'): number {
  const usable = records.filter((r) => {
    const age = monthsAhead(asOf, r.month);
    return (
      age >= CLOSE_AFTER_MONTHS && age < CLOSE_AFTER_MONTHS + TRACK_RECORD_MONTHS && r.forecasts[weighting]?.[String(ahead)] !== undefined
    );
  });
  if (usable.length === 0) return 1;
  const forecast = usable.reduce((sum, r) => sum + (r.forecasts[weighting]?.[String(ahead)] ?? 0), 0);
  const won = usable.reduce((sum, r) => sum + r.wonValue, 0);
  const prior = (TRACK_PRIOR_MONTHS * forecast) / usable.length;
  return forecast > 0 ? (won + prior) / (forecast + prior) : 1;
}

/** The snapshots of one run: per target month, the pipeline and each weighting's value (monthly report rows). */
export function snapshotsOf(
  takenAt: Date,
  currency: string,
  rows: Record<SnapshotWeighting, { period: string; openCount: number; pipelineValue: number; weightedValue: number }[]>,
): Snapshot[] {
  return rows.stage.map((row) => ({
    targetMonth: row.period,
    takenMonth: takenAt.toISOString().slice(0, 7),
    takenAt: takenAt.toISOString(),
    openCount: row.openCount,
    pipelineValue: row.pipelineValue,
    weightedValue: row.weightedValue,
    weightedValues: Object.fromEntries(
      SNAPSHOT_WEIGHTINGS.map((w) => [w, rows[w].find((r) => r.period === row.period)?.weightedValue ?? 0]),
    ),
    currency,
  }));
}

export const snapshotItem = (snapshot: Snapshot, keys: { PK: string; SK: string }) => ({
  ...keys,
  entity: 'forecast-snapshot',
  ...snapshot,
});

export const trackRecordItem = (record: TrackRecord, keys: { PK: string; SK: string }) => ({
  ...keys,
  entity: 'forecast-track-record',
  ...record,
});

export function trackRecordFromItem(item: Record<string, unknown>): TrackRecord {
  return { month: String(item.month), wonValue: Number(item.wonValue ?? 0), forecasts: (item.forecasts ?? {}) as TrackRecord['forecasts'] };
}
