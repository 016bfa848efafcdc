/** Fuzz samples of the enablement area (spread into SAMPLES): catalogue, price lists, assets, support contact. */
import { call, uniqueId } from '../../support/api.js';
import { asset, privateCurrency, privateYear } from '../../support/enablement.js';
import { declareAndPut } from '../../support/files.js';
import type { Parts } from '../requests.js';
import type { FuzzContext, Sample } from '../samples.js';

const parts = (p: Partial<Parts>): Parts => ({ params: {}, query: [], headers: {}, ...p });
const json = (value: unknown) => ({ kind: 'json' as const, value });
const LIST = { limit: ['1', '100'] };

const priceListBody = (ctx: FuzzContext) => {
  const currency = privateCurrency();
  const year = privateYear();
  return {
    currency,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    tierDiscountPercent: { gold: 30, silver: 20, bronze: 10 },
    items: [{ sku: ctx.t.sku, listPrice: { amount: 125_000, currency } }],
  };
};

async function storedPriceList(ctx: FuzzContext) {
  const id = uniqueId('pl');
  const body = priceListBody(ctx);
  const put = await call('PUT', `/price-lists/${id}`, { token: ctx.t.tokens.admin, body });
  if (put.status !== 200) throw new Error(`fixture price list: ${put.status} ${put.text}`);
  return { id, ...body };
}

async function confirmedAssetFile(ctx: FuzzContext) {
  const fileId = await declareAndPut(ctx.t.tokens.admin, {
    purpose: 'asset',
    fileName: 'deck.pdf',
    contentType: 'application/pdf',
    bytes: 128,
  });
  await call('POST', `/files/${fileId}/confirm`, { token: ctx.t.tokens.admin });
  return fileId;
}

export const enablementSamples: Record<string, Sample> = {
  'GET /catalog/{sku}': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer, params: { sku: ctx.t.sku } }) },
  'PUT /price-lists/{priceListId}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { priceListId: uniqueId('pl') }, body: json(priceListBody(ctx)) }),
  },
  'GET /price-lists/{priceListId}': {
    prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, params: { priceListId: (await storedPriceList(ctx)).id } }),
  },
  'GET /price-lists': { prepare: async (ctx) => parts({ token: ctx.t.tokens.admin, query: [['limit', '5']] }), queryVariants: LIST },
  'GET /price-list': {
    prepare: async (ctx) => {
      const list = await storedPriceList(ctx);
      return parts({
        token: ctx.t.tokens.dealer,
        query: [
          ['date', `${list.validFrom.slice(0, 4)}-06-01`],
          ['currency', list.currency],
        ],
      });
    },
    queryVariants: { format: ['json', 'csv'] },
  },
  'PUT /assets/{assetId}': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.admin,
        params: { assetId: uniqueId('asset') },
        body: json({
          title: 'MX-200 datasheet',
          kind: 'datasheet',
          fileId: await confirmedAssetFile(ctx),
          minimumTier: 'silver',
          skus: [ctx.t.sku],
          productLines: ['milling'],
          language: 'de',
        }),
      }),
  },
  'GET /assets/{assetId}': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, params: { assetId: await asset(ctx.t.tokens.admin, { skus: [ctx.t.sku] }) } }),
  },
  'GET /assets': {
    prepare: async (ctx) =>
      parts({
        token: ctx.t.tokens.dealer,
        query: [
          ['limit', '5'],
          ['sku', ctx.t.sku],
        ],
      }),
    queryVariants: { ...LIST, productLine: ['milling'], language: ['en', 'de', 'nl'] },
  },
  'GET /assets/{assetId}/download': {
    prepare: async (ctx) =>
      parts({ token: ctx.t.tokens.dealer, params: { assetId: await asset(ctx.t.tokens.admin, { skus: [ctx.t.sku] }) } }),
  },
  'GET /support': { prepare: async (ctx) => parts({ token: ctx.t.tokens.dealer }) },
};
