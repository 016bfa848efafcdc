/** Summaries of measured durations: medians and nearest-rank percentiles, rounded for printing. */

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = ascending(values);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  const sorted = ascending(values);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencies(ms: readonly number[]): LatencySummary {
  return {
    count: ms.length,
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    p99: round(percentile(ms, 99)),
    max: round(Math.max(...ms)),
  };
}
