/**
 * The outbox's items: one per mail or domain event a state change owes, written in that change's transaction and
 * deleted once delivered. Waiting items are listed by age in GSI7 (sharded, keys only), for the sweeper; dead
 * letters (a permanent failure, or too many attempts) in one GSI7 partition of their own, for channel admins.
 */
import { randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { type MailContent, renderMail } from '../notifications/mail-render.js';
import type { MailMessage, OutboxMessage } from '../outbox/message.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys, OUTBOX_SHARDS } from './keys.js';
import { forEachPage } from './query-pages.js';
import type { NamedItem } from './transaction.js';

/** The `entity` of an outbox item: the stream consumer reacts to inserts of this entity only. */
export const OUTBOX_ENTITY = 'outbox';

/** The sweeper leaves messages younger than this to the stream consumer (shared/outbox/outbox.ts). */
export const SWEEP_GRACE_PERIOD_MS = 30_000;

/**
 * A mail is the largest item a state change writes, and its size is what the transaction pays for. A rendered mail
 * is stored as the content it was rendered from (texts, facts, link — not the layout, which is most of its HTML;
 * not its id, recipient and subject, which the message holds), brotli-compressed, and rendered again when it is sent; any
 * other mail as its text and HTML parts, compressed (`body`). Quality 6 and a small window: the input is a few KB at
 * most, and quality 9 cost ~8 ms a mail for the same size, the CPU a burst of 200 lead creations spent most on.
 */
const compressed = (value: unknown) =>
  new Uint8Array(
    brotliCompressSync(JSON.stringify(value), { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_LGWIN]: 16 } }),
  );
const decompressed = (bytes: Uint8Array) => JSON.parse(brotliDecompressSync(bytes).toString('utf8'));

function storedMessage(message: OutboxMessage): Record<string, unknown> {
  if (message.kind !== 'mail') return { ...message };
  const { text, html, content, ...rest } = message;
  if (!content) return { ...rest, body: compressed({ text, html }) };
  const { id: _id, to: _to, subject: _subject, ...texts } = content;
  return { ...rest, content: compressed(texts) };
}

/** The message of a stored outbox item (from the table or from its stream's new image, unmarshalled). */
export function outboxMessageOf(item: Record<string, unknown>): OutboxMessage {
  const { body, content, ...rest } = item.message as Record<string, unknown>;
  if (content instanceof Uint8Array) {
    const stored = rest as Pick<MailMessage, 'id' | 'to' | 'subject'>;
    const texts = decompressed(content) as Omit<MailContent, 'id' | 'to' | 'subject'>;
    return { ...renderMail({ ...texts, id: stored.id, to: stored.to[0] as string, subject: stored.subject }), ...stored };
  }
  if (!(body instanceof Uint8Array)) return rest as unknown as OutboxMessage;
  return { ...rest, ...decompressed(body) } as OutboxMessage;
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
          // Never a dead letter, nobody else's live lease, and not before the backoff of its last failure is over.
          ConditionExpression:
            'attribute_exists(PK) AND attribute_not_exists(deadLetter) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND (attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)',
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
   * Counts a failed attempt of ours and notes why, keeping the claim for the decision that follows (`retryAt` or
   * `bury`). Returns the attempts so far, or undefined when the claim was lost (another deliverer took over).
   */
  async countFailure(messageId: string, token: string, reason: string, now: Date): Promise<number | undefined> {
    try {
      const result = await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'SET attempts = attempts + :one, lastError = :reason, lastAttemptAt = :now',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: { ':one': 1, ':reason': reason.slice(0, 500), ':now': now.toISOString(), ':token': token },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.attempts);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  /** Releases our claim; the message waits until `at` (the backoff) before anyone may claim it again. */
  async retryAt(messageId: string, token: string, at: Date): Promise<void> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'REMOVE leaseUntil, claimToken SET nextAttemptAt = :at',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: { ':at': at.getTime(), ':token': token },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },

  /**
   * Makes the message a dead letter under our claim: it leaves the waiting list for the dead-letter list (GSI7,
   * keys only), where a channel admin sees it and may replay it.
   */
  async bury(messageId: string, token: string, permanent: boolean, now: Date): Promise<void> {
    const deadAt = now.toISOString();
    const index = keys.outboxDeadLetterIndex(messageId, deadAt);
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression:
            'REMOVE leaseUntil, claimToken, nextAttemptAt SET deadLetter = :true, deadAt = :at, permanent = :permanent, GSI7PK = :pk, GSI7SK = :sk',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: {
            ':true': true,
            ':at': deadAt,
            ':permanent': permanent,
            ':pk': index.GSI7PK,
            ':sk': index.GSI7SK,
            ':token': token,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  },

  /**
   * Every waiting message queued at or before `until` whose backoff is over at `now`, oldest first, page by page,
   * shard by shard. The index holds keys only (a message is the heaviest item there is), so each page's messages
   * are read by key.
   */
  async forEachWaiting(
    until: Date,
    now: Date,
    each: (waiting: { message: OutboxMessage; queuedAt: string }[]) => Promise<void>,
  ): Promise<void> {
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
            .filter((item) => item.entity === OUTBOX_ENTITY && !item.deadLetter && !(Number(item.nextAttemptAt) > now.getTime()))
            .map((item) => ({ item, queuedAt: String(item.queuedAt ?? item.createdAt) }))
            .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
          if (waiting.length > 0) await each(waiting.map(({ item, queuedAt }) => ({ message: outboxMessageOf(item), queuedAt })));
        },
      );
    }
  },
};

const deadLetterCursor = keyCursor('outbox-dead-letters');

/** A dead letter as channel admins see it: what, to whom, why, after how many attempts, since when. */
export interface StoredDeadLetter {
  id: string;
  kind: 'mail' | 'event';
  to?: string[];
  subject?: string;
  detailType?: string;
  reason: string;
  permanent: boolean;
  attempts: number;
  createdAt: string;
  deadAt: string;
  replays?: number;
}

function deadLetterOf(item: Record<string, unknown>): StoredDeadLetter {
  const message = item.message as Record<string, unknown>;
  return {
    id: String(message.id),
    kind: message.kind === 'mail' ? 'mail' : 'event',
    ...(message.kind === 'mail'
      ? { to: message.to as string[], subject: String(message.subject) }
      : { detailType: String(message.detailType) }),
    reason: String(item.lastError ?? 'unknown'),
    permanent: item.permanent === true,
    attempts: Number(item.attempts ?? 0),
    createdAt: String(item.createdAt),
    deadAt: String(item.deadAt),
    ...(item.replays ? { replays: Number(item.replays) } : {}),
  };
}

export const deadLetters = {
  /** Newest first, from the keys-only index; the page's messages read by key. */
  async list(page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.outboxDeadLettersPartition();
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: 'GSI7',
        KeyConditionExpression: 'GSI7PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: deadLetterCursor.decode(page.cursor, { GSI7PK: partition }),
      }),
    );
    const items = await batchGet(
      Items.map((entry) => ({ PK: entry.PK, SK: entry.SK })),
      { consistent: true },
    );
    const byId = new Map(items.filter((item) => item.deadLetter === true).map((item) => [String(item.PK), item]));
    const ordered = Items.flatMap((entry) => (byId.has(String(entry.PK)) ? [deadLetterOf(byId.get(String(entry.PK))!)] : []));
    return { items: ordered, nextCursor: deadLetterCursor.encode(LastEvaluatedKey) };
  },

  /**
   * Puts a dead letter back on the waiting list, with its attempts counted from zero, by a conditional write that
   * only a dead letter passes: of two replays one puts it back and the other finds it waiting, so it is delivered
   * once (the deliverers' claim does the rest). Returns what the message is now: `waiting` (put back now or
   * before), or undefined when there is no such message (never was, or delivered since).
   */
  async replay(messageId: string, by: string, now: Date): Promise<{ status: 'waiting'; replayedAt: string } | undefined> {
    const queuedAt = now.toISOString();
    // Queued as of the sweeper's grace period ago, so that its next run delivers it.
    const index = keys.outboxIndex(messageId, new Date(now.getTime() - SWEEP_GRACE_PERIOD_MS).toISOString());
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.outboxMessage(messageId),
          UpdateExpression:
            'REMOVE deadLetter, deadAt, permanent, nextAttemptAt SET attempts = :zero, replays = if_not_exists(replays, :zero) + :one, replayedAt = :at, replayedBy = :by, queuedAt = :at, GSI7PK = :pk, GSI7SK = :sk',
          ConditionExpression: 'deadLetter = :true',
          ExpressionAttributeValues: {
            ':zero': 0,
            ':one': 1,
            ':at': queuedAt,
            ':by': by,
            ':pk': index.GSI7PK,
            ':sk': index.GSI7SK,
            ':true': true,
          },
        }),
      );
      return { status: 'waiting', replayedAt: queuedAt };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.outboxMessage(messageId), ConsistentRead: true }),
    );
    if (!Item || Item.entity !== OUTBOX_ENTITY) return undefined;
    return { status: 'waiting', replayedAt: String(Item.replayedAt ?? Item.queuedAt ?? Item.createdAt) };
  },
};
