/**
 * The forecast's own track record, and the correction the `calibrated` weighting takes from it. Pure.
 *
 * Each month the `forecast-snapshot` schedule keeps what every weighting says about each of the next 12 months
 * (`model` is the calibrated weighting before this correction). Two months after a month ended — once late
 * reports of its wins are in — the schedule closes that month's record: what was won in it, and what each
 * snapshot had forecast for it, by how many months ahead it was taken. A forecast made h months ahead is then
 * scaled by won ÷ model-forecast over the last 12 closed months at that horizon: deals that slip out of the
 * window, deals overdue that still close, protections that run out — whatever the model systematically misses
 * at that horizon, its record shows.
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
 * The factor for a forecast `ahead` months ahead: won ÷ forecast over the closed months of the last year that had
 * one at that horizon, plus one month's worth at factor 1, so that a short record moves the forecast only a little.
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
  const oneMonth = forecast / usable.length;
  return forecast > 0 ? (won + oneMonth) / (forecast + oneMonth) : 1;
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
