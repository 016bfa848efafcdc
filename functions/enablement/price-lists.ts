import { priceListRoutes } from '../../shared/api/enablement.js';
import { getPriceList, listPriceLists, putPriceList, tierPrices } from '../../shared/enablement/price-lists.js';
import { minorToMajor, toCsv } from '../../shared/exports/csv.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const put = httpRoute(priceListRoutes.put, async ({ params, body }) => ({
  status: 200,
  body: await putPriceList(params.priceListId, body),
}));

export const get = httpRoute(priceListRoutes.get, async ({ params }) => ({ status: 200, body: await getPriceList(params.priceListId) }));

export const list = httpRoute(priceListRoutes.list, async ({ query }) => ({ status: 200, body: await listPriceLists(query) }));

const CSV_COLUMNS = [
  { key: 'sku', header: 'sku' },
  { key: 'name', header: 'name' },
  { key: 'listPrice', header: 'listPrice', decimals: 2 },
  { key: 'discountPercent', header: 'discountPercent' },
  { key: 'netPrice', header: 'netPrice', decimals: 2 },
  { key: 'currency', header: 'currency' },
];

export const tier = httpRoute(priceListRoutes.tier, async ({ caller, query }) => {
  const prices = await tierPrices(caller, query);
  if (query.format === 'json') return { status: 200, body: prices };
  const major = (amount: number) => minorToMajor(amount, prices.currency);
  const csv = toCsv(
    CSV_COLUMNS,
    prices.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      listPrice: major(item.listPrice.amount),
      discountPercent: item.discountPercent,
      netPrice: major(item.netPrice.amount),
      currency: prices.currency,
    })),
  );
  const name = `price-list-${prices.priceListId}-${prices.tier}`;
  return {
    status: 200,
    body: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` },
  };
});
