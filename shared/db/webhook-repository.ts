/**
 * A dealer's webhooks and their deliveries. A webhook is one item by key, listed under its dealer (GSI1
 * `DEALER#<id>#WEBHOOKS`), at most `MAX_WEBHOOKS` per dealer (a counter kept by condition in the same transaction).
 * A delivery is one item per webhook and event id, written with attribute_not_exists (an event is delivered once),
 * listed by time in the webhook's log (GSI7, keys only) and, while pending, in the due index by its next attempt (GSI3).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { WebhookEventType } from '../domain/webhook-events.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys, WEBHOOK_DUE_SHARDS } from './keys.js';
import { forEachPage, partitionPage, queryAll } from './query-pages.js';
import { ConditionsFailed, transact } from './transaction.js';

export const MAX_WEBHOOKS = 10;

export interface StoredWebhook {
  id: string;
  dealerId: string;
  url: string;
  events: WebhookEventType[];
  description?: string;
  secret: string;
  /** The secret before the last rotation, still signing beside the new one until `previousSecretValidUntil`. */
  previousSecret?: string;
  previousSecretValidUntil?: string;
  secretRotatedAt?: string;
  createdAt: string;
  createdBy: string;
}

export interface DeliveryAttemptRecord {
  at: string;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

export interface StoredDelivery {
  webhookId: string;
  dealerId: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The exact body every attempt sends, so a retry is byte-identical. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  attempts: DeliveryAttemptRecord[];
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

const webhookFromItem = (item: Record<string, unknown>): StoredWebhook => {
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, entity: _e, ...rest } = item;
  return rest as unknown as StoredWebhook;
};
const deliveryFromItem = (item: Record<string, unknown>): StoredDelivery => {
  const { PK: _pk, SK: _sk, GSI7PK: _g, GSI7SK: _s, GSI3PK: _g3, GSI3SK: _s3, entity: _e, leaseUntil: _l, ...rest } = item;
  return rest as unknown as StoredDelivery;
};

const webhookListCursor = keyCursor('dealer-webhooks');
const deliveryLogCursor = keyCursor('webhook-deliveries');

export class TooManyWebhooks extends Error {}

export const webhooks = {
  async create(webhook: StoredWebhook): Promise<void> {
    try {
      await transact([
        {
          name: 'counter',
          item: {
            Update: {
              TableName: environment.tableName,
              Key: keys.dealerWebhookCounter(webhook.dealerId),
              UpdateExpression: 'ADD webhooks :one',
              ConditionExpression: 'attribute_not_exists(webhooks) OR webhooks < :max',
              ExpressionAttributeValues: { ':one': 1, ':max': MAX_WEBHOOKS },
            },
          },
        },
        {
          name: 'webhook',
          item: {
            Put: {
              TableName: environment.tableName,
              Item: {
                ...keys.webhook(webhook.id),
                ...keys.dealerWebhookEntry(webhook.dealerId, webhook.createdAt, webhook.id),
                entity: 'webhook',
                ...webhook,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('counter')) throw new TooManyWebhooks();
      throw error;
    }
  },

  /** The dealer's webhook, or undefined when it does not exist or is another dealer's. */
  async findForDealer(dealerId: string, webhookId: string): Promise<StoredWebhook | undefined> {
    const webhook = await webhooks.find(webhookId);
    return webhook?.dealerId === dealerId ? webhook : undefined;
  },

  async find(webhookId: string): Promise<StoredWebhook | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.webhook(webhookId), ConsistentRead: true }),
    );
    return Item ? webhookFromItem(Item) : undefined;
  },

  async listForDealer(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const { items, nextCursor } = await partitionPage({
      cursors: webhookListCursor,
      index: 'GSI1',
      partition: keys.dealerWebhooksPartition(dealerId),
      page,
    });
    return { items: items.map(webhookFromItem), nextCursor };
  },

  /** Every webhook of the dealer (at most MAX_WEBHOOKS): whom an event of the dealer goes to. */
  async allOfDealer(dealerId: string): Promise<StoredWebhook[]> {
    const items = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.dealerWebhooksPartition(dealerId) },
    });
    return items.map(webhookFromItem);
  },

  /** Deletes the dealer's webhook; false when it does not exist or is another dealer's. */
  async remove(dealerId: string, webhookId: string): Promise<boolean> {
    try {
      await transact([
        {
          name: 'webhook',
          item: {
            Delete: {
              TableName: environment.tableName,
              Key: keys.webhook(webhookId),
              ConditionExpression: 'dealerId = :dealer',
              ExpressionAttributeValues: { ':dealer': dealerId },
            },
          },
        },
        {
          name: 'counter',
          item: {
            Update: {
              TableName: environment.tableName,
              Key: keys.dealerWebhookCounter(dealerId),
              UpdateExpression: 'ADD webhooks :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('webhook')) return false;
      throw error;
    }
  },

  /** A new secret; the one it replaces keeps signing beside it until `previousValidUntil`. */
  async rotateSecret(dealerId: string, webhookId: string, secret: string, at: string, previousValidUntil: string) {
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.webhook(webhookId),
          UpdateExpression: 'SET previousSecret = secret, secret = :secret, secretRotatedAt = :at, previousSecretValidUntil = :until',
          ConditionExpression: 'dealerId = :dealer',
          ExpressionAttributeValues: { ':secret': secret, ':at': at, ':until': previousValidUntil, ':dealer': dealerId },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? webhookFromItem(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },
};

export const deliveries = {
  /** Records the delivery of an event to a webhook; false when that event was recorded for it before. */
  async create(delivery: StoredDelivery): Promise<boolean> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: environment.tableName,
          Item: {
            ...keys.webhookDelivery(delivery.webhookId, delivery.eventId),
            ...keys.webhookDeliveryLogEntry(delivery.webhookId, delivery.createdAt, delivery.eventId),
            ...keys.webhookDeliveryDue(delivery.webhookId, delivery.eventId, delivery.nextAttemptAt ?? delivery.createdAt),
            entity: 'webhook-delivery',
            ...delivery,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  /** Takes the pending delivery for one attempt (a lease), so the stream and the schedule never send it at once. */
  async claim(webhookId: string, eventId: string, now: Date, leaseMs: number): Promise<StoredDelivery | undefined> {
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.webhookDelivery(webhookId, eventId),
          UpdateExpression: 'SET leaseUntil = :until',
          ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime(), ':pending': 'pending' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? deliveryFromItem(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  /** Stores an attempt's outcome and releases the lease: delivered, failed for good, or due again at `nextAttemptAt`. */
  async recordAttempt(
    delivery: StoredDelivery,
    attempt: DeliveryAttemptRecord,
    outcome: { status: 'delivered' | 'failed' } | { status: 'pending'; nextAttemptAt: string },
  ): Promise<void> {
    const due =
      outcome.status === 'pending' ? keys.webhookDeliveryDue(delivery.webhookId, delivery.eventId, outcome.nextAttemptAt) : undefined;
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.webhookDelivery(delivery.webhookId, delivery.eventId),
        UpdateExpression: due
          ? 'SET attempts = list_append(attempts, :attempt), nextAttemptAt = :next, GSI3PK = :gpk, GSI3SK = :gsk REMOVE leaseUntil'
          : `SET attempts = list_append(attempts, :attempt), #status = :status${outcome.status === 'delivered' ? ', deliveredAt = :at' : ''} REMOVE leaseUntil, nextAttemptAt, GSI3PK, GSI3SK`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':attempt': [attempt],
          ':pending': 'pending',
          ...(due
            ? { ':next': (outcome as { nextAttemptAt: string }).nextAttemptAt, ':gpk': due.GSI3PK, ':gsk': due.GSI3SK }
            : { ':status': outcome.status, ...(outcome.status === 'delivered' ? { ':at': attempt.at } : {}) }),
        },
      }),
    );
  },

  /** A page of the webhook's log, newest first: keys from GSI7 (keys only), the deliveries by key. */
  async logOf(webhookId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.webhookDeliveriesPartition(webhookId);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: 'GSI7',
        KeyConditionExpression: 'GSI7PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: deliveryLogCursor.decode(page.cursor, { GSI7PK: partition }),
      }),
    );
    const items = await batchGet(
      Items.map((entry) => ({ PK: entry.PK, SK: entry.SK })),
      { consistent: true },
    );
    const order = new Map(Items.map((entry, index) => [String(entry.PK), index]));
    items.sort((a, b) => (order.get(String(a.PK)) ?? 0) - (order.get(String(b.PK)) ?? 0));
    return { items: items.map(deliveryFromItem), nextCursor: deliveryLogCursor.encode(LastEvaluatedKey) };
  },

  /** Every pending delivery due at or before `until`, page by page, shard by shard (keys from GSI3, items by key). */
  async forEachDue(until: Date, each: (due: StoredDelivery[]) => Promise<void>): Promise<void> {
    for (let shard = 0; shard < WEBHOOK_DUE_SHARDS; shard++) {
      await forEachPage(
        {
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :p AND GSI3SK <= :until',
          ExpressionAttributeValues: { ':p': keys.webhookDuePartition(shard), ':until': `${until.toISOString()}#~` },
          Limit: 50,
        },
        async (entries) => {
          const items = await batchGet(
            entries.map((entry) => ({ PK: entry.PK, SK: entry.SK })),
            { consistent: true },
          );
          const due = items.filter((item) => item.entity === 'webhook-delivery' && item.status === 'pending').map(deliveryFromItem);
          if (due.length > 0) await each(due);
        },
      );
    }
  },
};
