/**
 * Reads the rows of a bulk body (`bodyType: 'rows'`): JSON `{ items: [rows] }` or CSV with a header row naming the
 * columns. Each row keeps where it came from (`/items/<i>` or `/lines/<n>`, line 1 being the header), so that
 * errors name the row and the column. CSV cells stay strings unless the caller converts them (numbers, booleans);
 * empty cells are absent. The row schema judges the values.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { RowsBody } from '../api/route-contract.js';
import { type FieldError, InvalidInput, MalformedRequest } from '../domain/errors.js';

export interface SourceRow {
  at: string;
  label: string;
  value: Record<string, unknown>;
}

export interface RowShape {
  /** The columns a CSV header may name. */
  columns: readonly string[];
  maxRows: number;
  /** What the rows are, in the message for an unknown column (e.g. `support`). */
  name?: string;
  /** A CSV cell as the value the row schema expects; undefined leaves it out. Default: the text, empty cells out. */
  cell?: (column: string, text: string) => unknown;
}

const asText = (_column: string, text: string) => (text === '' ? undefined : text);

function csvRows(text: string, { columns, maxRows, name, cell = asText }: RowShape): SourceRow[] {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new InvalidInput([{ path: '/', message: `is not valid CSV: ${(error as Error).message}` }], 'The CSV could not be read.');
  }
  const [header, ...data] = records;
  if (!header) throw new InvalidInput([{ path: '/', message: 'must start with a header row' }]);
  const errors: FieldError[] = [
    ...header
      .filter((c) => !columns.includes(c))
      .map((c) => ({ path: `/columns/${c}`, message: `is not a column${name ? ` of ${name}` : ''} (columns: ${columns.join(', ')})` })),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => ({ path: `/columns/${c}`, message: 'appears twice in the header' })),
  ];
  if (errors.length > 0) throw new InvalidInput(errors, 'The CSV header has unknown or repeated columns.');
  if (data.length > maxRows) throw new InvalidInput([{ path: '/', message: `must hold at most ${maxRows} rows` }]);
  return data.map((cells, index) => ({
    at: `/lines/${index + 2}`,
    label: `line ${index + 2}`,
    value: Object.fromEntries(header.map((column, i) => [column, cell(column, cells[i] ?? '')]).filter(([, v]) => v !== undefined)),
  }));
}

function jsonRows(text: string, maxRows: number): SourceRow[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new MalformedRequest('The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInput([{ path: '/', message: 'must be an object { "items": [rows] }' }]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'items');
  if (extra.length > 0) throw new InvalidInput(extra.map((k) => ({ path: `/${k}`, message: 'is not a field of this request' })));
  const items = (body as { items?: unknown }).items;
  if (!Array.isArray(items))
    throw new InvalidInput([{ path: '/items', message: items === undefined ? 'is required' : 'must be an array of rows' }]);
  if (items.length > maxRows) throw new InvalidInput([{ path: '/items', message: `must hold at most ${maxRows} rows` }]);
  return items.map((value, index) => ({ at: `/items/${index}`, label: `row ${index + 1}`, value: value as Record<string, unknown> }));
}

export function readRows(body: RowsBody, shape: RowShape): SourceRow[] {
  const rows = body.format === 'csv' ? csvRows(body.text, shape) : jsonRows(body.text, shape.maxRows);
  if (rows.length === 0) throw new InvalidInput([{ path: body.format === 'csv' ? '/' : '/items', message: 'must hold at least one row' }]);
  return rows;
}

/** At most this many row errors are listed; the detail says how many there were. */
const MAX_LISTED_ERRORS = 100;

export function refuseRows(errors: FieldError[], rows: number, outcome = 'nothing was recorded'): never {
  const listed = errors.slice(0, MAX_LISTED_ERRORS);
  throw new InvalidInput(
    listed,
    `${errors.length} error${errors.length === 1 ? '' : 's'} in ${rows} rows; ${outcome}.` +
      (errors.length > listed.length ? ` The first ${listed.length} are listed.` : ''),
  );
}
