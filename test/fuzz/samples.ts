/**
 * One valid request per route of the route table, each against a fresh resource where the route changes one (so
 * that the positive control can send every sample unchanged and expect success), plus what the route's schemas
 * cannot tell: valid query variants, the form fields of the review page, the headers a route reads.
 */
import fc from 'fast-check';
import type * as z from 'zod';
import { signReviewToken } from '../../shared/review-links/review-token.js';
import { ReviewFormDecision } from '../../shared/schemas/registration.js';
import { call, createTenant, partnerManagerOf, registrationBody, reviewTokenSecret, type Tenant, uniqueId } from '../support/api.js';
import { hostileText } from './hostile-text.js';
import type { Parts } from './requests.js';
import { businessReviewSamples } from './samples/business-reviews.js';
import { enablementSamples } from './samples/enablement.js';
import { fileSamples } from './samples/files.js';
import { fundSamples } from './samples/funds.js';
import { INTEGRATION_SAMPLES } from './samples/integrations.js';
import { LEAD_SAMPLES } from './samples/leads.js';
import { ONBOARDING_SAMPLES } from './samples/onboarding.js';
import { OUTBOX_SAMPLES } from './samples/outbox.js';
import { TRAINING_SAMPLES } from './samples/training.js';

export interface FuzzContext {
  t: Tenant;
}

export interface HeaderSpec {
  valid: fc.Arbitrary<string>;
  invalid: fc.Arbitrary<string>;
}

export interface Sample {
  /** A valid request; a fresh resource each call where the route changes one. */
  prepare: (ctx: FuzzContext) => Promise<Parts>;
  /** Valid values of query parameters besides the sample's own (limits of ranges, other formats). */
  queryVariants?: Record<string, string[]>;
  /** The schema of a form body, which the route hands to its handler as strings. */
  form?: z.ZodType;
  /** Headers the route reads: values it must take and values it must refuse. */
  headers?: Record<string, HeaderSpec>;
}

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function registration(ctx: FuzzContext, state: 'submitted' | 'approved' | 'extension' = 'submitted') {
  const { t } = ctx;
  const created = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
  if (created.status !== 201) throw new Error(`fixture registration: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  if (state !== 'submitted') {
    const approved = await call('POST', `/registrations/${id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
    if (approved.status !== 200) throw new Error(`fixture approval: ${approved.status} ${approved.text}`);
  }
  if (state === 'extension') {
    const asked = await call('POST', `/registrations/${id}/extensions`, {
      token: t.tokens.dealer,
      body: { days: 5, reason: 'Tender delayed' },
    });
    if (asked.status !== 200) throw new Error(`fixture extension: ${asked.status} ${asked.text}`);
  }
  return id;
}

/** Two registrations of one customer by two dealers of one region: a conflict case at the partner manager. */
async function conflict(ctx: FuzzContext) {
  const { t } = ctx;
  const body = registrationBody({}, t.sku);
  await call('POST', '/registrations', { token: t.tokens.dealer, body });
  const second = await call('POST', '/registrations', { token: t.tokens.sameRegionDealer, body });
  const id = second.body.conflictId ?? (await findConflict(ctx, second.body.id as string));
  if (!id) throw new Error(`fixture conflict: ${second.status} ${second.text}`);
  return id as string;
}

async function findConflict(ctx: FuzzContext, registrationId: string) {
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/conflicts?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: ctx.t.tokens.admin });
    const found = (page.body.items as { id: string; parties: { registrationId: string }[] }[]).find((c) =>
      c.parties.some((p) => p.registrationId === registrationId),
    );
    if (found) return found.id;
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}

const reviewToken = async (ctx: FuzzContext, purpose: 'review' | 'extension' = 'review') =>
  signReviewToken(
    {
      registrationId: await registration(ctx, purpose === 'review' ? 'submitted' : 'extension'),
      recipient: partnerManagerOf(ctx.t.regionId),
      purpose,
      expiresAt: Date.now() + 3_600_000,
    },
    reviewTokenSecret,
  );

const LIST = { limit: ['1', '100'] };
const ifMatch: HeaderSpec = {
  valid: fc.nat({ max: 50 }).map((n) => `"${n}"`),
  invalid: fc.oneof(fc.constantFrom('', '*', 'W/"1"', '"1", "2"', '1', '"-1"', '"1.5"', `"${'9'.repeat(40)}"`), hostileText),
};
const idempotencyKey: HeaderSpec = {
  valid: fc.oneof(fc.uuid(), fc.stringMatching(/^[\x21-\x7E]{1,255}$/)),
  invalid: fc.oneof(
    hostileText.map((s) => `${s} ü`),
    fc.constant('k'.repeat(256)),
    fc.constant(' '),
  ),
};

const kpiRows = (ctx: FuzzContext): Record<string, Record<string, unknown>> => ({
  revenue: { dealerId: ctx.t.dealerId, month: '2031-01', productLine: 'milling', amount: 100, currency: 'EUR' },
  training: { dealerId: ctx.t.dealerId, month: '2031-01', userId: 'u1', moduleId: 'safety', completed: true },
  marketing: { dealerId: ctx.t.dealerId, month: '2031-01', campaignId: 'fair', participated: false },
  support: { dealerId: ctx.t.dealerId, month: '2031-01', tickets: 2 },
  satisfaction: { dealerId: ctx.t.dealerId, month: '2031-01', responses: 3, score: 90 },
});
const kpi = (kind: string): Sample => ({
  prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, body: json({ items: [kpiRows(ctx)[kind]] }) }),
});

const setup = (
  collection: string,
  idName: string,
  body: (ctx: FuzzContext) => unknown,
  existing: (ctx: FuzzContext) => Promise<string>,
): Record<string, Sample> => ({
  [`PUT /${collection}/{${idName}}`]: {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { [idName]: uniqueId('fz') }, body: json(body(ctx)) }),
  },
  [`GET /${collection}/{${idName}}`]: {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { [idName]: await existing(ctx) } }),
  },
  [`GET /${collection}`]: { prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, query: [['limit', '10']] }), queryVariants: LIST },
});

const putThen = (path: string, body: unknown, token: string) => async () => {
  const response = await call('PUT', path, { token, body });
  if (response.status !== 200) throw new Error(`fixture PUT ${path}: ${response.status} ${response.text}`);
};

const territory = (ctx: FuzzContext) => ({ dealerId: ctx.t.dealerId, country: 'SE', postalPrefixes: ['70'] });
const namedAccount = () => ({ customer: { name: 'Named Kunde AG', country: 'SE' }, owner: { direct: true } });

export const SAMPLES: Record<string, Sample> = {
  ...ONBOARDING_SAMPLES,
  'GET /health': { prepare: async () => parts({}) },
  'GET /openapi.json': { prepare: async () => parts({}) },
  'PUT /program': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.admin, body: json((await call('GET', '/program', { token: ctx.t.tokens.admin })).body) }),
  },
  'GET /program': { prepare: async (ctx) => parts({ token: ctx.t.tokens.finance }) },
  ...setup(
    'regions',
    'regionId',
    () => ({ name: 'Fuzz region', countries: ['SE'], partnerManagerEmail: 'pm@fuzz.example', regionalDirectorEmail: 'rd@fuzz.example' }),
    async (ctx) => ctx.t.regionId,
  ),
  ...setup(
    'dealers',
    'dealerId',
    (ctx) => ({ name: 'Fuzz Händler GmbH', regionId: ctx.t.otherRegionId, email: 'fuzz@dealer.example', status: 'active' }),
    async (ctx) => ctx.t.dealerId,
  ),
  ...setup(
    'products',
    'sku',
    () => ({ name: 'Fuzz machine', productLine: 'milling' }),
    async (ctx) => ctx.t.sku,
  ),
  'GET /catalog': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '2']] }), queryVariants: LIST },
  ...setup('rules/territories', 'territoryId', territory, async (ctx) => {
    const id = uniqueId('terr');
    await putThen(`/rules/territories/${id}`, territory(ctx), ctx.t.tokens.admin)();
    return id;
  }),
  ...setup('rules/named-accounts', 'accountId', namedAccount, async (ctx) => {
    const id = uniqueId('acct');
    await putThen(`/rules/named-accounts/${id}`, namedAccount(), ctx.t.tokens.admin)();
    return id;
  }),
  'PUT /rules/direct': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.admin, body: json((await call('GET', '/rules/direct', { token: ctx.t.tokens.admin })).body) }),
  },
  'GET /rules/direct': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager }) },
  'POST /registrations': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, body: json(registrationBody({}, ctx.t.sku)), headers: { 'idempotency-key': uniqueId('idem') } }),
    headers: { 'idempotency-key': idempotencyKey },
  },
  'GET /registrations': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, query: [['limit', '1']] }),
    queryVariants: { ...LIST, status: ['submitted', 'approved', 'in_conflict', 'withdrawn'] },
  },
  'GET /registrations/{id}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, params: { id: await registration(ctx) } }) },
  'GET /registrations/{id}/history': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, params: { id: await registration(ctx, 'approved') }, query: [['limit', '1']] }),
    queryVariants: LIST,
  },
  'PATCH /registrations/{id}': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        params: { id: await registration(ctx) },
        body: json({ stage: 'late', nextSteps: 'Call the buyer', competitors: ['Acme'] }),
        headers: { 'if-match': '"1"' },
      }),
    headers: { 'if-match': ifMatch },
  },
  'POST /registrations/{id}/withdraw': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { id: await registration(ctx) } }),
  },
  'POST /registrations/{id}/outcome': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        params: { id: await registration(ctx, 'approved') },
        body: json({ result: 'lost', closedOn: today(), lostReason: 'Price' }),
      }),
  },
  'POST /registrations/{id}/decision': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: await registration(ctx) },
        body: json({ decision: 'reject', reason: 'Not a fit' }),
      }),
  },
  'POST /registrations/{id}/extensions': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        params: { id: await registration(ctx, 'approved') },
        body: json({ days: 10, reason: 'Board meets later' }),
      }),
  },
  'POST /registrations/{id}/extensions/decision': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: await registration(ctx, 'extension') },
        body: json({ decision: 'approve', reason: 'Fine' }),
      }),
  },
  'GET /review/{token}': { prepare: async (ctx) => parts({ params: { token: await reviewToken(ctx) } }) },
  'HEAD /review/{token}': { prepare: async (ctx) => parts({ params: { token: await reviewToken(ctx) } }) },
  'POST /review/{token}': {
    prepare: async (ctx) =>
      parts({
        params: { token: await reviewToken(ctx) },
        body: {
          kind: 'form',
          fields: [
            ['decision', 'reject'],
            ['reason', 'Duplicate of an older deal'],
          ],
        },
      }),
    form: ReviewFormDecision,
  },
  'GET /conflicts': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, query: [['limit', '1']] }),
    queryVariants: { ...LIST, state: ['open', 'resolved'] },
  },
  'GET /conflicts/{id}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, params: { id: await conflict(ctx) } }) },
  'POST /conflicts/{id}/resolve': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { id: await conflict(ctx) },
        body: json({ winner: 'direct', basis: 'relationship', note: 'Direct account' }),
      }),
  },
  'POST /conflicts/{id}/escalate': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.manager, params: { id: await conflict(ctx) }, body: json({ note: 'Needs the director' }) }),
  },
  'GET /forecast': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.finance,
        query: [
          ['from', '2031-01'],
          ['to', '2031-03'],
        ],
      }),
    queryVariants: {
      from: ['2000-01', '2030-12'],
      to: ['2033-12', '2031-01'],
      groupBy: ['quarter', 'month,productLine,region,dealer,tier', 'quarter,tier'],
      weighting: ['stage', 'history'],
      format: ['json', 'csv'],
    },
  },
  'GET /forecast/deals': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.finance,
        query: [
          ['from', '2031-01'],
          ['to', '2031-03'],
          ['limit', '1'],
        ],
      }),
    queryVariants: { from: ['2030-12'], to: ['2031-01', '2033-12'], limit: ['1', '5000'], format: ['json', 'csv'], weighting: ['history'] },
  },
  'GET /forecast/accuracy': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.finance, query: [['month', '2031-01']] }),
    queryVariants: { month: ['2000-01', '2199-12'] },
  },
  'POST /kpi-inputs/revenue': kpi('revenue'),
  'POST /kpi-inputs/training': kpi('training'),
  'POST /kpi-inputs/marketing': kpi('marketing'),
  'POST /kpi-inputs/support': kpi('support'),
  'POST /kpi-inputs/satisfaction': kpi('satisfaction'),
  'GET /dealers/{dealerId}/scorecard': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { dealerId: ctx.t.dealerId }, query: [['period', '2031-Q1']] }),
    queryVariants: { period: ['2000-Q1', '2199-Q4', '2199', '2000', '2031'] },
  },
  'GET /dealers/{dealerId}/tier-history': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, params: { dealerId: ctx.t.dealerId } }),
    queryVariants: LIST,
  },
  'POST /dealers/{dealerId}/improvement-plans': {
    prepare: async (ctx) => {
      const dealerId = uniqueId('dealer');
      await putThen(
        `/dealers/${dealerId}`,
        { name: 'Plan dealer', regionId: ctx.t.regionId, email: 'p@dealer.example', status: 'active' },
        ctx.t.tokens.admin,
      )();
      return parts({
        token: ctx.t.tokens.manager,
        params: { dealerId },
        body: json({ goals: [{ kpi: 'registeredDeals', target: 3 }], deadline: inDays(30), note: 'Quarterly review' }),
      });
    },
  },
  'GET /dealers/{dealerId}/improvement-plans': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { dealerId: ctx.t.dealerId } }),
    queryVariants: LIST,
  },
  'GET /reviews': { prepare: async (ctx) => parts({ token: ctx.t.tokens.manager, query: [['limit', '1']] }), queryVariants: LIST },
  ...fileSamples,
  ...INTEGRATION_SAMPLES,
  ...businessReviewSamples,
  ...LEAD_SAMPLES,
  'GET /dealer-directory': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        query: [
          ['regionId', ctx.t.regionId],
          ['q', 'dealer'],
          ['limit', '5'],
        ],
      }),
    queryVariants: { ...LIST, q: ['a', 'DEALER', 'ä'] },
  },
  ...fundSamples(idempotencyKey),
  ...enablementSamples,
  ...TRAINING_SAMPLES,
  ...OUTBOX_SAMPLES,
};

export async function fuzzContext(): Promise<FuzzContext> {
  return { t: await createTenant() };
}
