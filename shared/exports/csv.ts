/**
 * The one CSV writer of every export. For spreadsheets: RFC 4180 (comma separator, CRLF line ends, quotes where
 * needed) written by csv-stringify, UTF-8 with a byte-order mark so that Excel opens accents correctly.
 *
 * Text cells are neutralised against formula injection (csv-stringify `escape_formulas`, OWASP "CSV injection"): a
 * text starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms) is written with a
 * leading `'`, so Excel and LibreOffice show it as text instead of running it. Numbers are not user text: a number
 * cell is written as the number it is (a negative amount stays `-12.50`, never `'-12.50`), so columns of numbers
 * must hold JavaScript numbers, never numeric strings.
 */
import { stringify } from 'csv-stringify/sync';

export interface CsvColumn {
  key: string;
  header: string;
  /** Number cells of this column are written with exactly this many decimals (amounts: 2); else as they are. */
  decimals?: number;
}

export function toCsv(columns: readonly CsvColumn[], records: readonly Record<string, unknown>[]): string {
  const decimals = new Map(columns.map((c) => [c.key, c.decimals]));
  return stringify(records as Record<string, unknown>[], {
    bom: true,
    header: true,
    columns: columns.map(({ key, header }) => ({ key, header })),
    record_delimiter: 'windows',
    // A lone CR or LF inside a cell would end the row for some readers: such cells are quoted too.
    quoted_match: /[\r\n]/,
    escape_formulas: true,
    cast: {
      number: (value, context) => {
        const places = typeof context.column === 'string' ? decimals.get(context.column) : undefined;
        return places === undefined ? String(value) : value.toFixed(places);
      },
    },
  });
}

/**
 * An amount in minor units as a number in major units (two decimal places once written), whatever the currency's
 * minor unit: 12345 EUR cents → 123.45, 1500 JPY → 1500.
 */
export function minorToMajor(amount: number, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return amount / 10 ** digits;
}
