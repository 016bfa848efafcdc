/** Examples of the integrations area's routes (API clients and webhooks), spread into EXAMPLES. */
import type { RouteExample } from '../examples.js';

const at = '2026-11-30T09:15:00.000Z';
const later = '2026-11-30T09:16:02.000Z';
const page = <T>(item: T) => ({ items: [item], nextCursor: 'eyJhZnRlciI6IjIwMjYtMTEtMzAifQ' });

const apiClientInput = { name: 'Salesforce (production)', scopes: ['registrations:read', 'registrations:write', 'catalog:read'] };
const apiClient = {
  clientId: '4k7s2q9v1m3n8b5c6x0z1a2d3f',
  ...apiClientInput,
  status: 'active',
  createdAt: at,
  tokenUrl: 'https://dealer-channel.auth.eu-central-1.amazoncognito.com/oauth2/token',
};

const webhookInput = {
  url: 'https://crm.alpine-maschinen.example/hooks/dealer-channel',
  events: ['RegistrationApproved', 'RegistrationRejected', 'ProtectionExpiring'],
  description: 'CRM opportunity sync',
};
const webhook = { id: 'wh_3Fq8Lk2Mx7Rt9Vb4Np6Yz1', ...webhookInput, createdAt: at };
const secret = 'whsec_Zp4nQ8vT2kL6yR1mX9bC3dF7gH5jS0aW2eU4iO6pE8';

export const INTEGRATION_EXAMPLES: Record<string, RouteExample> = {
  'POST /api-clients': {
    request: apiClientInput,
    response: { ...apiClient, clientSecret: '1q2w3e4r5t6y7u8i9o0p1a2s3d4f5g6h7j8k9l0z1x2c3v4b5n6m' },
  },
  'GET /api-clients': { response: page(apiClient) },
  'DELETE /api-clients/{clientId}': {},
  'POST /webhooks': { request: webhookInput, response: { ...webhook, secret } },
  'GET /webhooks': { response: page(webhook) },
  'DELETE /webhooks/{id}': {},
  'POST /webhooks/{id}/secret': {
    response: { ...webhook, secret, secretRotatedAt: later, previousSecretValidUntil: '2026-12-01T09:16:02.000Z' },
  },
  'GET /webhooks/{id}/deliveries': {
    response: page({
      eventId: 'reg_7Hq2LmX9sT4vB8nK3pW6yZ.v2.0',
      eventType: 'RegistrationApproved',
      status: 'delivered',
      createdAt: at,
      deliveredAt: later,
      attempts: [
        { at, statusCode: 500, durationMs: 84 },
        { at: later, statusCode: 200, durationMs: 61 },
      ],
    }),
  },
};
