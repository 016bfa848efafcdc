/** Registrations and their history. Every state change is one transaction: the new item and its history event. */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { environment } from '../config/environment.js';
import type { RegistrationStatus, StoredRegistration } from '../domain/registration.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

export interface Actor {
  role: string;
  id: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  actor: Actor;
  fromStatus?: RegistrationStatus;
  toStatus?: RegistrationStatus;
  detail?: string;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'entity'];

export function registrationFromItem(item: Record<string, unknown>): StoredRegistration {
  const copy = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as unknown as StoredRegistration;
}

function toItem(r: StoredRegistration) {
  return { ...keys.registration(r.id), ...keys.registrationIndexes(r), entity: 'registration', ...r };
}

function historyItem(registrationId: string, entry: HistoryEntry, tiebreak: string) {
  return { ...keys.historyEvent(registrationId, entry.at, tiebreak), entity: 'history', ...entry };
}

const versionTiebreak = (version: number) => `v${String(version).padStart(6, '0')}`;

/** Which items of a cancelled transaction failed their condition, by position. */
export function failedConditions(error: unknown): boolean[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
}

export const registrations = {
  async get(id: string): Promise<StoredRegistration | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.registration(id), ConsistentRead: true }),
    );
    return Item && Item.entity === 'registration' ? registrationFromItem(Item) : undefined;
  },

  /**
   * Writes a new registration with its first history event; `extra` items (an idempotency record, later a
   * customer lock) join the same transaction. Throws TransactionCanceledException when a condition fails.
   */
  async create(registration: StoredRegistration, entries: HistoryEntry[], extra: TransactItem[] = []) {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: environment.tableName,
              Item: toItem(registration),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...entries.map((entry, index) => ({
            Put: {
              TableName: environment.tableName,
              Item: historyItem(registration.id, entry, `${versionTiebreak(registration.version)}.${index}`),
            },
          })),
          ...extra,
        ],
      }),
    );
  },

  /**
   * Replaces `previous` with `next` only if nobody changed it meanwhile (same version), and appends the history
   * event in the same transaction. Returns false when the version moved on.
   */
  async replace(
    previous: StoredRegistration,
    next: StoredRegistration,
    entry: HistoryEntry,
    extra: TransactItem[] = [],
  ): Promise<boolean> {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: environment.tableName,
                Item: toItem(next),
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': previous.version },
              },
            },
            {
              Put: {
                TableName: environment.tableName,
                Item: historyItem(next.id, entry, versionTiebreak(next.version)),
              },
            },
            ...extra,
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.[0]) return false;
      throw error;
    }
  },

  /** Records a read by the manufacturer side: history that is not a state change. */
  async recordRead(registrationId: string, entry: HistoryEntry): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: environment.tableName,
        Item: historyItem(registrationId, entry, `r${randomUUID()}`),
      }),
    );
  },

  async history(registrationId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.registration(registrationId).PK;
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.historyPrefix() },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { PK: partition }),
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
    return { items, nextCursor: encodeCursor(LastEvaluatedKey) };
  },

  /** A dealer's registrations, newest first, optionally in one status. */
  async listForDealer(
    dealerId: string,
    status: RegistrationStatus | undefined,
    page: { limit: number; cursor?: string | undefined },
  ) {
    const [index, partition] = status
      ? (['GSI2', keys.dealerRegistrationsByStatusPartition(dealerId, status)] as const)
      : (['GSI1', keys.dealerRegistrationsPartition(dealerId)] as const);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}PK = :p`,
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { [`${index}PK`]: partition }),
      }),
    );
    return { items: Items.map(registrationFromItem), nextCursor: encodeCursor(LastEvaluatedKey) };
  },

  /**
   * Registrations awaiting review in the given regions, oldest first. Each region is its own queue partition;
   * pages merge them, and the cursor is the queue position of the last item returned.
   */
  async reviewQueue(regionIds: string[], page: { limit: number; after?: string | undefined }) {
    const perRegion = await Promise.all(
      regionIds.map(async (regionId) => {
        const { Items = [] } = await documentClient.send(
          new QueryCommand({
            TableName: environment.tableName,
            IndexName: 'GSI3',
            KeyConditionExpression:
              page.after === undefined ? 'GSI3PK = :p' : 'GSI3PK = :p AND GSI3SK > :after',
            ExpressionAttributeValues: {
              ':p': keys.reviewQueuePartition(regionId),
              ...(page.after === undefined ? {} : { ':after': page.after }),
            },
            Limit: page.limit + 1,
          }),
        );
        return Items;
      }),
    );
    const merged = perRegion
      .flat()
      .sort((a, b) => String(a.GSI3SK).localeCompare(String(b.GSI3SK)))
      .slice(0, page.limit + 1);
    const items = merged.slice(0, page.limit);
    const hasMore = merged.length > page.limit;
    return {
      items: items.map(registrationFromItem),
      after: hasMore ? String(items[items.length - 1]?.GSI3SK) : undefined,
    };
  },
};

export const idempotencyRecords = {
  async get(key: { PK: string; SK: string }) {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: key, ConsistentRead: true }),
    );
    return Item as { requestHash: string; response: string; expiresAt: number } | undefined;
  },
  /** A transaction item that claims `key` unless a live record holds it. */
  claim(key: { PK: string; SK: string }, record: { requestHash: string; response: string; expiresAt: number }, now: Date): TransactItem {
    return {
      Put: {
        TableName: environment.tableName,
        Item: { ...key, entity: 'idempotency', ...record },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      },
    };
  },
};
