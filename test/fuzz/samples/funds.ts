/** Fuzz samples of the co-marketing funds routes (spread into SAMPLES). */

import { call } from '../../support/api.js';
import {
  approvedRequest,
  claim,
  claimBody,
  currentPeriod,
  fundRequestBody,
  openFunds,
  proofOf,
  TEST_BUDGET,
  today,
} from '../../support/funds.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, HeaderSpec, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const LIST = { limit: ['1', '100'] };

const opened = new Map<string, Promise<void>>();
const funded = (ctx: FuzzContext) => {
  if (!opened.has(ctx.t.dealerId)) opened.set(ctx.t.dealerId, openFunds(ctx.t));
  return opened.get(ctx.t.dealerId) as Promise<void>;
};

async function submitted(ctx: FuzzContext) {
  await funded(ctx);
  const created = await call('POST', '/fund-requests', { token: ctx.t.tokens.dealer, body: fundRequestBody(1_000) });
  if (created.status !== 201) throw new Error(`fixture fund request: ${created.status} ${created.text}`);
  return created.body.id as string;
}

export const fundSamples = (idempotencyKey: HeaderSpec): Record<string, Sample> => ({
  'PUT /funds/budgets/{period}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { period: '2031-Q1' }, body: json(TEST_BUDGET) }),
  },
  'GET /funds/budgets/{period}': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({ token: ctx.t.tokens.finance, params: { period: currentPeriod() } });
    },
  },
  'GET /funds': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({
        token: ctx.t.tokens.finance,
        query: [
          ['dealerId', ctx.t.dealerId],
          ['period', currentPeriod()],
        ],
      });
    },
    queryVariants: { period: [currentPeriod()] },
  },
  'GET /funds/ledger': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({
        token: ctx.t.tokens.finance,
        query: [
          ['dealerId', ctx.t.dealerId],
          ['period', currentPeriod()],
        ],
      });
    },
    queryVariants: { at: ['2000-01-01T00:00:00Z', new Date().toISOString(), '2199-12-31T23:59:59.999Z'] },
  },
  'POST /fund-requests': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({ token: ctx.t.tokens.dealer, body: json(fundRequestBody(1_000)) });
    },
    headers: { 'idempotency-key': idempotencyKey },
  },
  'GET /fund-requests': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '5']] }),
    queryVariants: { ...LIST, status: ['submitted', 'approved', 'claim_approved', 'lapsed'] },
  },
  'GET /fund-requests/{id}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { id: await submitted(ctx) } }),
  },
  'POST /fund-requests/{id}/decision': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: await submitted(ctx) },
        body: json({ decision: 'approve', approved: { amount: 900, currency: 'EUR' }, reason: 'Within plan' }),
      }),
  },
  'POST /fund-requests/{id}/claims': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({
        token: ctx.t.tokens.dealer,
        params: { id: await approvedRequest(ctx.t, 1_000) },
        body: json(claimBody(800, [await proofOf(ctx.t.tokens.dealer)])),
      });
    },
  },
  'GET /fund-claims': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.finance, query: [['status', 'approved']] }),
    queryVariants: { ...LIST, status: ['submitted', 'approved', 'rejected', 'paid'], format: ['json', 'csv'] },
  },
  'GET /fund-claims/{id}': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({ token: ctx.t.tokens.dealer, params: { id: await claim(ctx.t, 'submitted') } });
    },
  },
  'GET /fund-claims/{id}/proof': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({ token: ctx.t.tokens.dealer, params: { id: await claim(ctx.t, 'submitted') } });
    },
  },
  'POST /fund-claims/{id}/decision': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({ token: ctx.t.tokens.manager, params: { id: await claim(ctx.t, 'submitted') }, body: json({ decision: 'approve' }) });
    },
  },
  'POST /fund-claims/{id}/paid': {
    prepare: async (ctx) => {
      await funded(ctx);
      return parts({
        token: ctx.t.tokens.finance,
        params: { id: await claim(ctx.t, 'approved') },
        body: json({ paidOn: today(), reference: 'SEPA-2026-1' }),
      });
    },
  },
});
