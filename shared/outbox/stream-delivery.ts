/**
 * The outbox's stream consumer: delivers the outbox messages that a batch of table changes inserted, and hands
 * their domain events to the dealers' webhooks. The same function serves the stream-triggered Lambda function in AWS and the stream poller on DynamoDB Local.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { OUTBOX_ENTITY, outboxMessageOf } from '../db/outbox-repository.js';
import { fanOut } from '../integrations/webhook-delivery.js';
import type { OutboxMessage } from './message.js';
import { deliver } from './outbox.js';

/** One record of a table's stream: its id in the batch (the sequence number), what happened, the new item. */
export interface TableChange {
  id: string;
  eventName?: string | undefined;
  newImage?: Record<string, AttributeValue> | undefined;
}

/**
 * Returns the ids of the changes to retry: those whose delivery left no record (a failed claim or bookkeeping) and
 * whose webhook fan-out failed. A failed send is recorded on its message, which the sweeper retries after its
 * backoff: retrying the record at once would only spend attempts on a throttled SES.
 */
export async function deliverInserted(changes: TableChange[], now = new Date()): Promise<string[]> {
  const changeOf = new Map<string, string>();
  const messages: OutboxMessage[] = [];
  for (const change of changes) {
    if (change.eventName !== 'INSERT' || !change.newImage) continue;
    const item = unmarshall(change.newImage);
    if (item.entity !== OUTBOX_ENTITY) continue;
    const message = outboxMessageOf(item);
    messages.push(message);
    changeOf.set(message.id, change.id);
  }
  if (messages.length === 0) return [];
  // Webhooks get the same events, from their insert: delivering to a dealer's receiver never holds up the outbox.
  const [outcome, fanOutFailed] = await Promise.all([deliver(messages, now), fanOut(messages, now)]);
  return [...new Set([...outcome.failed, ...fanOutFailed])].map((id) => changeOf.get(id) as string);
}
