/**
 * The outbox's items: one per mail or domain event a state change owes, written in that change's transaction and
 * deleted once delivered. Waiting items are listed by age in GSI7 (sharded, keys only), for the sweeper.
 */
import { randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { OutboxMessage } from '../outbox/message.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keys, OUTBOX_SHARDS } from './keys.js';
import { forEachPage } from './query-pages.js';
import type { NamedItem } from './transaction.js';

/** The `entity` of an outbox item: the stream consumer reacts to inserts of this entity only. */
export const OUTBOX_ENTITY = 'outbox';

/**
 * A mail's text and HTML parts are stored brotli-compressed (`body`): a rendered mail is the largest item a state
 * change writes, and its size is what the transaction pays for.
 */
function storedMessage(message: OutboxMessage): Record<string, unknown> {
  if (message.kind !== 'mail') return { ...message };
  const { text, html, ...rest } = message;
  const body = brotliCompressSync(JSON.stringify({ text, html }), { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
  return { ...rest, body: new Uint8Array(body) };
}

/** The message of a stored outbox item (from the table or from its stream's new image, unmarshalled). */
export function outboxMessageOf(item: Record<string, unknown>): OutboxMessage {
  const { body, ...rest } = item.message as Record<string, unknown>;
  if (!(body instanceof Uint8Array)) return rest as unknown as OutboxMessage;
  return { ...rest, ...JSON.parse(brotliDecompressSync(body).toString('utf8')) } as OutboxMessage;
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export const outboxItems = {
  /** Transaction items that enqueue `messages` with the change that owes them. */
  puts(messages: OutboxMessage[], now: Date): NamedItem[] {
    const createdAt = now.toISOString();
    return messages.map((message) => ({
      name: `outbox:${message.id}`,
      item: {
        Put: {
          TableName: environment.tableName,
          Item: {
            ...keys.outboxMessage(message.id),
            ...keys.outboxIndex(message.id, createdAt),
            entity: OUTBOX_ENTITY,
            createdAt,
            attempts: 0,
            message: storedMessage(message),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    }));
  },

  /**
   * Takes the message for one delivery: succeeds only while it is still waiting and nobody holds an unexpired lease.
   * Returns the claim token that `remove` and `recordFailure` require, or undefined when it is not ours to send.
   */
  async claim(messageId: string, now: Date, leaseMs: number): Promise<string | undefined> {
    const token = randomUUID();
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'SET leaseUntil = :until, claimToken = :token',
          ConditionExpression:
            'attribute_exists(PK) AND attribute_not_exists(deadLetter) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
          ExpressionAttributeValues: { ':until': now.getTime() + leaseMs, ':now': now.getTime(), ':token': token },
        }),
      );
      return token;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  /** Deletes a delivered message (only under our claim). */
  async remove(messageId: string, token: string): Promise<void> {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: { ':token': token },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },

  /**
   * Releases our claim after a failed attempt and counts it; at `maxAttempts` the message leaves the waiting list
   * (a dead letter, kept for an operator). Returns the attempts so far and whether it became a dead letter.
   */
  async recordFailure(messageId: string, token: string, reason: string, maxAttempts: number) {
    try {
      const result = await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'REMOVE leaseUntil, claimToken SET attempts = attempts + :one, lastError = :reason',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: { ':one': 1, ':reason': reason.slice(0, 500), ':token': token },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const attempts = Number(result.Attributes?.attempts);
      if (attempts < maxAttempts) return { attempts, deadLetter: false };
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'REMOVE GSI7PK, GSI7SK SET deadLetter = :true',
          ExpressionAttributeValues: { ':true': true },
        }),
      );
      return { attempts, deadLetter: true };
    } catch (error) {
      if (isConditionFailure(error)) return { attempts: undefined, deadLetter: false };
      throw error;
    }
  },

  /**
   * Every waiting message created at or before `until`, oldest first, page by page, shard by shard. The index holds
   * keys only (a message is the heaviest item there is), so each page's messages are read by key.
   */
  async forEachWaiting(until: Date, each: (waiting: { message: OutboxMessage; createdAt: string }[]) => Promise<void>): Promise<void> {
    for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
      await forEachPage(
        {
          IndexName: 'GSI7',
          KeyConditionExpression: 'GSI7PK = :p AND GSI7SK <= :until',
          ExpressionAttributeValues: { ':p': keys.outboxPartition(shard), ':until': `${until.toISOString()}#~` },
          Limit: 100,
        },
        async (entries) => {
          const items = await batchGet(
            entries.map((entry) => ({ PK: entry.PK, SK: entry.SK })),
            { consistent: true },
          );
          const waiting = items
            .filter((item) => item.entity === OUTBOX_ENTITY && !item.deadLetter)
            .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
          if (waiting.length > 0)
            await each(waiting.map((item) => ({ message: outboxMessageOf(item), createdAt: String(item.createdAt) })));
        },
      );
    }
  },
};
