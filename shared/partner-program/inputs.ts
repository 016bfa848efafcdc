/**
 * Bulk KPI inputs (JSON `{ items }` or CSV with a header row): every row is validated first, with errors naming the
 * row and the field; only when all rows are good are they grouped per dealer and month and stored, each dealer-month
 * replacing what the same kind held for it. A re-posted month therefore replaces rather than adds.
 */
import type * as z from 'zod';
import type { RowsBody } from '../api/route-contract.js';
import { type KpiMonthItem, kpiInputs } from '../db/kpi-repository.js';
import { existingDealers, program as programRepository } from '../db/setup-repository.js';
import type { FieldError } from '../domain/errors.js';
import { fieldErrors } from '../http/problem.js';
import { readRows, refuseRows } from '../imports/row-reader.js';
import { INPUT_KINDS, type InputKind, MAX_INPUT_ROWS } from '../schemas/partner-program.js';

const BOOLEANS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };

/** A CSV cell as the JSON value the row schema expects: numbers and booleans by column, empty cells absent. */
function cellValue(kind: InputKind, column: string, cell: string): unknown {
  const spec = INPUT_KINDS[kind];
  if (cell === '') return undefined;
  if ((spec.numbers as readonly string[]).includes(column) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  if ((spec.booleans as readonly string[]).includes(column) && cell.toLowerCase() in BOOLEANS) return BOOLEANS[cell.toLowerCase()];
  return cell;
}

/** Groups valid rows per dealer-month into the item each kind stores. */
function toItems(kind: InputKind, rows: Record<string, unknown>[]): KpiMonthItem[] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = `${row.dealerId}#${row.month}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every kind, which the compiler checks
  return [...groups.values()].map((group) => {
    const { dealerId, month } = group[0] as { dealerId: string; month: string };
    const base = { dealerId, month, kind };
    switch (kind) {
      case 'revenue':
        return { ...base, data: { lines: group.map((r) => ({ productLine: r.productLine, amount: r.amount, currency: r.currency })) } };
      case 'training':
        return {
          ...base,
          data: {
            users: new Set(group.map((r) => r.userId)).size,
            modules: new Set(group.map((r) => r.moduleId)).size,
            assigned: group.length,
            completed: group.filter((r) => r.completed === true).length,
          },
        };
      case 'marketing':
        return { ...base, data: { campaigns: group.map((r) => ({ campaignId: r.campaignId, participated: r.participated })) } };
      case 'support':
        return { ...base, data: { tickets: (group[0] as { tickets: number }).tickets } };
      case 'satisfaction':
        return {
          ...base,
          data: { responses: (group[0] as { responses: number }).responses, score: (group[0] as { score: number }).score },
        };
    }
  });
}

export async function importInputs(kind: InputKind, body: RowsBody, now: Date) {
  const spec = INPUT_KINDS[kind];
  const rows = readRows(body, {
    columns: Object.keys(spec.row.shape),
    maxRows: MAX_INPUT_ROWS,
    name: kind,
    cell: (column, text) => cellValue(kind, column, text),
  });

  // 1. Every row against its schema, and no row twice.
  const errors: FieldError[] = [];
  const valid: Record<string, unknown>[] = [];
  const firstOf = new Map<string, string>();
  rows.forEach((row) => {
    const result = (spec.row as z.ZodType).safeParse(row.value);
    if (!result.success) {
      errors.push(...fieldErrors(result.error.issues, row.at).map((e) => ({ ...e, message: `${row.label}: ${e.message}` })));
      return;
    }
    const value = result.data as Record<string, unknown>;
    const identity = spec.unique.map((f) => String(value[f])).join('#');
    const first = firstOf.get(identity);
    if (first) errors.push({ path: row.at, message: `${row.label}: repeats ${first} (same ${spec.unique.join(', ')})` });
    else firstOf.set(identity, row.label);
    valid.push({ ...value, __at: row.at, __label: row.label });
  });
  if (errors.length > 0) refuseRows(errors, rows.length, 'nothing was stored');

  // 2. Dealers that exist, currencies the program can convert.
  const [dealers, settings] = await Promise.all([existingDealers(valid.map((r) => r.dealerId as string)), programRepository.get()]);
  for (const row of valid) {
    if (!dealers.has(row.dealerId as string)) {
      errors.push({ path: `${row.__at}/dealerId`, message: `${row.__label}: is not a dealer (${row.dealerId})` });
    }
    if (kind === 'revenue') {
      const currency = row.currency as string;
      if (currency !== settings.reportingCurrency && !(currency in settings.fxRates)) {
        errors.push({
          path: `${row.__at}/currency`,
          message: `${row.__label}: has no exchange rate to ${settings.reportingCurrency} in the program`,
        });
      }
    }
  }
  if (errors.length > 0) refuseRows(errors, rows.length, 'nothing was stored');

  // 3. Only now: one item per dealer-month, each replacing the stored one.
  const items = toItems(
    kind,
    valid.map(({ __at: _a, __label: _l, ...row }) => row),
  );
  await kpiInputs.replace(items, now);
  return {
    kind,
    rows: rows.length,
    written: items.length,
    dealerMonths: items
      .map((i) => ({ dealerId: i.dealerId, month: i.month }))
      .sort((a, b) => a.dealerId.localeCompare(b.dealerId) || a.month.localeCompare(b.month)),
  };
}
