/** Fuzz samples of the onboarding area: applications, the partner agreement, a dealer's users. */
import { call, partnerApplication, uniqueId } from '../../support/api.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const LIST = { limit: ['1', '100'] };

/** A published version (non-material, so that it never blocks another test's submissions). */
async function version(ctx: FuzzContext, effectiveFrom = inDays(30)) {
  const id = uniqueId('fz');
  const put = await call('PUT', `/agreements/${id}`, {
    token: ctx.t.tokens.admin,
    body: { title: 'Fuzz agreement', body: '# Rules\n\nRegister first.', material: false, effectiveFrom },
  });
  if (put.status !== 200) throw new Error(`fixture agreement: ${put.status} ${put.text}`);
  return id;
}

async function invitedUser(ctx: FuzzContext) {
  const invited = await call('POST', `/dealers/${ctx.t.dealerId}/users`, {
    token: ctx.t.tokens.admin,
    body: { email: `${uniqueId('fz')}@dealer.example`, name: 'Fuzz colleague' },
  });
  if (invited.status !== 201) throw new Error(`fixture user: ${invited.status} ${invited.text}`);
  return invited.body.id as string;
}

export const ONBOARDING_SAMPLES: Record<string, Sample> = {
  'POST /partner-applications': {
    prepare: async () =>
      parts({
        body: json({
          company: { name: 'Fuzz Maschinen GmbH', country: 'DE', city: 'Ulm', website: 'https://fuzz.example' },
          contact: { name: 'Jana Roth', email: 'jana@fuzz.example' },
          message: 'We would like to sell your machines.',
          language: 'de',
        }),
      }),
  },
  'GET /partner-applications': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, query: [['limit', '10']] }),
    queryVariants: { ...LIST, status: ['submitted', 'approved', 'declined'] },
  },
  'POST /partner-applications/{id}/decision': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        params: { id: (await partnerApplication()).id },
        body: json({ decision: 'decline', reason: 'No coverage needed in this area' }),
      }),
  },
  'PUT /agreements/{version}': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        params: { version: uniqueId('fz') },
        body: json({ title: 'Partner agreement', body: '# Rules\n\n*Register* first.', material: false, effectiveFrom: inDays(30) }),
      }),
  },
  'GET /agreements': { prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, query: [['limit', '10']] }), queryVariants: LIST },
  'GET /agreements/current': {
    prepare: async (ctx) => {
      await version(ctx, new Date().toISOString().slice(0, 10));
      return parts({ token: ctx.t.tokens.dealer });
    },
  },
  'POST /agreements/{version}/accept': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { version: await version(ctx) } }),
  },
  'GET /agreements/{version}/acceptances': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { version: await version(ctx) }, query: [['limit', '10']] }),
    queryVariants: LIST,
  },
  'GET /dealers/{dealerId}/users': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { dealerId: ctx.t.dealerId }, query: [['limit', '10']] }),
    queryVariants: LIST,
  },
  'POST /dealers/{dealerId}/users': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        params: { dealerId: ctx.t.dealerId },
        body: json({ email: `${uniqueId('fz')}@dealer.example`, name: 'Jonas Huber', admin: false }),
      }),
  },
  'POST /dealers/{dealerId}/users/{userId}/disable': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { dealerId: ctx.t.dealerId, userId: await invitedUser(ctx) } }),
  },
};
