/**
 * CSV for spreadsheets: RFC 4180 (comma separator, CRLF line ends, quotes where needed) written by csv-stringify,
 * UTF-8 with a byte-order mark so that Excel opens accents correctly, amounts as decimals with two places and a
 * dot, which every Excel locale reads as a number when the file is imported.
 */
import { stringify } from 'csv-stringify/sync';

export function minorToDecimal(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (amount / 10 ** digits).toFixed(2);
}

export function toCsv(columns: { key: string; header: string }[], records: Record<string, unknown>[]): string {
  return stringify(records, {
    bom: true,
    header: true,
    columns,
    record_delimiter: 'windows',
    cast: { number: (value) => String(value) },
  });
}
