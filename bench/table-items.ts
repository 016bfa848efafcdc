/**
 * Table items for bulk loading, and the repository's own transactions (shared/db/registration-repository.ts) for
 * the floor measurements. The bulk load writes summed forecast cells and open counts directly, as the repository's
 * ADD updates would leave them.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import { creationItems, type HistoryEntry, registrationItem, replacementItems } from '../shared/db/registration-repository.js';
import { withOldValues } from '../shared/db/transaction.js';
import type { StoredRegistration } from '../shared/domain/registration.js';
import { type Cell, cellId } from '../shared/forecast/contribution.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export { registrationItem };

/** The attributes the repository's ADD update gives a cell (`forecastChanges`), as one item with summed values. */
export const forecastCellItem = (cell: Cell) => ({
  ...keys.forecastCell(cell.month, cell.dealerId, cellId(cell)),
  openCount: cell.openCount,
  pipeline: cell.pipeline,
  wonCount: cell.wonCount,
  won: cell.won,
  month: cell.month,
  productLine: cell.productLine,
  country: cell.country,
  dealerId: cell.dealerId,
  stage: cell.stage,
  currency: cell.currency,
  entity: 'forecast-cell',
});

export const openCountItem = (dealerId: string, count: number) => ({
  ...keys.openRegistrationCounter(dealerId),
  count,
  entity: 'open-count',
});

/** `registrations.create`'s transaction, exactly as the repository builds it. */
export function createTransaction(r: StoredRegistration, entries: HistoryEntry[], extra: TransactItem[]): TransactItem[] {
  const named = extra.map((item, index) => ({ name: `extra:${index}`, item }));
  return creationItems(r, entries, { extra: named }).map((n) => withOldValues(n.item));
}

/** `registrations.replace`'s transaction, exactly as the repository builds it. */
export function updateTransaction(
  previous: StoredRegistration,
  next: StoredRegistration,
  entry: HistoryEntry,
  extra: TransactItem[],
): TransactItem[] {
  const named = extra.map((item, index) => ({ name: `extra:${index}`, item }));
  return replacementItems(previous, next, entry, named).map((n) => withOldValues(n.item));
}
