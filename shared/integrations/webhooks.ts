/** A dealer admin's webhooks: subscribe (the secret shown once), list, delete, rotate the secret, read the log. */
import { randomBytes } from 'node:crypto';
import type * as z from 'zod';
import { deliveries, MAX_WEBHOOKS, type StoredDelivery, type StoredWebhook, TooManyWebhooks, webhooks } from '../db/webhook-repository.js';
import type { Caller } from '../domain/caller.js';
import { InvalidInput, NotFound, StateConflict } from '../domain/errors.js';
import type { WebhookEventType } from '../domain/webhook-events.js';
import { newWebhookSecret } from '../domain/webhook-signature.js';
import type { Webhook, WebhookDelivery } from '../schemas/integrations.js';
import { integrationDealerOf } from './api-clients.js';
import { checkTarget } from './webhook-target.js';

/** How long the secret a rotation replaces keeps signing deliveries beside the new one. */
export const ROTATION_OVERLAP_HOURS = 24;

const toApi = (webhook: StoredWebhook, now: Date): z.output<typeof Webhook> => ({
  id: webhook.id,
  url: webhook.url,
  events: webhook.events,
  ...(webhook.description ? { description: webhook.description } : {}),
  createdAt: webhook.createdAt,
  ...(webhook.secretRotatedAt ? { secretRotatedAt: webhook.secretRotatedAt } : {}),
  ...(webhook.previousSecretValidUntil && webhook.previousSecretValidUntil > now.toISOString()
    ? { previousSecretValidUntil: webhook.previousSecretValidUntil }
    : {}),
});

const deliveryToApi = (delivery: StoredDelivery): z.output<typeof WebhookDelivery> => ({
  eventId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  createdAt: delivery.createdAt,
  ...(delivery.status === 'pending' && delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
  ...(delivery.deliveredAt ? { deliveredAt: delivery.deliveredAt } : {}),
  attempts: delivery.attempts,
});

const newWebhookId = () => `wh_${randomBytes(16).toString('base64url').replace(/[-_]/g, '').slice(0, 22).padEnd(22, '0')}`;

export async function createWebhook(
  caller: Caller,
  input: { url: string; events: WebhookEventType[]; description?: string | undefined },
  now: Date,
) {
  const dealerId = integrationDealerOf(caller);
  const target = await checkTarget(input.url);
  if (!target.ok) throw new InvalidInput([{ path: '/url', message: target.reason }]);
  const webhook: StoredWebhook = {
    id: newWebhookId(),
    dealerId,
    url: input.url,
    events: input.events,
    ...(input.description ? { description: input.description } : {}),
    secret: newWebhookSecret(),
    createdAt: now.toISOString(),
    createdBy: caller.email ?? caller.subject,
  };
  try {
    await webhooks.create(webhook);
  } catch (error) {
    if (error instanceof TooManyWebhooks) throw new StateConflict(`A dealer has at most ${MAX_WEBHOOKS} webhooks; delete one first.`);
    throw error;
  }
  return { ...toApi(webhook, now), secret: webhook.secret };
}

export async function listWebhooks(caller: Caller, page: { limit: number; cursor?: string | undefined }, now: Date) {
  const result = await webhooks.listForDealer(integrationDealerOf(caller), page);
  return { items: result.items.map((w) => toApi(w, now)), nextCursor: result.nextCursor };
}

export async function deleteWebhook(caller: Caller, webhookId: string): Promise<void> {
  if (!(await webhooks.remove(integrationDealerOf(caller), webhookId))) throw new NotFound('There is no such webhook.');
}

export async function rotateWebhookSecret(caller: Caller, webhookId: string, now: Date) {
  const secret = newWebhookSecret();
  const until = new Date(now.getTime() + ROTATION_OVERLAP_HOURS * 3_600_000).toISOString();
  const rotated = await webhooks.rotateSecret(integrationDealerOf(caller), webhookId, secret, now.toISOString(), until);
  if (!rotated) throw new NotFound('There is no such webhook.');
  return { ...toApi(rotated, now), secret };
}

export async function webhookDeliveries(caller: Caller, webhookId: string, page: { limit: number; cursor?: string | undefined }) {
  const webhook = await webhooks.findForDealer(integrationDealerOf(caller), webhookId);
  if (!webhook) throw new NotFound('There is no such webhook.');
  const result = await deliveries.logOf(webhook.id, page);
  return { items: result.items.map(deliveryToApi), nextCursor: result.nextCursor };
}
