/**
 * Tier price lists (SPEC §4, §8): channel admins put list prices per SKU with a validity and a currency; a dealer
 * reads its own tier's net prices as of a date, never another tier's discount.
 */
import { productsBySku } from '../db/catalog-repository.js';
import { priceLists, type Timeline } from '../db/price-list-repository.js';
import { program } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import type { Caller } from '../domain/caller.js';
import { netAmount, overlaps, productVisible, validOn } from '../domain/enablement.js';
import { InvalidInput, NotFound, StateConflict, Throttled } from '../domain/errors.js';
import type { Tier } from '../domain/tier-ranking.js';
import type { PriceList, PriceListInput, TierPriceList } from '../schemas/enablement.js';
import { tierSettingsOf } from '../schemas/setup.js';
import { viewerOf } from './viewer.js';

const MAX_ATTEMPTS = 5;

/** Stores a price list, refused (409) when another list of its currency is valid on any of its days. */
export async function putPriceList(id: string, input: PriceListInput, now = new Date()): Promise<PriceList> {
  const [known, settings, existing] = await Promise.all([productsBySku(input.items.map((i) => i.sku)), program.get(), priceLists.get(id)]);
  const unknown = input.items.flatMap((item, index) =>
    known.has(item.sku) ? [] : [{ path: `/items/${index}/sku`, message: `is not a product (${item.sku})` }],
  );
  if (unknown.length > 0) throw new InvalidInput(unknown);

  const list: PriceList = {
    id,
    currency: input.currency,
    validFrom: input.validFrom,
    ...(input.validTo ? { validTo: input.validTo } : {}),
    tierDiscountPercent: input.tierDiscountPercent ?? tierSettingsOf(settings).margins.base,
    items: input.items,
    updatedAt: now.toISOString(),
  };
  // The overlap check reads the currency's timeline; the write is conditioned on the version read, so a list
  // written meanwhile makes it start over with the new timeline rather than slip past the check.
  for (let attempt = 1; ; attempt++) {
    const timeline = await priceLists.timeline(list.currency);
    const clash = Object.entries(timeline.lists).find(([other, validity]) => other !== id && overlaps(validity, list));
    if (clash) {
      const [other, validity] = clash;
      throw new StateConflict(
        `Price list ${other} of ${list.currency} is valid from ${validity.validFrom}${validity.validTo ? ` to ${validity.validTo}` : ''}: ` +
          'one list per currency may be valid on any date.',
      );
    }
    const changed: Timeline[] = [
      {
        ...timeline,
        lists: { ...timeline.lists, [id]: { validFrom: list.validFrom, validTo: list.validTo } },
        version: timeline.version + 1,
      },
    ];
    if (existing && existing.currency !== list.currency) {
      const former = await priceLists.timeline(existing.currency);
      const { [id]: _moved, ...rest } = former.lists;
      changed.push({ ...former, lists: rest, version: former.version + 1 });
    }
    try {
      await priceLists.put(list, changed);
      break;
    } catch (error) {
      if (!(error instanceof ConditionsFailed)) throw error;
      if (attempt >= MAX_ATTEMPTS) throw new Throttled('Price lists of this currency are changing right now; retry.');
    }
  }
  return list;
}

export async function getPriceList(id: string): Promise<PriceList> {
  const list = await priceLists.get(id);
  if (!list) throw new NotFound(`There is no price list ${id}.`);
  return list;
}

export async function listPriceLists(page: { limit: number; cursor?: string | undefined }) {
  const result = await priceLists.list(page);
  return {
    items: result.items.map(({ items, ...summary }) => ({ ...summary, itemCount: items.length })),
    ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}),
  };
}

/**
 * The net prices of one tier on `date` in `currency`: the dealer's own tier (a dealer naming another tier is
 * refused), the named tier for the manufacturer's staff. Products the tier may not see are left out.
 */
export async function tierPrices(
  caller: Caller,
  query: { date?: string | undefined; currency?: string | undefined; tier?: Tier | undefined },
  now = new Date(),
): Promise<TierPriceList> {
  const viewer = await viewerOf(caller);
  let tier: Tier;
  if (viewer === 'manufacturer') {
    if (!query.tier) throw new InvalidInput([{ path: 'tier', message: 'is required: name the tier whose prices you want' }]);
    tier = query.tier;
  } else {
    if (query.tier && query.tier !== viewer.tier)
      throw new InvalidInput([{ path: 'tier', message: 'dealers see their own tier’s prices only' }]);
    tier = viewer.tier;
  }
  const date = query.date ?? now.toISOString().slice(0, 10);
  const currency = query.currency ?? (await program.get()).reportingCurrency;
  const timeline = await priceLists.timeline(currency);
  const id = Object.entries(timeline.lists).find(([, validity]) => validOn(validity, date))?.[0];
  const list = id ? await priceLists.get(id) : undefined;
  if (!list) throw new NotFound(`There is no price list in ${currency} valid on ${date}.`);
  const known = await productsBySku(list.items.map((i) => i.sku));
  const discountPercent = list.tierDiscountPercent[tier];
  return {
    priceListId: list.id,
    currency: list.currency,
    tier,
    validFrom: list.validFrom,
    ...(list.validTo ? { validTo: list.validTo } : {}),
    items: list.items.flatMap((item) => {
      const product = known.get(item.sku);
      if (!product || !productVisible(product, viewer === 'manufacturer' ? { tier } : viewer)) return [];
      return [
        {
          sku: item.sku,
          name: product.name,
          listPrice: item.listPrice,
          discountPercent,
          netPrice: { amount: netAmount(item.listPrice.amount, discountPercent), currency: item.listPrice.currency },
        },
      ];
    }),
  };
}
