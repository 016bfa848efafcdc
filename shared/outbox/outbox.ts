/**
 * The transactional outbox. Mails and events are written in the same transaction as the state change that owes
 * them, then delivered right after the commit; whatever fails (SES throttling, a PutEvents partial failure) stays
 * and the `outbox` schedule retries it. A message is claimed with a lease before it is sent and deleted after, so
 * two deliverers never send the same message.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { documentClient } from '../db/client.js';
import { OUTBOX_SHARDS, keys } from '../db/keys.js';
import { forEachPage } from '../db/query-pages.js';
import { logger } from '../observability/logger.js';
import { publishEvents } from './event-publisher.js';
import { sendMail } from './mail-sender.js';
import type { EventMessage, MailMessage, OutboxMessage } from './message.js';

import type { NamedItem } from '../db/transaction.js';

const LEASE_MS = 60_000;
/** After this many failed attempts a message leaves the retry queue and is logged for an operator. */
export const MAX_ATTEMPTS = 10;

export function outboxPuts(messages: OutboxMessage[], now: Date): NamedItem[] {
  const createdAt = now.toISOString();
  return messages.map((message) => ({ name: `outbox:${message.id}`, item: {
    Put: {
      TableName: environment.tableName,
      Item: {
        ...keys.outboxMessage(message.id),
        ...keys.outboxIndex(message.id, createdAt),
        entity: 'outbox',
        createdAt,
        attempts: 0,
        message,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  } }));
}

async function claim(message: OutboxMessage, now: Date): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.outboxMessage(message.id),
        UpdateExpression: 'SET leaseUntil = :until',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeValues: { ':until': now.getTime() + LEASE_MS, ':now': now.getTime() },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

async function done(message: OutboxMessage): Promise<void> {
  await documentClient.send(new DeleteCommand({ TableName: environment.tableName, Key: keys.outboxMessage(message.id) }));
}

async function failed(message: OutboxMessage, reason: string): Promise<void> {
  const result = await documentClient.send(
    new UpdateCommand({
      TableName: environment.tableName,
      Key: keys.outboxMessage(message.id),
      UpdateExpression: 'REMOVE leaseUntil SET attempts = attempts + :one, lastError = :reason',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1, ':reason': reason.slice(0, 500) },
      ReturnValues: 'ALL_NEW',
    }),
  );
  if (Number(result.Attributes?.attempts) >= MAX_ATTEMPTS) {
    logger.error('Outbox message gave up after repeated failures', { messageId: message.id, reason });
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.outboxMessage(message.id),
        UpdateExpression: 'REMOVE GSI3PK, GSI3SK SET deadLetter = :true',
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  }
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  skipped: number;
}

async function deliverMail(mail: MailMessage): Promise<boolean> {
  try {
    await sendMail(mail);
  } catch (error) {
    logger.warn('Mail delivery failed; the outbox will retry', { messageId: mail.id, error: (error as Error).name });
    await failed(mail, (error as Error).name || String(error));
    return false;
  }
  await done(mail);
  return true;
}

async function deliverEvents(events: EventMessage[]): Promise<boolean[]> {
  if (events.length === 0) return [];
  let rejected: Set<string>;
  try {
    rejected = await publishEvents(events);
  } catch (error) {
    logger.warn('PutEvents failed; the outbox will retry', { error: (error as Error).name });
    rejected = new Set(events.map((e) => e.id));
  }
  return Promise.all(
    events.map(async (event) => {
      if (rejected.has(event.id)) {
        await failed(event, 'rejected by PutEvents');
        return false;
      }
      await done(event);
      return true;
    }),
  );
}

/**
 * Delivers messages that nobody else is delivering, claims, sends and clean-ups side by side; never throws, so a
 * caller's request cannot fail on it.
 */
export async function deliver(messages: OutboxMessage[], now = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  try {
    const claims = await Promise.all(messages.map((message) => claim(message, now)));
    const claimed = messages.filter((_, index) => claims[index]);
    report.skipped = messages.length - claimed.length;
    const mails = claimed.filter((m): m is MailMessage => m.kind === 'mail');
    const events = claimed.filter((m): m is EventMessage => m.kind === 'event');
    const outcomes = (await Promise.all([Promise.all(mails.map(deliverMail)), deliverEvents(events)])).flat();
    report.delivered = outcomes.filter(Boolean).length;
    report.failed = outcomes.length - report.delivered;
  } catch (error) {
    logger.error('Outbox delivery interrupted; the outbox will retry', error as Error);
  }
  return report;
}

/** The `outbox` schedule: delivers every message still waiting, oldest first, shard by shard. */
export async function deliverPending(now: Date): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
    await forEachPage(
      {
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :p AND GSI3SK <= :until',
        ExpressionAttributeValues: { ':p': keys.outboxPartition(shard), ':until': `${now.toISOString()}#~` },
        Limit: 100,
      },
      async (items) => {
        const report = await deliver(items.map((item) => item.message as OutboxMessage), now);
        total.delivered += report.delivered;
        total.failed += report.failed;
        total.skipped += report.skipped;
      },
    );
  }
  return total;
}
