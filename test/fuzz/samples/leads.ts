/** Fuzz samples of the leads area's routes, spread into SAMPLES (test/fuzz/samples.ts). */
import fc from 'fast-check';
import { call, tokenFor, uniqueId } from '../../support/api.js';
import { acceptedLead, leadBody, leadOfferedTo, unassignedLead } from '../../support/leads.js';
import { hostileText } from '../hostile-text.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const LIST = { limit: ['1', '100'] };

/** A fresh dealer of the tenant's region for each lead: samples are prepared many times, and capacity is per dealer. */
async function freshDealer(ctx: FuzzContext) {
  const dealerId = uniqueId('fzdealer');
  const put = await call('PUT', `/dealers/${dealerId}`, {
    token: ctx.t.tokens.admin,
    body: { name: 'Fuzz lead dealer', regionId: ctx.t.regionId, email: `${dealerId}@dealer.example`, status: 'active' },
  });
  if (put.status !== 200) throw new Error(`fixture dealer: ${put.status} ${put.text}`);
  return { dealerId, token: await tokenFor({ role: 'dealer', dealerId }) };
}

async function offered(ctx: FuzzContext) {
  const dealer = await freshDealer(ctx);
  return { ...dealer, id: (await leadOfferedTo(ctx.t.tokens.admin, dealer.dealerId, ctx.t.regionId, 'DE')).id };
}

export const LEAD_SAMPLES: Record<string, Sample> = {
  'POST /leads': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        body: json(leadBody('DE', ctx.t.regionId)),
        headers: { 'idempotency-key': `fz-${Date.now()}-${Math.random()}` },
      }),
    headers: {
      'idempotency-key': {
        valid: fc.oneof(fc.uuid(), fc.stringMatching(/^[\x21-\x7E]{1,255}$/)),
        invalid: fc.oneof(
          hostileText.map((s) => `${s} ü`),
          fc.constant('k'.repeat(256)),
          fc.constant(' '),
        ),
      },
    },
  },
  'GET /leads': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '1']] }),
    queryVariants: { ...LIST, status: ['offered', 'accepted', 'declined', 'lapsed', 'converted', 'unassigned'] },
  },
  'GET /leads/{id}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, params: { id: (await offered(ctx)).id } }) },
  'POST /leads/{id}/accept': {
    prepare: async (ctx) => {
      const lead = await offered(ctx);
      return parts({ token: lead.token, params: { id: lead.id } });
    },
  },
  'POST /leads/{id}/decline': {
    prepare: async (ctx) => {
      const lead = await offered(ctx);
      return parts({ token: lead.token, params: { id: lead.id }, body: json({ reason: 'No service capacity there' }) });
    },
  },
  'POST /leads/{id}/convert': {
    prepare: async (ctx) => {
      const dealer = await freshDealer(ctx);
      return parts({
        token: dealer.token,
        params: { id: (await acceptedLead(ctx.t.tokens.admin, dealer.dealerId, dealer.token, ctx.t.regionId, 'DE')).id },
        body: json({ products: [{ sku: ctx.t.sku, quantity: 1 }], expectedCloseDate: inDays(40), stage: 'early' }),
      });
    },
  },
  'POST /leads/{id}/route': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: (await unassignedLead(ctx.t.tokens.admin, ctx.t.regionId, 'DE')).id },
        body: json({ dealerId: (await freshDealer(ctx)).dealerId }),
      }),
  },
};
