/** Every row validated before anything is sent: the requests to make, or every error by row and column. */
import { fieldErrors } from '../http/problem.js';
import type { ImportKind, ImportRequest, Row, RowError, ValidRow } from './import-kinds.js';

export interface SheetRow {
  /** The row's number in the spreadsheet (the header is row 1). */
  number: number;
  cells: Row;
}

export function validateRows(
  kind: ImportKind,
  header: readonly string[],
  rows: readonly SheetRow[],
): { requests: (ImportRequest & { row: number })[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const unknown = header.filter((column) => !kind.columns.includes(column));
  for (const column of unknown)
    errors.push({ row: 1, column, message: `is not a column of this import (columns: ${kind.columns.join(', ')})` });
  for (const column of kind.required.filter((c) => !header.includes(c))) errors.push({ row: 1, column, message: 'is missing' });
  const valid: ValidRow[] = [];
  for (const { number, cells } of rows) {
    const built = kind.build(cells);
    for (const cell of built.cellErrors) errors.push({ row: number, ...cell });
    const parsed = kind.schema.safeParse(built.body);
    if (!parsed.success) {
      const reported = new Set(built.cellErrors.map((e) => e.column));
      for (const issue of fieldErrors(parsed.error.issues)) {
        const column = kind.columnOf(issue.path);
        if (!reported.has(column)) errors.push({ row: number, column, message: issue.message });
        reported.add(column);
      }
      continue;
    }
    if (built.cellErrors.length > 0) continue;
    valid.push({ row: number, cells, body: parsed.data, id: built.id });
  }
  if (kind.combine) {
    const combined = kind.combine(valid);
    return { requests: combined.requests, errors: [...errors, ...combined.errors].sort((a, b) => a.row - b.row) };
  }
  const requests: (ImportRequest & { row: number })[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells, body, id } of valid) {
    const request = kind.request(cells, body, id);
    const key = `${request.method} ${request.path} ${request.idempotencyKey ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined && request.method === 'PUT') {
      errors.push({ row, column: kind.columns[0] as string, message: `repeats row ${first}` });
      continue;
    }
    seen.set(key, row);
    requests.push({ ...request, row });
  }
  return { requests, errors };
}
