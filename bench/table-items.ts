/**
 * Table items for bulk loading, and the repository's own transactions (shared/db/registration-repository.ts) for
 * the floor measurements. The bulk load writes open counts directly, as the repository's ADD updates would leave
 * them (and the forecast cells as `cellItem` builds them).
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import { creationItems, type HistoryEntry, registrationItem, replacementItems } from '../shared/db/registration-repository.js';
import { withOldValues } from '../shared/db/transaction.js';
import type { StoredRegistration } from '../shared/domain/registration.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export { registrationItem };

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
