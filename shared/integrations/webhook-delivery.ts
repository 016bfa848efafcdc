/**
 * Webhook deliveries. The outbox's stream consumer hands over every domain event it sees inserted (`fanOut`):
 * each webhook of the event's dealer subscribed to its type gets one delivery item (one per event id, so a replayed
 * stream record delivers nothing twice), tried at once. A failed attempt is due again by exponential backoff
 * (webhook-retry.ts) and the `webhooks` schedule tries what is due (`deliverDueWebhooks`), for at least 24 hours.
 */
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { environment } from '../config/environment.js';
import { type DeliveryAttemptRecord, deliveries, type StoredDelivery, webhooks } from '../db/webhook-repository.js';
import { isWebhookEvent, WEBHOOK_EVENTS } from '../domain/webhook-events.js';
import { nextAttemptAt } from '../domain/webhook-retry.js';
import { SIGNATURE_HEADER, signatureHeader } from '../domain/webhook-signature.js';
import { logger } from '../observability/logger.js';
import type { OutboxMessage } from '../outbox/message.js';
import { agentFor, checkTarget } from './webhook-target.js';

/** A receiver gets this long to answer; longer counts as a failed attempt. */
const TIMEOUT_MS = 10_000;
/** Longer than one attempt can take, so a live claim is never taken over. */
const LEASE_MS = 60_000;
/** How much of a receiver's error answer the log keeps. */
const ERROR_CHARS = 200;

export const USER_AGENT = 'DealerChannel-Webhooks/1';

interface Answer {
  statusCode?: number;
  error?: string;
}

function post(url: URL, body: string, headers: Record<string, string>): Promise<Answer> {
  const agent = agentFor(url);
  if (!agent) return Promise.resolve({ error: 'the URL is not https' });
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      url,
      { method: 'POST', agent, timeout: TIMEOUT_MS, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
        response.on('error', (error) => resolve({ error: error.message.slice(0, ERROR_CHARS) }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error) => resolve({ error: error.message.slice(0, ERROR_CHARS) }));
    request.end(body);
  });
}

/** One attempt of a claimed delivery; records its outcome. */
async function attempt(delivery: StoredDelivery, now: Date): Promise<void> {
  const webhook = await webhooks.find(delivery.webhookId);
  const started = Date.now();
  let answer: Answer;
  if (!webhook) {
    answer = { error: 'the webhook was deleted' };
  } else {
    const target = await checkTarget(webhook.url);
    if (!target.ok) {
      answer = { error: `refused: the URL ${target.reason}` };
    } else {
      const overlap = webhook.previousSecret && webhook.previousSecretValidUntil && webhook.previousSecretValidUntil > now.toISOString();
      const secrets = overlap ? [webhook.secret, webhook.previousSecret as string] : [webhook.secret];
      const timestamp = Math.floor(Date.now() / 1000);
      answer = await post(new URL(webhook.url), delivery.payload, {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'dealer-channel-event-id': delivery.eventId,
        'dealer-channel-event-type': delivery.eventType,
        [SIGNATURE_HEADER]: signatureHeader(delivery.payload, timestamp, secrets),
      });
    }
  }
  const record: DeliveryAttemptRecord = {
    at: now.toISOString(),
    durationMs: Date.now() - started,
    ...(answer.statusCode === undefined ? {} : { statusCode: answer.statusCode }),
    ...(answer.error === undefined ? {} : { error: answer.error }),
  };
  if (answer.statusCode !== undefined && answer.statusCode >= 200 && answer.statusCode < 300) {
    await deliveries.recordAttempt(delivery, record, { status: 'delivered' });
    return;
  }
  const next = webhook ? nextAttemptAt(new Date(delivery.createdAt), delivery.attempts.length + 1, now) : undefined;
  await deliveries.recordAttempt(delivery, record, next ? { status: 'pending', nextAttemptAt: next.toISOString() } : { status: 'failed' });
}

async function claimAndAttempt(delivery: Pick<StoredDelivery, 'webhookId' | 'eventId'>, now: Date): Promise<void> {
  const claimed = await deliveries.claim(delivery.webhookId, delivery.eventId, now, LEASE_MS);
  if (claimed) await attempt(claimed, now);
}

type WebhookSpec = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/** The event's id for receivers: the outbox id, or a digest of it — the same for every retry, so they still deduplicate. */
const eventIdFor = (message: OutboxMessage, spec: WebhookSpec) =>
  spec.opaqueEventId ? `evt_${createHash('sha256').update(message.id).digest('base64url').slice(0, 27)}` : message.id;

/** The body of a delivery: the event as its dealer may see it, and where the CRM reads the whole record. */
function payloadOf(message: Extract<OutboxMessage, { kind: 'event' }>, spec: WebhookSpec) {
  return JSON.stringify({
    id: eventIdFor(message, spec),
    type: message.detailType,
    occurredAt: message.detail.at,
    data: spec.data(message.detail),
    links: { resource: `${environment.publicBaseUrl}${spec.resourcePath(message.detail)}` },
  });
}

/**
 * Creates and tries the deliveries the events among `messages` owe. Returns the ids of the messages whose
 * deliveries could not all be recorded (for the stream to retry; recorded ones are not recorded twice).
 */
export async function fanOut(messages: OutboxMessage[], now = new Date()): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    messages.map(async (message) => {
      if (message.kind !== 'event' || !isWebhookEvent(message.detailType)) return;
      const spec = WEBHOOK_EVENTS[message.detailType];
      const dealerId = spec.ownerOf(message.detail);
      if (!dealerId) return;
      try {
        const subscribed = (await webhooks.allOfDealer(dealerId)).filter((w) => w.events.includes(message.detailType as never));
        if (subscribed.length === 0) return;
        const payload = payloadOf(message, spec);
        await Promise.all(
          subscribed.map(async (webhook) => {
            const delivery: StoredDelivery = {
              webhookId: webhook.id,
              dealerId,
              eventId: eventIdFor(message, spec),
              eventType: message.detailType as StoredDelivery['eventType'],
              payload,
              status: 'pending',
              createdAt: now.toISOString(),
              nextAttemptAt: now.toISOString(),
              attempts: [],
            };
            if (await deliveries.create(delivery)) await claimAndAttempt(delivery, now);
          }),
        );
      } catch (error) {
        logger.warn('Webhook fan-out failed; the stream will retry', { messageId: message.id, error: (error as Error).name });
        failed.push(message.id);
      }
    }),
  );
  return failed;
}

export interface WebhookJobReport {
  attempted: number;
}

/** The `webhooks` schedule: tries every pending delivery that is due. */
export async function deliverDueWebhooks(now: Date): Promise<WebhookJobReport> {
  let attempted = 0;
  await deliveries.forEachDue(now, async (due) => {
    attempted += due.length;
    await Promise.all(
      due.map((delivery) =>
        claimAndAttempt(delivery, now).catch((error: unknown) => {
          logger.warn('Webhook delivery attempt failed to record', { eventId: delivery.eventId, error: (error as Error).name });
        }),
      ),
    );
  });
  return { attempted };
}
