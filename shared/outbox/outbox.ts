/**
 * Delivery of the transactional outbox. A state change writes the mails and events it owes in its own transaction
 * (`outboxPuts`); a DynamoDB Streams consumer delivers each message as its insert arrives (a stream-triggered
 * function in AWS, a poller on DynamoDB Local), and the `outbox` schedule sweeps up whatever still waits after a
 * grace period (a failed send, a consumer that gave up). Every delivery first claims the message — a conditional
 * update that sets a lease and a claim token — so the stream, its retries and the sweeper never send one message
 * twice; the message is deleted under the same claim once sent.
 *
 * A failure is classified (delivery-failure.ts): a permanent one makes the message a dead letter at once; a
 * transient one is tried again after an exponential backoff with jitter, up to MAX_ATTEMPTS. Mails go out no faster
 * than the account's SES sending rate (send-rate.ts), and never to an address that complained (mail-feedback.ts).
 */
import { mailAddresses } from '../db/mail-address-repository.js';
import { outboxItems, SWEEP_GRACE_PERIOD_MS } from '../db/outbox-repository.js';
import { logger } from '../observability/logger.js';
import { countMetric, gaugeMetric } from '../observability/metrics.js';
import { classifyMailError, type DeliveryFailure, retryDelayMs, SUPPRESSED } from './delivery-failure.js';
import { publishEvents } from './event-publisher.js';
import { sendMail } from './mail-sender.js';
import type { EventMessage, MailMessage, OutboxMessage } from './message.js';
import { mailSendSlots } from './send-rate.js';

export const outboxPuts = outboxItems.puts;

/** Longer than any deliverer runs for one message, so a live claim is never taken over. */
const LEASE_MS = 60_000;
/** After this many failed attempts a message leaves the waiting list as a dead letter. */
export const MAX_ATTEMPTS = 10;
/** The sweeper leaves messages younger than this to the stream consumer. */
export const SWEEP_GRACE_MS = SWEEP_GRACE_PERIOD_MS;

/**
 * Message ids by what became of them: sent; `retrying` (the failure is recorded and the message waits for its
 * backoff, the sweeper's to retry); `deadLettered`; `failed` when even the bookkeeping failed (its state is not
 * recorded: the stream retries the record); `skipped` when not ours (delivered, claimed elsewhere, or not yet due).
 */
export interface DeliveryOutcome {
  delivered: string[];
  retrying: string[];
  deadLettered: string[];
  failed: string[];
  skipped: string[];
}

export interface DeliveryReport {
  delivered: number;
  /** Failed attempts, retried later or not. */
  failed: number;
  deadLettered: number;
  skipped: number;
}

interface Claimed<T extends OutboxMessage> {
  message: T;
  token: string;
}

type Settled = 'delivered' | 'retrying' | 'deadLettered' | 'failed' | 'skipped';

/** Records a failed attempt: a dead letter when permanent or the last allowed, else a retry after the backoff. */
async function recordFailure(claimed: Claimed<OutboxMessage>, failure: DeliveryFailure, now: Date): Promise<Settled> {
  countMetric('OutboxFailures');
  const { id } = claimed.message;
  const attempts = await outboxItems.countFailure(id, claimed.token, failure.reason, now);
  if (attempts === undefined) return 'skipped';
  if (failure.permanent || attempts >= MAX_ATTEMPTS) {
    await outboxItems.bury(id, claimed.token, failure.permanent, now);
    countMetric('OutboxDeadLetters');
    logger.error('Outbox message is a dead letter', { messageId: id, reason: failure.reason, permanent: failure.permanent, attempts });
    return 'deadLettered';
  }
  await outboxItems.retryAt(id, claimed.token, new Date(now.getTime() + retryDelayMs(attempts)));
  logger.warn('Outbox delivery failed; retried after a backoff', { messageId: id, reason: failure.reason, attempts });
  return 'retrying';
}

/** Once sent, a message counts as delivered even if its deletion fails: resending it would be the worse error. */
async function sent(claimed: Claimed<OutboxMessage>): Promise<void> {
  await outboxItems.remove(claimed.message.id, claimed.token).catch((error: unknown) => {
    logger.error('A delivered outbox message could not be deleted', { messageId: claimed.message.id, error: (error as Error).name });
  });
}

async function claim<T extends OutboxMessage>(message: T, now: Date): Promise<Claimed<T> | 'skipped'> {
  const token = await outboxItems.claim(message.id, now, LEASE_MS);
  return token ? { message, token } : 'skipped';
}

/**
 * One mail: a send slot first (the rate limit), then the claim — taken only when the mail can go at once, so a
 * lease never runs out while the mail waits for its slot — then the recipients who did not complain.
 */
async function deliverMail(message: MailMessage, now: Date): Promise<Settled> {
  const slots = mailSendSlots();
  await slots.take();
  const claimed = await claim(message, now);
  if (claimed === 'skipped') {
    slots.giveBack();
    return 'skipped';
  }
  try {
    const suppressed = await mailAddresses.suppressed(message.to);
    const to = message.to.filter((address) => !suppressed.has(address.toLowerCase()));
    if (to.length === 0) {
      slots.giveBack();
      return await recordFailure(claimed, { permanent: true, reason: `${SUPPRESSED}: every recipient complained about our mail` }, now);
    }
    try {
      await sendMail({ ...message, to });
    } catch (error) {
      return await recordFailure(claimed, classifyMailError(error), now);
    }
    await sent(claimed);
    return 'delivered';
  } catch (error) {
    logger.warn('Outbox bookkeeping failed; the outbox will retry', { messageId: message.id, error: (error as Error).name });
    return 'failed';
  }
}

async function deliverEvents(events: EventMessage[], now: Date): Promise<Settled[]> {
  const claims = await Promise.all(
    events.map((event) =>
      claim(event, now).catch((error: unknown) => {
        logger.warn('Outbox claim failed; the outbox will retry', { messageId: event.id, error: (error as Error).name });
        return 'failed' as const;
      }),
    ),
  );
  const claimed = claims.filter((c): c is Claimed<EventMessage> => typeof c === 'object');
  let rejected = new Set<string>();
  if (claimed.length > 0) {
    try {
      rejected = await publishEvents(claimed.map((c) => c.message));
    } catch (error) {
      logger.warn('PutEvents failed; the outbox will retry', { error: (error as Error).name });
      rejected = new Set(claimed.map((c) => c.message.id));
    }
  }
  return Promise.all(
    claims.map(async (c): Promise<Settled> => {
      if (typeof c !== 'object') return c;
      try {
        if (rejected.has(c.message.id)) return await recordFailure(c, { permanent: false, reason: 'rejected by PutEvents' }, now);
        await sent(c);
        return 'delivered';
      } catch {
        return 'failed';
      }
    }),
  );
}

/** Claims, sends and cleans up `messages` side by side; never throws: see DeliveryOutcome for what it reports. */
export async function deliver(messages: OutboxMessage[], now = new Date()): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { delivered: [], retrying: [], deadLettered: [], failed: [], skipped: [] };
  const mails = messages.filter((m): m is MailMessage => m.kind === 'mail');
  const events = messages.filter((m): m is EventMessage => m.kind === 'event');
  const [mailResults, eventResults] = await Promise.all([
    Promise.all(
      mails.map((mail) =>
        deliverMail(mail, now).catch((error: unknown): Settled => {
          logger.warn('Outbox claim failed; the outbox will retry', { messageId: mail.id, error: (error as Error).name });
          return 'failed';
        }),
      ),
    ),
    deliverEvents(events, now),
  ]);
  for (const [index, result] of mailResults.entries()) outcome[result].push((mails[index] as MailMessage).id);
  for (const [index, result] of eventResults.entries()) outcome[result].push((events[index] as EventMessage).id);
  countMetric('OutboxDelivered', {}, outcome.delivered.length);
  return outcome;
}

/** The `outbox` schedule, the sweeper: delivers every message still waiting after the grace period, oldest first. */
export async function deliverPending(now: Date): Promise<DeliveryReport> {
  const total: DeliveryReport = { delivered: 0, failed: 0, deadLettered: 0, skipped: 0 };
  let oldest = now.toISOString();
  await outboxItems.forEachWaiting(new Date(now.getTime() - SWEEP_GRACE_MS), now, async (waiting) => {
    for (const { queuedAt } of waiting) if (queuedAt < oldest) oldest = queuedAt;
    const outcome = await deliver(
      waiting.map((w) => w.message),
      now,
    );
    total.delivered += outcome.delivered.length;
    total.failed += outcome.retrying.length + outcome.deadLettered.length + outcome.failed.length;
    total.deadLettered += outcome.deadLettered.length;
    total.skipped += outcome.skipped.length;
  });
  // What the outbox-age alarm watches: how long the oldest message the sweeper found had waited.
  gaugeMetric('OutboxOldestAgeSeconds', Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)));
  return total;
}
