/** Fuzz samples of the leads area's routes, spread into SAMPLES (test/fuzz/samples.ts). */
import fc from 'fast-check';
import { acceptedLead, leadBody, leadOfferedTo, unassignedLead } from '../../support/leads.js';
import { hostileText } from '../hostile-text.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const LIST = { limit: ['1', '100'] };

const offered = async (ctx: FuzzContext) => (await leadOfferedTo(ctx.t.tokens.admin, ctx.t.dealerId, ctx.t.regionId, 'DE')).id;

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
  'GET /leads/{id}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, params: { id: await offered(ctx) } }) },
  'POST /leads/{id}/accept': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { id: await offered(ctx) } }) },
  'POST /leads/{id}/decline': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, params: { id: await offered(ctx) }, body: json({ reason: 'No service capacity there' }) }),
  },
  'POST /leads/{id}/convert': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        params: { id: (await acceptedLead(ctx.t.tokens.admin, ctx.t.dealerId, ctx.t.tokens.dealer, ctx.t.regionId, 'DE')).id },
        body: json({ products: [{ sku: ctx.t.sku, quantity: 1 }], expectedCloseDate: inDays(40), stage: 'early' }),
      }),
  },
  'POST /leads/{id}/route': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: (await unassignedLead(ctx.t.tokens.admin, ctx.t.regionId, 'DE')).id },
        body: json({ dealerId: ctx.t.dealerId }),
      }),
  },
};
