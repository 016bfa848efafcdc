import { formatNumber } from '../../../lib/format.js';

/** A file size in the reader's language: bytes, kB or MB (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1000) return formatNumber(bytes, locale, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  const [unit, divisor] = bytes < 1_000_000 ? (['kilobyte', 1000] as const) : (['megabyte', 1_000_000] as const);
  return formatNumber(bytes / divisor, locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
}
