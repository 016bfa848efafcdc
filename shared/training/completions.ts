/**
 * Recording completions: by channel admins or an LMS export (JSON or CSV rows, every row validated before any is
 * stored — unknown dealers and modules named by row and column), or by a passed quiz. Each completion is stored
 * once per dealer, module, user and day, and renews the dealer's certification when it certifies longer, so an
 * import can be re-run without changing anything.
 */
import type { RowsBody } from '../api/route-contract.js';
import { existingDealers } from '../db/setup-repository.js';
import { type StoredCompletion, trainingModules, trainingRecords } from '../db/training-repository.js';
import { expiresOn } from '../domain/certification.js';
import type { FieldError } from '../domain/errors.js';
import { fieldErrors } from '../http/problem.js';
import { readRows, refuseRows } from '../imports/row-reader.js';
import { CompletionRow, MAX_COMPLETION_ROWS } from '../schemas/training.js';

const CONCURRENCY = 16;
const COLUMNS = Object.keys(CompletionRow.shape);

/** Stores one completion and renews the certification; the renewal runs on re-runs too (a crash between the two). */
export async function recordCompletion(completion: StoredCompletion, now: Date) {
  const recorded = await trainingRecords.recordCompletion(completion, now);
  const renewed = await trainingRecords.renewCertification(completion, now.toISOString().slice(0, 10));
  return { recorded, renewed };
}

export async function importCompletions(body: RowsBody, now: Date) {
  const rows = readRows(body, { columns: COLUMNS, maxRows: MAX_COMPLETION_ROWS });
  const today = now.toISOString().slice(0, 10);
  const errors: FieldError[] = [];
  const valid: { at: string; label: string; row: ReturnType<typeof CompletionRow.parse> }[] = [];
  const seen = new Map<string, string>();
  for (const source of rows) {
    const result = CompletionRow.safeParse(source.value);
    if (!result.success) {
      errors.push(...fieldErrors(result.error.issues, source.at).map((e) => ({ ...e, message: `${source.label}: ${e.message}` })));
      continue;
    }
    const row = result.data;
    if (row.completedOn > today) errors.push({ path: `${source.at}/completedOn`, message: `${source.label}: must not be in the future` });
    const identity = `${row.dealerId}#${row.moduleId}#${row.userId}#${row.completedOn}`;
    const first = seen.get(identity);
    if (first) errors.push({ path: source.at, message: `${source.label}: repeats ${first}` });
    else seen.set(identity, source.label);
    valid.push({ at: source.at, label: source.label, row });
  }
  if (errors.length > 0) refuseRows(errors, rows.length);

  const moduleIds = [...new Set(valid.map((v) => v.row.moduleId))];
  const [dealers, modules] = await Promise.all([
    existingDealers(valid.map((v) => v.row.dealerId)),
    Promise.all(moduleIds.map((id) => trainingModules.get(id))).then((found) => new Map(found.flatMap((m) => (m ? [[m.id, m]] : [])))),
  ]);
  for (const { at, label, row } of valid) {
    if (!dealers.has(row.dealerId)) errors.push({ path: `${at}/dealerId`, message: `${label}: is not a dealer (${row.dealerId})` });
    if (!modules.has(row.moduleId))
      errors.push({ path: `${at}/moduleId`, message: `${label}: is not a training module (${row.moduleId})` });
  }
  if (errors.length > 0) refuseRows(errors, rows.length);

  const completions: StoredCompletion[] = valid.map(({ row }) => {
    const expires = expiresOn(row.completedOn, modules.get(row.moduleId)?.validityMonths);
    return { ...row, source: 'admin', ...(expires ? { expiresOn: expires } : {}) };
  });
  let recorded = 0;
  let certifications = 0;
  for (let i = 0; i < completions.length; i += CONCURRENCY) {
    const results = await Promise.all(completions.slice(i, i + CONCURRENCY).map((c) => recordCompletion(c, now)));
    recorded += results.filter((r) => r.recorded).length;
    certifications += results.filter((r) => r.renewed).length;
  }
  return { rows: rows.length, recorded, unchanged: rows.length - recorded, certifications };
}
