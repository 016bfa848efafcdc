/**
 * What the API description says about integrations: the OAuth 2 client-credentials scheme of dealers' CRMs (each
 * route that API clients may call names its scope) and the webhook deliveries (OpenAPI 3.1 `webhooks`), with the
 * signature header a receiver checks.
 */
import { API_SCOPES, qualifiedScope } from '../domain/api-scopes.js';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from '../domain/webhook-events.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '../domain/webhook-signature.js';
import { tokenUrl } from '../integrations/token-url.js';

export const crmClientScheme = () => ({
  type: 'oauth2',
  description:
    "A dealer's CRM: an API client created by the dealer's admin (POST /api-clients) exchanges its id and secret " +
    '(HTTP Basic) for a token at the token URL, with grant_type=client_credentials and the scopes it needs. The token ' +
    'acts for that dealer only, on the routes that name one of its scopes, until the client is revoked.',
  flows: {
    clientCredentials: {
      tokenUrl: tokenUrl(),
      scopes: Object.fromEntries(API_SCOPES.map((scope) => [qualifiedScope(scope), `The ${scope.replace(':', ' ')} routes`])),
    },
  },
});

const SIGNATURE_DESCRIPTION =
  '`t=<unix seconds>,v1=<hex HMAC-SHA256>`: the HMAC under the webhook secret (the whole `whsec_…` string as the key) ' +
  'over `<t>.<raw body>`. While a rotated secret overlaps (24 h) there is one `v1` per secret. Accept the delivery ' +
  `when one v1 matches (compare in constant time) and t is within ${SIGNATURE_TOLERANCE_SECONDS} s of your clock; ` +
  'deduplicate by Dealer-Channel-Event-Id (a retry carries the same id and body).';

/** What a delivery's `data` carries, per area: the dealer's own view, never contact data or another dealer. */
const dataSchema = (type: WebhookEventType) =>
  WEBHOOK_EVENTS[type].area === 'leads'
    ? {
        type: 'object',
        description:
          'The event as the dealer sees its own offer of the lead: its own answer as the status, never where the lead went ' +
          'next, no contact data (read the lead at links.resource while it is offered to the dealer; a lapsed lead is recalled: 404)',
        properties: {
          leadId: { type: 'string' },
          status: { type: 'string', enum: ['offered', 'accepted', 'declined', 'lapsed', 'converted'] },
          acceptBy: { type: 'string', format: 'date-time' },
          registrationId: { type: 'string' },
        },
      }
    : {
        type: 'object',
        description: 'The event as the dealer sees its own registration (no contact data); read the whole record at links.resource',
        properties: {
          registrationId: { type: 'string' },
          status: { type: 'string' },
          version: { type: 'integer' },
          expectedValue: { $ref: '#/components/schemas/Money' },
          productLines: { type: 'array', items: { type: 'string' } },
          protectedUntil: { type: 'string', format: 'date-time' },
        },
      };

const exampleOf = (type: WebhookEventType) =>
  WEBHOOK_EVENTS[type].area === 'leads'
    ? {
        id: 'evt_q3VxW0b9yZ2mT7cK4nP8sLd1Rf5',
        type,
        occurredAt: '2026-11-30T09:15:00.000Z',
        data: { leadId: 'lead_4Jk8Pq2Wz7Ht3Lm9Xc6Vb1Nd', status: 'offered', acceptBy: '2026-12-02T09:15:00.000Z' },
        links: { resource: 'https://api.dealer-channel.example/leads/lead_4Jk8Pq2Wz7Ht3Lm9Xc6Vb1Nd' },
      }
    : {
        id: 'reg_7Hq2LmX9sT4vB8nK3pW6yZ.v2.0',
        type,
        occurredAt: '2026-11-30T09:15:00.000Z',
        data: { registrationId: 'reg_7Hq2LmX9sT4vB8nK3pW6yZ', status: 'approved', version: 2, productLines: ['milling'] },
        links: { resource: 'https://api.dealer-channel.example/registrations/reg_7Hq2LmX9sT4vB8nK3pW6yZ' },
      };

/** One OpenAPI 3.1 webhook per event type: the POST a dealer's receiver gets. */
export const webhookOperations = () =>
  Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: `${type}: sent to the dealer's webhooks subscribed to it`,
          operationId: `webhook${type}`,
          // The receiver authenticates the sender by the signature header, not by a credential of this API.
          security: [],
          parameters: [
            {
              name: 'Dealer-Channel-Signature',
              in: 'header',
              required: true,
              description: SIGNATURE_DESCRIPTION,
              schema: { type: 'string' },
            },
            {
              name: 'Dealer-Channel-Event-Id',
              in: 'header',
              required: true,
              description: 'The event id, stable across retries',
              schema: { type: 'string' },
            },
            { name: 'Dealer-Channel-Event-Type', in: 'header', required: true, schema: { type: 'string', const: type } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'type', 'occurredAt', 'data', 'links'],
                  properties: {
                    id: { type: 'string' },
                    type: { type: 'string', const: type },
                    occurredAt: { type: 'string', format: 'date-time' },
                    data: dataSchema(type),
                    links: { type: 'object', properties: { resource: { type: 'string' } } },
                  },
                },
                example: exampleOf(type),
              },
            },
          },
          responses: {
            '200': {
              description: 'Any 2xx: delivered. Anything else, or no answer within 10 s, is retried with exponential backoff for 24 h.',
            },
          },
        },
      },
    ]),
  );
