/**
 * A new lead as text fields — the form's fields and the CSV import's columns are the same names — mapped to the
 * API's `LeadInput` and validated by that very schema, so a row the browser accepts is a row the API accepts. The
 * schema is imported by a relative path, not `@shared`: the unit tests (test/unit/lead-csv.test.ts) read this module.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { LeadInput } from '../../../../../shared/schemas/leads.js';
import { toMinorUnits } from '../../../lib/format.js';

export const LEAD_COLUMNS = [
  'customerName',
  'country',
  'city',
  'postalCode',
  'vatId',
  'contactName',
  'contactEmail',
  'contactPhone',
  'source',
  'productLines',
  'note',
  'amount',
  'currency',
  'regionId',
] as const;
export type LeadColumn = (typeof LEAD_COLUMNS)[number];
export type LeadFields = Record<LeadColumn, string>;
export type LeadErrors = Partial<Record<LeadColumn, string>>;

export const REQUIRED_LEAD_COLUMNS: readonly LeadColumn[] = ['customerName', 'country', 'city', 'contactName', 'contactEmail', 'source'];
/** More rows than one sitting of an admin should send; a bigger file is split. */
export const MAX_IMPORT_ROWS = 1000;

export const EMPTY_LEAD: LeadFields = Object.fromEntries(LEAD_COLUMNS.map((c) => [c, c === 'currency' ? 'EUR' : ''])) as LeadFields;

const optional = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

export function toLeadInput(fields: LeadFields): unknown {
  const amount = optional(fields.amount);
  const currency = optional(fields.currency) ?? 'EUR';
  const productLines = optional(fields.productLines)
    ?.split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const input = {
    customer: {
      name: fields.customerName,
      country: optional(fields.country)?.toUpperCase(),
      city: fields.city,
      postalCode: optional(fields.postalCode),
      vatId: optional(fields.vatId),
    },
    contact: { name: fields.contactName, email: fields.contactEmail.trim(), phone: optional(fields.contactPhone) },
    interest: { productLines, note: optional(fields.note) },
    source: fields.source,
    expectedValue:
      amount === undefined
        ? undefined
        : { amount: Number.isNaN(Number(amount)) ? amount : toMinorUnits(Number(amount), currency), currency },
    regionId: optional(fields.regionId),
  };
  return JSON.parse(JSON.stringify(input)) as unknown;
}

/** A problem's path (zod's array or the server's JSON Pointer) to the field or column that shows it. */
export function columnOf(path: readonly PropertyKey[] | string): LeadColumn {
  const parts = typeof path === 'string' ? path.split('/').filter(Boolean) : path.map(String);
  const [head, second] = parts;
  switch (head) {
    case 'customer':
      return (
        ({ name: 'customerName', country: 'country', city: 'city', postalCode: 'postalCode', vatId: 'vatId' } as const)[second as 'name'] ??
        'customerName'
      );
    case 'contact':
      return ({ name: 'contactName', email: 'contactEmail', phone: 'contactPhone' } as const)[second as 'name'] ?? 'contactName';
    case 'interest':
      return second === 'note' ? 'note' : 'productLines';
    case 'expectedValue':
      return parts.at(-1) === 'currency' ? 'currency' : 'amount';
    case 'source':
    case 'regionId':
      return head;
    default:
      return 'customerName';
  }
}

export function validateLead(fields: LeadFields): { errors: LeadErrors; input?: LeadInput } {
  const result = LeadInput.safeParse(toLeadInput(fields));
  const errors: LeadErrors = {};
  if (result.success) return { errors, input: result.data };
  for (const issue of result.error.issues) errors[columnOf(issue.path)] ??= issue.message;
  return { errors };
}

export function leadServerErrors(problems: { path: string; message: string }[] | undefined): LeadErrors {
  const errors: LeadErrors = {};
  for (const problem of problems ?? []) errors[columnOf(problem.path)] ??= problem.message;
  return errors;
}

export interface ImportRow {
  /** The row's line in the file, the header being line 1. */
  line: number;
  fields: LeadFields;
  input: LeadInput;
}

export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

/** Parses a CSV file with a header row of LEAD_COLUMNS names and validates every row; nothing is sent yet. */
export function parseLeadCsv(text: string): { rows: ImportRow[]; problems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, column: '', message: (error as Error).message }] };
  }
  const [header = [], ...body] = records;
  const problems: RowProblem[] = [];
  const known = new Set<string>(LEAD_COLUMNS);
  for (const name of header) if (!known.has(name)) problems.push({ line: 1, column: name, message: 'is not a column of a lead' });
  for (const name of REQUIRED_LEAD_COLUMNS)
    if (!header.includes(name)) problems.push({ line: 1, column: name, message: 'is missing from the header' });
  if (body.length === 0) problems.push({ line: 2, column: '', message: 'the file has no rows' });
  if (body.length > MAX_IMPORT_ROWS)
    problems.push({ line: MAX_IMPORT_ROWS + 2, column: '', message: `at most ${MAX_IMPORT_ROWS} rows at once` });
  if (problems.length > 0) return { rows: [], problems };
  const rows: ImportRow[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    if (record.length > header.length)
      problems.push({ line, column: '', message: `has ${record.length} values for ${header.length} columns` });
    const fields = { ...EMPTY_LEAD, currency: '' };
    header.forEach((name, column) => {
      fields[name as LeadColumn] = record[column] ?? '';
    });
    const { errors, input } = validateLead(fields);
    for (const [column, message] of Object.entries(errors)) problems.push({ line, column, message });
    if (input) rows.push({ line, fields, input });
  });
  return { rows, problems };
}
