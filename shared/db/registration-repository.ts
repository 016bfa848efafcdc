/** Registrations and their history. Every state change is one transaction: the new item and its history event. */

import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { environment } from '../config/environment.js';
import type { Actor } from '../domain/caller.js';
import { isOpen } from '../domain/lifecycle.js';
import type { RegistrationFacts } from '../domain/partner-kpis.js';
import type { RegistrationStatus, StoredRegistration } from '../domain/registration.js';
import { aggregateUpdates, updateExpression } from '../forecast/aggregate-items.js';
import { batchGet, batchWrite } from './batch.js';
import { documentClient } from './client.js';
import { cursorCodec, keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { forEachPage, queryAll } from './query-pages.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

export interface HistoryEntry {
  at: string;
  action: string;
  actor: Actor;
  fromStatus?: RegistrationStatus;
  toStatus?: RegistrationStatus;
  detail?: string;
}

const KEY_ATTRIBUTES = [
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
  'GSI5PK',
  'GSI5SK',
  'GSI6PK',
  'GSI6SK',
  'GSI7PK',
  'GSI7SK',
  'GSI8PK',
  'GSI8SK',
  'entity',
];

export function registrationFromItem(item: Record<string, unknown>): StoredRegistration {
  const copy = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as unknown as StoredRegistration;
}

/**
 * The registrations behind index entries (the lean indexes copy only part of an item), in the entries' order.
 * An entry whose registration is gone by the time it is read is left out.
 */
async function registrationsOf(entries: Record<string, unknown>[], options: { consistent?: boolean } = {}): Promise<StoredRegistration[]> {
  if (entries.length === 0) return [];
  const items = await batchGet(
    entries.map((e) => ({ PK: e.PK, SK: e.SK })),
    options,
  );
  const byKey = new Map(items.filter((i) => i.entity === 'registration').map((i) => [i.PK, registrationFromItem(i)]));
  return entries.map((e) => byKey.get(e.PK)).filter((r): r is StoredRegistration => r !== undefined);
}

/** A registration as a table item, with the index keys its state gives it. */
export function registrationItem(r: StoredRegistration) {
  return { ...keys.registration(r.id), ...keys.registrationIndexes(r), entity: 'registration', ...r };
}

function historyItem(registrationId: string, entry: HistoryEntry, tiebreak: string) {
  return { ...keys.historyEvent(registrationId, entry.at, tiebreak), entity: 'history', ...entry };
}

const versionTiebreak = (version: number) => `v${String(version).padStart(6, '0')}`;

/** Customer locks a registration takes (put, unless another holds them) and releases (delete, if it holds them). */
function lockChanges(registrationId: string, dealerId: string, held: string[], wanted: string[], at: string): NamedItem[] {
  const take = wanted.filter((k) => !held.includes(k));
  const release = held.filter((k) => !wanted.includes(k));
  return [
    ...take.map((lock) => ({
      name: `lock:${lock}`,
      item: {
        Put: {
          TableName: environment.tableName,
          Item: { PK: lock, SK: 'LOCK', entity: 'lock', holder: registrationId, dealerId, since: at },
          ConditionExpression: 'attribute_not_exists(PK) OR holder = :holder',
          ExpressionAttributeValues: { ':holder': registrationId },
        },
      },
    })),
    ...release.map((lock) => ({
      name: `unlock:${lock}`,
      item: {
        Delete: {
          TableName: environment.tableName,
          Key: { PK: lock, SK: 'LOCK' },
          ConditionExpression: 'attribute_not_exists(PK) OR holder = :holder',
          ExpressionAttributeValues: { ':holder': registrationId },
        },
      },
    })),
  ];
}

/** The forecast aggregates (cells, close statistics, dealer statistics) a change moves, in the change's own transaction. */
function forecastChanges(previous: StoredRegistration | undefined, next: StoredRegistration): NamedItem[] {
  return aggregateUpdates(previous, next).map((update) => ({
    name: update.name,
    item: { Update: { TableName: environment.tableName, ...updateExpression(update) } },
  }));
}

/** Adds `delta` to the dealer's count of open registrations; with `max`, refuses to go beyond it. */
function openCountChange(dealerId: string, delta: number, max?: number): NamedItem {
  return {
    name: 'open-count',
    item: {
      Update: {
        TableName: environment.tableName,
        Key: keys.openRegistrationCounter(dealerId),
        UpdateExpression: 'SET #count = if_not_exists(#count, :zero) + :delta, entity = :entity',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':zero': 0,
          ':delta': delta,
          ':entity': 'open-count',
          ...(max === undefined ? {} : { ':max': max }),
        },
        ...(max === undefined ? {} : { ConditionExpression: 'attribute_not_exists(#count) OR #count < :max' }),
      },
    },
  };
}

/**
 * The transaction that creates a registration: the item, its first history events, its customer locks, the
 * dealer's open count, its forecast cells, and `extra` items (an idempotency record, a conflict case, outbox
 * messages). A refused condition names the item: `registration`, `lock:<key>`, `open-count`, or an extra's.
 */
export function creationItems(
  registration: StoredRegistration,
  entries: HistoryEntry[],
  options: { extra?: NamedItem[]; maxOpen?: number | undefined } = {},
): NamedItem[] {
  return [
    {
      name: 'registration',
      item: {
        Put: { TableName: environment.tableName, Item: registrationItem(registration), ConditionExpression: 'attribute_not_exists(PK)' },
      },
    },
    ...entries.map((entry, index) => ({
      name: `history:${index}`,
      item: {
        Put: {
          TableName: environment.tableName,
          Item: historyItem(registration.id, entry, `${versionTiebreak(registration.version)}.${index}`),
        },
      },
    })),
    ...lockChanges(registration.id, registration.dealerId, [], registration.locks ?? [], registration.updatedAt),
    openCountChange(registration.dealerId, +1, options.maxOpen),
    ...forecastChanges(undefined, registration),
    ...(options.extra ?? []),
  ];
}

/**
 * The transaction that replaces `previous` with `next` if its version is still the one read: the history event,
 * customer locks taken or released, the dealer's open count and the forecast cells move with it.
 */
export function replacementItems(
  previous: StoredRegistration,
  next: StoredRegistration,
  entry: HistoryEntry | HistoryEntry[],
  extra: NamedItem[] = [],
): NamedItem[] {
  const entries = Array.isArray(entry) ? entry : [entry];
  const stored = isOpen(next.status) ? next : { ...next, locks: [] };
  const opens = Number(isOpen(next.status)) - Number(isOpen(previous.status));
  return [
    {
      name: 'registration',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: registrationItem(stored),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': previous.version },
        },
      },
    },
    ...entries.map((e, index) => ({
      name: index === 0 ? 'history' : `history:${index}`,
      item: {
        Put: {
          TableName: environment.tableName,
          Item: historyItem(next.id, e, index === 0 ? versionTiebreak(next.version) : `${versionTiebreak(next.version)}.${index}`),
        },
      },
    })),
    ...lockChanges(next.id, next.dealerId, previous.locks ?? [], stored.locks ?? [], next.updatedAt),
    ...(opens === 0 ? [] : [openCountChange(next.dealerId, opens)]),
    ...forecastChanges(previous, next),
    ...extra,
  ];
}

/** How many of a dealer's registrations one search request reads at most (it answers a cursor to go on). */
const SEARCH_MAX_EXAMINED = 1000;

/** A name as search compares it: lower case, without accents or punctuation. */
const searchable = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const historyCursor = keyCursor('registration-history');
/** A review queue's position: `<submittedAt>#<id>` of the last registration shown. */
const queuePositionCursor = cursorCodec('review-queue', z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#reg_[0-9A-Za-z]+$/));
const dealerListCursor = keyCursor('dealer-registrations');

export const registrations = {
  async get(id: string): Promise<StoredRegistration | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.registration(id), ConsistentRead: true }),
    );
    return Item && Item.entity === 'registration' ? registrationFromItem(Item) : undefined;
  },

  /** Writes a new registration (see `creationItems`); a refused condition throws ConditionsFailed naming the items. */
  async create(
    registration: StoredRegistration,
    entries: HistoryEntry[],
    options: { extra?: NamedItem[]; maxOpen?: number | undefined } = {},
  ) {
    await transact(creationItems(registration, entries, options));
  },

  /**
   * Replaces `previous` with `next` only if nobody changed it meanwhile (same version); see `replacementItems`.
   * Returns false when the version moved on.
   */
  async replace(
    previous: StoredRegistration,
    next: StoredRegistration,
    entry: HistoryEntry | HistoryEntry[],
    extra: NamedItem[] = [],
  ): Promise<boolean> {
    try {
      await transact(replacementItems(previous, next, entry, extra));
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('registration')) return false;
      throw error;
    }
  },

  /** Records a read by the manufacturer side: history that is not a state change. */
  async recordRead(registrationId: string, entry: HistoryEntry): Promise<void> {
    await this.recordReads([registrationId], entry);
  },

  /** Records one read of several registrations (a review-queue page) with BatchWriteItem. */
  async recordReads(registrationIds: string[], entry: HistoryEntry): Promise<void> {
    await batchWrite(registrationIds.map((id) => ({ PutRequest: { Item: historyItem(id, entry, `r${randomUUID()}`) } })));
  },

  async history(registrationId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.registration(registrationId).PK;
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.historyPrefix() },
        Limit: page.limit,
        ExclusiveStartKey: historyCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    const items = Items.map(({ at, action, actor, fromStatus, toStatus, detail }) => ({
      at,
      action,
      actor,
      ...(fromStatus ? { fromStatus } : {}),
      ...(toStatus ? { toStatus } : {}),
      ...(detail ? { detail } : {}),
    })) as HistoryEntry[];
    return { items, nextCursor: historyCursor.encode(LastEvaluatedKey) };
  },

  /**
   * A dealer's registrations, newest first, optionally in one status: the dealer's index (GSI6) read page by page,
   * filtered by status there, at most `SEARCH_MAX_EXAMINED` entries per request (the cursor resumes after the last
   * entry examined); the page's registrations are then read by key.
   */
  async listForDealer(dealerId: string, status: RegistrationStatus | undefined, page: { limit: number; cursor?: string | undefined }) {
    return this.searchForDealer(dealerId, status, undefined, page);
  },

  /**
   * A dealer's registrations whose customer name contains `q` (case, accents and punctuation ignored; every one
   * without `q`), optionally in one status, newest first: the dealer's index read page by page and filtered here,
   * at most `SEARCH_MAX_EXAMINED` entries per request; the cursor resumes after the last entry examined.
   */
  async searchForDealer(
    dealerId: string,
    status: RegistrationStatus | undefined,
    q: string | undefined,
    page: { limit: number; cursor?: string | undefined },
  ) {
    const partition = keys.dealerRegistrationsPartition(dealerId);
    const wanted = q === undefined ? undefined : searchable(q);
    const found: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined = dealerListCursor.decode(page.cursor, { GSI6PK: partition });
    let examined = 0;
    let resumeAt: Record<string, unknown> | undefined;
    const matches = (item: Record<string, unknown>) =>
      (status === undefined || item.status === status) &&
      (wanted === undefined || searchable((item.customer as { name?: string } | undefined)?.name ?? '').includes(wanted));
    do {
      const { Items = [], LastEvaluatedKey } = await documentClient.send(
        new QueryCommand({
          TableName: environment.tableName,
          IndexName: 'GSI6',
          KeyConditionExpression: 'GSI6PK = :p',
          ExpressionAttributeValues: { ':p': partition },
          ScanIndexForward: false,
          // Unfiltered, one page is the answer; filtered, larger pages examine more per round trip.
          Limit: status === undefined && wanted === undefined ? page.limit : 100,
          ExclusiveStartKey: startKey,
        }),
      );
      resumeAt = LastEvaluatedKey;
      for (const [position, item] of Items.entries()) {
        examined += 1;
        if (matches(item)) found.push(item);
        if (found.length === page.limit || examined >= SEARCH_MAX_EXAMINED) {
          const more = position < Items.length - 1 || LastEvaluatedKey !== undefined;
          resumeAt = more ? { PK: item.PK, SK: item.SK, GSI6PK: item.GSI6PK, GSI6SK: item.GSI6SK } : undefined;
          break;
        }
      }
      startKey = LastEvaluatedKey;
    } while (found.length < page.limit && examined < SEARCH_MAX_EXAMINED && startKey);
    return { items: await registrationsOf(found), nextCursor: dealerListCursor.encode(resumeAt) };
  },

  /**
   * Registrations awaiting review in the given regions, oldest first. Each region is its own queue partition;
   * pages merge them, and the cursor is the queue position of the last item returned.
   */
  async reviewQueue(regionIds: string[], page: { limit: number; cursor?: string | undefined }) {
    const after = queuePositionCursor.decode(page.cursor);
    const perRegion = await Promise.all(
      regionIds.map(async (regionId) => {
        const { Items = [] } = await documentClient.send(
          new QueryCommand({
            TableName: environment.tableName,
            IndexName: 'GSI7',
            KeyConditionExpression: after === undefined ? 'GSI7PK = :p' : 'GSI7PK = :p AND GSI7SK > :after',
            ExpressionAttributeValues: {
              ':p': keys.reviewQueuePartition(regionId),
              ...(after === undefined ? {} : { ':after': after }),
            },
            Limit: page.limit + 1,
          }),
        );
        return Items;
      }),
    );
    const merged = perRegion
      .flat()
      .sort((a, b) => String(a.GSI7SK).localeCompare(String(b.GSI7SK)))
      .slice(0, page.limit + 1);
    const entries = merged.slice(0, page.limit);
    const hasMore = merged.length > page.limit;
    return {
      items: await registrationsOf(entries),
      nextCursor: queuePositionCursor.encode(hasMore ? String(entries[entries.length - 1]?.GSI7SK) : undefined),
    };
  },

  /** Every registration of the region's review queue submitted at or before `until`, oldest first, page by page. */
  async forEachAwaitingReview(regionId: string, until: string, each: (page: StoredRegistration[]) => Promise<void>): Promise<void> {
    await forEachPage(
      {
        IndexName: 'GSI7',
        KeyConditionExpression: 'GSI7PK = :p AND GSI7SK <= :until',
        ExpressionAttributeValues: { ':p': keys.reviewQueuePartition(regionId), ':until': `${until}#~` },
        Limit: 200,
      },
      async (entries) => each(await registrationsOf(entries)),
    );
  },

  /** Every protected registration of one due shard whose next warning or expiry is due at `at`, page by page. */
  async forEachDue(shard: number, at: string, pageSize: number, each: (page: StoredRegistration[]) => Promise<void>): Promise<void> {
    await forEachPage(
      {
        IndexName: 'GSI7',
        KeyConditionExpression: 'GSI7PK = :p AND GSI7SK <= :until',
        ExpressionAttributeValues: { ':p': keys.duePartition(shard), ':until': keys.dueUntil(at) },
        Limit: pageSize,
      },
      async (entries) => each(await registrationsOf(entries)),
    );
  },
};

// ── Registrations, as the partner program's KPIs and tier job read them ─────────────────────────────────────────

const FACT_ATTRIBUTES = ['status', 'submittedAt', 'expectedValue', 'expectedCloseDate', 'protectedUntil', 'outcome', 'earned'];

export const registrationFacts = {
  /**
   * All of a dealer's registrations from the dealer index (GSI6 `DEALER#<id>#REGS`), newest first, projected to the
   * fields the KPIs read. Paged: its cost grows with the dealer's registrations (about 1 RCU per 4 KB read).
   */
  async forDealer(dealerId: string, submittedFrom?: string): Promise<RegistrationFacts[]> {
    const names = Object.fromEntries(FACT_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
    const items = await queryAll({
      IndexName: 'GSI6',
      KeyConditionExpression: submittedFrom ? 'GSI6PK = :p AND GSI6SK >= :from' : 'GSI6PK = :p',
      ExpressionAttributeValues: {
        ':p': keys.dealerRegistrationsPartition(dealerId),
        ...(submittedFrom ? { ':from': submittedFrom } : {}),
      },
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
      ScanIndexForward: false,
    });
    return items as unknown as RegistrationFacts[];
  },

  /** Registrations a dealer submitted from `from` to `to` (ISO instants), counted on the dealer index. */
  async count(dealerId: string, from: string, to: string): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: environment.tableName,
          IndexName: 'GSI6',
          KeyConditionExpression: 'GSI6PK = :p AND GSI6SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':p': keys.dealerRegistrationsPartition(dealerId), ':from': from, ':to': `${to}~` },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
  },
};

export const idempotencyRecords = {
  async get(key: { PK: string; SK: string }) {
    const { Item } = await documentClient.send(new GetCommand({ TableName: environment.tableName, Key: key, ConsistentRead: true }));
    return this.of(Item);
  },
  /** A record as read by key, alone or in a batch. */
  of(item: Record<string, unknown> | undefined) {
    return item as { requestHash: string; response: string; expiresAt: number } | undefined;
  },
  /** A transaction item that claims `key` unless a live record holds it. */
  claim(key: { PK: string; SK: string }, record: { requestHash: string; response: string; expiresAt: number }, now: Date): NamedItem {
    return {
      name: 'idempotency',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: { ...key, entity: 'idempotency', ...record },
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        },
      },
    };
  },
};
