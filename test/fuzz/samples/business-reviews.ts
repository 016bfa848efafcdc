/** Fuzz samples of the business reviews (spread into SAMPLES): a pack to read, and a fresh dealer's review to hold. */
import { call, uniqueId } from '../../support/api.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const today = () => new Date().toISOString().slice(0, 10);
export const currentQuarter = () => {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};

/** A review is held once per dealer and quarter: each sample holds that of a new dealer of the tenant's region. */
async function freshDealer(ctx: FuzzContext) {
  const dealerId = uniqueId('dealer');
  const put = await call('PUT', `/dealers/${dealerId}`, {
    token: ctx.t.tokens.admin,
    body: { name: 'Review dealer', regionId: ctx.t.regionId, email: 'r@dealer.example', status: 'active' },
  });
  if (put.status !== 200 && put.status !== 201) throw new Error(`fixture: ${put.text}`);
  return dealerId;
}

export const businessReviewSamples: Record<string, Sample> = {
  'GET /dealers/{dealerId}/business-reviews/{quarter}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { dealerId: ctx.t.dealerId, quarter: '2031-Q1' } }),
  },
  'POST /dealers/{dealerId}/business-reviews/{quarter}': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.manager,
        params: { dealerId: await freshDealer(ctx), quarter: currentQuarter() },
        body: {
          kind: 'json',
          value: {
            heldOn: today(),
            commitments: [{ text: 'Register every deal above EUR 50,000', owner: 'Dealer', due: '2031-03-31' }],
            attendees: ['Anna Berger'],
          },
        },
      }),
  },
};
