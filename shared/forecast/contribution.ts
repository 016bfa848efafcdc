/**
 * What one registration contributes to the forecast aggregates, and how a change moves it. Pure. The aggregates
 * are cells keyed by (month, product line, customer country, dealer, stage, currency, registration month); region
 * and tier are joined at read time, so a region's countries or a dealer's tier can change without the aggregates
 * drifting. The registration month gives an open deal's age at any later report (old open deals are often dead
 * ones, dealer-model.ts).
 */
import { isOpen } from '../domain/lifecycle.js';
import type { StoredRegistration } from '../domain/registration.js';

export interface CellKey {
  month: string;
  productLine: string;
  country: string;
  dealerId: string;
  /** `none` when the dealer gave no stage. */
  stage: string;
  currency: string;
  /** Month the registration was submitted (`YYYY-MM`); empty in cells written before it was kept. */
  cohort: string;
}

export interface CellValues {
  openCount: number;
  pipeline: number;
  wonCount: number;
  won: number;
}

export interface Cell extends CellKey, CellValues {}

export const cellId = (k: CellKey) => [k.productLine, k.country, k.dealerId, k.stage, k.currency, k.cohort].join('#');

/**
 * Rollups: the cells summed over dealers and registration months, per month, product line, country, stage and
 * currency (and the dealer's shard, so that their writes spread like the cells'). A stage-weighted report grouped
 * by nothing finer than product line and region reads these — their number grows with the catalogue and the
 * countries, not with dealers or deals. As cells they have no dealer and no registration month (`''`).
 */
export const rollupId = (k: CellKey) => [k.productLine, k.country, k.stage, k.currency].join('#');

/**
 * A deal is attributed to one product line: the one with the most units (ties: alphabetical), so that counts and
 * values add up across groups. The registration keeps the line in `productLines` order of its products.
 */
export function primaryProductLine(
  r: Pick<StoredRegistration, 'products' | 'productLines'>,
  lineOf: (sku: string) => string | undefined,
): string {
  const units = new Map<string, number>();
  for (const p of r.products) {
    const line = lineOf(p.sku);
    if (line) units.set(line, (units.get(line) ?? 0) + p.quantity);
  }
  const ranked = [...units.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0] ?? r.productLines[0] ?? 'unknown';
}

/** The product line the forecast counts a registration in (primaryProductLine, kept at each change). */
export const forecastLineOf = (r: Pick<StoredRegistration, 'forecastLine' | 'productLines'>) =>
  r.forecastLine ?? r.productLines[0] ?? 'unknown';

/** The cells a registration counts in: its pipeline while open, its won value once won. */
export function contributions(r: StoredRegistration | undefined): Cell[] {
  if (!r) return [];
  const line = forecastLineOf(r);
  const base = {
    productLine: line,
    country: r.customer.country,
    dealerId: r.dealerId,
    stage: r.stage ?? 'none',
    cohort: r.submittedAt.slice(0, 7),
  };
  if (isOpen(r.status)) {
    return [
      {
        ...base,
        month: r.expectedCloseDate.slice(0, 7),
        currency: r.expectedValue.currency,
        openCount: 1,
        pipeline: r.expectedValue.amount,
        wonCount: 0,
        won: 0,
      },
    ];
  }
  if (r.status === 'won' && r.outcome?.result === 'won') {
    const value = r.outcome.actualValue ?? r.expectedValue;
    return [
      {
        ...base,
        month: r.outcome.closedOn.slice(0, 7),
        currency: value.currency,
        openCount: 0,
        pipeline: 0,
        wonCount: 1,
        won: value.amount,
      },
    ];
  }
  return [];
}

/** The per-cell changes that take the aggregates from `previous` to `next` (zero changes left out). */
export function contributionDelta(previous: StoredRegistration | undefined, next: StoredRegistration | undefined): Cell[] {
  const cells = new Map<string, Cell>();
  const add = (cell: Cell, sign: 1 | -1) => {
    const id = `${cell.month}#${cellId(cell)}`;
    const current = cells.get(id) ?? { ...cell, openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
    current.openCount += sign * cell.openCount;
    current.pipeline += sign * cell.pipeline;
    current.wonCount += sign * cell.wonCount;
    current.won += sign * cell.won;
    cells.set(id, current);
  };
  for (const c of contributions(previous)) add(c, -1);
  for (const c of contributions(next)) add(c, 1);
  return [...cells.values()].filter((c) => c.openCount || c.pipeline || c.wonCount || c.won);
}

/** The cells that registrations add up to, as their changes' `ADD` updates leave them (empty cells left out). */
export function cellsOf(registrations: Iterable<StoredRegistration>): Cell[] {
  const cells = new Map<string, Cell>();
  for (const r of registrations) {
    for (const c of contributions(r)) {
      const id = `${c.month}#${cellId(c)}`;
      const sum = cells.get(id) ?? { ...c, openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
      sum.openCount += c.openCount;
      sum.pipeline += c.pipeline;
      sum.wonCount += c.wonCount;
      sum.won += c.won;
      cells.set(id, sum);
    }
  }
  return [...cells.values()];
}

/** Closed registrations per dealer and stage, for history weighting: won against all that ran their course. */
export interface CloseStat {
  dealerId: string;
  stage: string;
  closed: number;
  won: number;
}

const RAN_ITS_COURSE = new Set(['won', 'lost', 'expired', 'withdrawn']);

export function closeStatDelta(previous: StoredRegistration | undefined, next: StoredRegistration): CloseStat | undefined {
  const wasClosed = previous ? RAN_ITS_COURSE.has(previous.status) : false;
  if (wasClosed || !RAN_ITS_COURSE.has(next.status)) return undefined;
  return { dealerId: next.dealerId, stage: next.stage ?? 'none', closed: 1, won: next.status === 'won' ? 1 : 0 };
}
