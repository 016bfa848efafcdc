/**
 * Delivery of the transactional outbox. A state change writes the mails and events it owes in its own transaction
 * (`outboxPuts`); a DynamoDB Streams consumer delivers each message as its insert arrives (a stream-triggered
 * function in AWS, a poller on DynamoDB Local), and the `outbox` schedule sweeps up whatever still waits after a
 * grace period (a failed send, a consumer that gave up). Every delivery first claims the message — a conditional
 * update that sets a lease and a claim token — so the stream, its retries and the sweeper never send one message
 * twice; the message is deleted under the same claim once sent.
 */
import { outboxItems } from '../db/outbox-repository.js';
import { logger } from '../observability/logger.js';
import { countMetric, gaugeMetric } from '../observability/metrics.js';
import { publishEvents } from './event-publisher.js';
import { sendMail } from './mail-sender.js';
import type { EventMessage, MailMessage, OutboxMessage } from './message.js';

export const outboxPuts = outboxItems.puts;

/** Longer than any deliverer runs for one message, so a live claim is never taken over. */
const LEASE_MS = 60_000;
/** After this many failed attempts a message leaves the waiting list and is logged for an operator. */
export const MAX_ATTEMPTS = 10;
/** The sweeper leaves messages younger than this to the stream consumer. */
export const SWEEP_GRACE_MS = 30_000;

/** Message ids by what became of them: sent, failed (to be retried), or not ours (delivered or claimed elsewhere). */
export interface DeliveryOutcome {
  delivered: string[];
  failed: string[];
  skipped: string[];
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  skipped: number;
}

interface Claimed<T extends OutboxMessage> {
  message: T;
  token: string;
}

async function giveBack(claimed: Claimed<OutboxMessage>, reason: string): Promise<void> {
  countMetric('OutboxFailures');
  const { deadLetter } = await outboxItems.recordFailure(claimed.message.id, claimed.token, reason, MAX_ATTEMPTS);
  if (deadLetter) {
    countMetric('OutboxDeadLetters');
    logger.error('Outbox message gave up after repeated failures', { messageId: claimed.message.id, reason });
  }
}

/** Once sent, a message counts as delivered even if its deletion fails: resending it would be the worse error. */
async function sent(claimed: Claimed<OutboxMessage>): Promise<void> {
  await outboxItems.remove(claimed.message.id, claimed.token).catch((error: unknown) => {
    logger.error('A delivered outbox message could not be deleted', { messageId: claimed.message.id, error: (error as Error).name });
  });
}

async function deliverMail(claimed: Claimed<MailMessage>): Promise<boolean> {
  try {
    await sendMail(claimed.message);
  } catch (error) {
    logger.warn('Mail delivery failed; the outbox will retry', { messageId: claimed.message.id, error: (error as Error).name });
    await giveBack(claimed, (error as Error).name || String(error));
    return false;
  }
  await sent(claimed);
  return true;
}

async function deliverEvents(events: Claimed<EventMessage>[]): Promise<boolean[]> {
  if (events.length === 0) return [];
  let rejected: Set<string>;
  try {
    rejected = await publishEvents(events.map((e) => e.message));
  } catch (error) {
    logger.warn('PutEvents failed; the outbox will retry', { error: (error as Error).name });
    rejected = new Set(events.map((e) => e.message.id));
  }
  return Promise.all(
    events.map(async (event) => {
      if (rejected.has(event.message.id)) {
        await giveBack(event, 'rejected by PutEvents');
        return false;
      }
      await sent(event);
      return true;
    }),
  );
}

/** Claims, sends and cleans up `messages` side by side; never throws: a message that hit an error is `failed`. */
export async function deliver(messages: OutboxMessage[], now = new Date()): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { delivered: [], failed: [], skipped: [] };
  const claims = await Promise.all(
    messages.map(async (message) => {
      try {
        const token = await outboxItems.claim(message.id, now, LEASE_MS);
        if (token) return { message, token };
        outcome.skipped.push(message.id);
      } catch (error) {
        logger.warn('Outbox claim failed; the outbox will retry', { messageId: message.id, error: (error as Error).name });
        outcome.failed.push(message.id);
      }
      return undefined;
    }),
  );
  const claimed = claims.filter((c): c is Claimed<OutboxMessage> => c !== undefined);
  const mails = claimed.filter((c): c is Claimed<MailMessage> => c.message.kind === 'mail');
  const events = claimed.filter((c): c is Claimed<EventMessage> => c.message.kind === 'event');
  const settle = (of: Claimed<OutboxMessage>[]) => (results: PromiseSettledResult<boolean>[]) =>
    results.forEach((result, index) => {
      const id = (of[index] as Claimed<OutboxMessage>).message.id;
      (result.status === 'fulfilled' && result.value ? outcome.delivered : outcome.failed).push(id);
    });
  await Promise.all([
    Promise.allSettled(mails.map(deliverMail)).then(settle(mails)),
    deliverEvents(events)
      .then((results) => results.map((value): PromiseSettledResult<boolean> => ({ status: 'fulfilled', value })))
      .catch(() => events.map((): PromiseSettledResult<boolean> => ({ status: 'rejected', reason: undefined })))
      .then(settle(events)),
  ]);
  countMetric('OutboxDelivered', {}, outcome.delivered.length);
  return outcome;
}

/** The `outbox` schedule, the sweeper: delivers every message still waiting after the grace period, oldest first. */
export async function deliverPending(now: Date): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, failed: 0, skipped: 0 };
  let oldest = now.toISOString();
  await outboxItems.forEachWaiting(new Date(now.getTime() - SWEEP_GRACE_MS), async (waiting) => {
    for (const { createdAt } of waiting) if (createdAt < oldest) oldest = createdAt;
    const outcome = await deliver(
      waiting.map((w) => w.message),
      now,
    );
    total.delivered += outcome.delivered.length;
    total.failed += outcome.failed.length;
    total.skipped += outcome.skipped.length;
  });
  // What the outbox-age alarm watches: how long the oldest message the sweeper found had waited.
  gaugeMetric('OutboxOldestAgeSeconds', Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)));
  return total;
}
