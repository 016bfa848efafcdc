/**
 * Table items and transactions as shared/db/registration-repository.ts writes them. Its item builders (toItem,
 * historyItem, lockChanges, openCountChange, forecastChanges) are private to it, so they are mirrored here; the key
 * formats (keys.ts) and the forecast contributions (contribution.ts) are the application's own.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import type { HistoryEntry } from '../shared/db/registration-repository.js';
import type { StoredRegistration } from '../shared/domain/registration.js';
import { cellId, contributionDelta, type Cell } from '../shared/forecast/contribution.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const registrationItem = (r: StoredRegistration) => ({
  ...keys.registration(r.id),
  ...keys.registrationIndexes(r),
  entity: 'registration',
  ...r,
});

const historyItem = (registrationId: string, entry: HistoryEntry, tiebreak: string) => ({
  ...keys.historyEvent(registrationId, entry.at, tiebreak),
  entity: 'history',
  ...entry,
});

const versionTiebreak = (version: number) => `v${String(version).padStart(6, '0')}`;

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

const forecastCellUpdate = (table: string, cell: Cell): TransactItem => ({
  Update: {
    TableName: table,
    Key: keys.forecastCell(cell.month, cell.dealerId, cellId(cell)),
    UpdateExpression:
      'ADD openCount :openCount, pipeline :pipeline, wonCount :wonCount, won :won ' +
      'SET #month = :month, productLine = :productLine, country = :country, dealerId = :dealerId, stage = :stage, currency = :currency, entity = :entity',
    ExpressionAttributeNames: { '#month': 'month' },
    ExpressionAttributeValues: {
      ':openCount': cell.openCount,
      ':pipeline': cell.pipeline,
      ':wonCount': cell.wonCount,
      ':won': cell.won,
      ':month': cell.month,
      ':productLine': cell.productLine,
      ':country': cell.country,
      ':dealerId': cell.dealerId,
      ':stage': cell.stage,
      ':currency': cell.currency,
      ':entity': 'forecast-cell',
    },
  },
});

const lockPut = (table: string, lock: string, registrationId: string, dealerId: string, at: string): TransactItem => ({
  Put: {
    TableName: table,
    Item: { PK: lock, SK: 'LOCK', entity: 'lock', holder: registrationId, dealerId, since: at },
    ConditionExpression: 'attribute_not_exists(PK) OR holder = :holder',
    ExpressionAttributeValues: { ':holder': registrationId },
  },
});

export const openCountItem = (dealerId: string, count: number) => ({
  ...keys.openRegistrationCounter(dealerId),
  count,
  entity: 'open-count',
});

const openCountUpdate = (table: string, dealerId: string, delta: number): TransactItem => ({
  Update: {
    TableName: table,
    Key: keys.openRegistrationCounter(dealerId),
    UpdateExpression: 'SET #count = if_not_exists(#count, :zero) + :delta, entity = :entity',
    ExpressionAttributeNames: { '#count': 'count' },
    ExpressionAttributeValues: { ':zero': 0, ':delta': delta, ':entity': 'open-count' },
  },
});

/** As `transact` sends items: a conditioned item returns the old item when its condition fails. */
function withOldValues(item: TransactItem): TransactItem {
  for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck'] as const) {
    const operation = item[kind];
    if (operation?.ConditionExpression) {
      return { [kind]: { ...operation, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactItem;
    }
  }
  return item;
}

/** `registrations.create`: the registration, its history, its customer locks, the open count, the forecast cell. */
export function createTransaction(table: string, r: StoredRegistration, entries: HistoryEntry[], extra: TransactItem[]): TransactItem[] {
  return [
    { Put: { TableName: table, Item: registrationItem(r), ConditionExpression: 'attribute_not_exists(PK)' } },
    ...entries.map((entry, index) => ({
      Put: { TableName: table, Item: historyItem(r.id, entry, `${versionTiebreak(r.version)}.${index}`) },
    })),
    ...(r.locks ?? []).map((lock) => lockPut(table, lock, r.id, r.dealerId, r.updatedAt)),
    openCountUpdate(table, r.dealerId, +1),
    ...contributionDelta(undefined, r).map((cell) => forecastCellUpdate(table, cell)),
    ...extra,
  ].map(withOldValues);
}

/** `registrations.replace` for a change of an open registration that keeps its status and locks (a PATCH). */
export function updateTransaction(
  table: string,
  previous: StoredRegistration,
  next: StoredRegistration,
  entry: HistoryEntry,
  extra: TransactItem[],
): TransactItem[] {
  if (previous.status !== next.status || previous.locks?.join() !== next.locks?.join()) {
    throw new Error('updateTransaction mirrors changes that keep the status and the locks');
  }
  return [
    {
      Put: {
        TableName: table,
        Item: registrationItem(next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': previous.version },
      },
    },
    { Put: { TableName: table, Item: historyItem(next.id, entry, versionTiebreak(next.version)) } },
    ...contributionDelta(previous, next).map((cell) => forecastCellUpdate(table, cell)),
    ...extra,
  ].map(withOldValues);
}
