/** Schemas of a dealer's integrations: API clients for its CRM (OAuth 2 client credentials) and webhooks. */
import * as z from 'zod';
import { API_SCOPES } from '../domain/api-scopes.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-events.js';
import { text } from './common.js';

const Instant = z.string().describe('ISO 8601 UTC instant');

export const ApiClientId = z.string().regex(/^[0-9A-Za-z_-]{8,128}$/, 'is not an API client id');
export const ApiClientParams = z.strictObject({ clientId: ApiClientId });

const Scopes = z
  .array(z.enum(API_SCOPES, `must be one of ${API_SCOPES.join(', ')}`))
  .min(1, 'must name at least one scope')
  .max(API_SCOPES.length, `must have at most ${API_SCOPES.length} entries`)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope');

export const ApiClientInput = z.strictObject({ name: text(100), scopes: Scopes });

export const ApiClient = z.object({
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  status: z.enum(['active', 'revoked']),
  createdAt: Instant,
  revokedAt: Instant.optional(),
  tokenUrl: z.string().describe('Where the CRM exchanges the credentials for a token (grant_type=client_credentials)'),
});

/** The answer to creating a client: the only time its secret is shown. */
export const ApiClientCreated = ApiClient.extend({
  clientSecret: z.string().describe('Shown once; store it in the CRM'),
});

export const WebhookId = z.string().regex(/^wh_[0-9A-Za-z]{20,32}$/, 'is not a webhook id');
export const WebhookParams = z.strictObject({ id: WebhookId });

/** An absolute https URL without credentials; where it points is checked against private addresses separately. */
const WebhookUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((value) => URL.canParse(value), 'must be an absolute URL')
  .refine((value) => !URL.canParse(value) || !new URL(value).username, 'must not carry credentials');

const Events = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`))
  .min(1, 'must name at least one event')
  .max(WEBHOOK_EVENT_TYPES.length, `must have at most ${WEBHOOK_EVENT_TYPES.length} entries`)
  .refine((events) => new Set(events).size === events.length, 'must not repeat an event');

export const WebhookInput = z.strictObject({ url: WebhookUrl, events: Events, description: text(200).optional() });

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().optional(),
  createdAt: Instant,
  secretRotatedAt: Instant.optional(),
  previousSecretValidUntil: Instant.optional().describe('Until then deliveries carry a signature with the previous secret too'),
});

/** The answer to creating a webhook or rotating its secret: the only time the secret is shown. */
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().describe('The signing secret (whsec_…); shown once'),
});

export const DeliveryAttempt = z.object({
  at: Instant,
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
  durationMs: z.number().int(),
});

export const WebhookDelivery = z.object({
  eventId: z.string(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: Instant,
  nextAttemptAt: Instant.optional(),
  deliveredAt: Instant.optional(),
  attempts: z.array(DeliveryAttempt),
});

/** The named components of the API description (shared/api/openapi.ts). */
export const INTEGRATION_COMPONENTS = {
  ApiClient,
  ApiClientInput,
  ApiClientCreated,
  Webhook,
  WebhookInput,
  WebhookWithSecret,
  WebhookDelivery,
  DeliveryAttempt,
};
