/** Valid samples of the integrations area's routes (API clients and webhooks), spread into SAMPLES. */
import { inject } from 'vitest';
import { call } from '../../support/api.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const LIST = { limit: ['1', '100'] };

/** A receiver origin the test stack lets webhooks point at; nothing listens there during the fuzz run. */
const receiver = () => `${inject('stack').webhookReceiverOrigins[1]}/fuzz`;

async function apiClient(ctx: FuzzContext) {
  const created = await call('POST', '/api-clients', {
    token: ctx.t.tokens.dealer,
    body: { name: 'Fixture CRM', scopes: ['registrations:read'] },
  });
  if (created.status !== 201) throw new Error(`fixture API client: ${created.status} ${created.text}`);
  return created.body.clientId as string;
}

/** Deletes all but the dealer's newest four webhooks, so that a sample never meets the dealer's maximum. */
async function makeRoom(token: string) {
  const existing = await call('GET', '/webhooks?limit=100', { token });
  for (const old of (existing.body.items as { id: string }[]).slice(4)) {
    await call('DELETE', `/webhooks/${old.id}`, { token });
  }
}

/**
 * A fresh webhook of `token`'s dealer. The delete sample uses the other dealer of the region, so that the room the
 * other samples make (which removes older webhooks) never removes the webhook a prepared delete is about to delete.
 */
async function webhook(ctx: FuzzContext, token = ctx.t.tokens.dealer) {
  await makeRoom(token);
  const created = await call('POST', '/webhooks', {
    token,
    body: { url: receiver(), events: ['RegistrationApproved'] },
  });
  if (created.status !== 201) throw new Error(`fixture webhook: ${created.status} ${created.text}`);
  return created.body.id as string;
}

export const INTEGRATION_SAMPLES: Record<string, Sample> = {
  'POST /api-clients': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, body: json({ name: 'Salesforce', scopes: ['registrations:read', 'registrations:write'] }) }),
  },
  'GET /api-clients': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '1']] }), queryVariants: LIST },
  'DELETE /api-clients/{clientId}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { clientId: await apiClient(ctx) } }),
  },
  'POST /webhooks': {
    prepare: async (ctx) => {
      await makeRoom(ctx.t.tokens.dealer);
      return parts({
        token: ctx.t.tokens.dealer,
        body: json({ url: receiver(), events: ['RegistrationApproved', 'RegistrationRejected'], description: 'CRM sync' }),
      });
    },
  },
  'GET /webhooks': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '1']] }), queryVariants: LIST },
  'DELETE /webhooks/{id}': {
    prepare: async (ctx) => {
      const token = ctx.t.tokens.sameRegionDealer;
      return parts({ token, params: { id: await webhook(ctx, token) } });
    },
  },
  'POST /webhooks/{id}/secret': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { id: await webhook(ctx) } }) },
  'GET /webhooks/{id}/deliveries': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { id: await webhook(ctx) }, query: [['limit', '1']] }),
    queryVariants: LIST,
  },
};
