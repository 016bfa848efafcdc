/** `GET /catalog` and `GET /catalog/{sku}`: the products a caller's tier may see (SPEC §4). */
import { catalogPage } from '../db/catalog-repository.js';
import { products } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { type Availability, productVisible, type Viewer } from '../domain/enablement.js';
import { NotFound } from '../domain/errors.js';
import type { Product } from '../schemas/setup.js';
import { viewerOf } from './viewer.js';

const shownTo = (viewer: Viewer): Availability[] =>
  viewer === 'manufacturer'
    ? ['published', 'early_access', 'withdrawn']
    : viewer.tier === 'gold'
      ? ['published', 'early_access']
      : ['published'];

const summary = (p: Product) => ({
  sku: p.sku,
  name: p.name,
  productLine: p.productLine,
  ...(p.description ? { description: p.description } : {}),
  availability: p.availability ?? 'published',
});

export async function listCatalog(caller: Caller, page: { limit: number; cursor?: string | undefined }) {
  const result = await catalogPage(shownTo(await viewerOf(caller)), page);
  return { items: result.items.map(summary), ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}) };
}

/** A product the caller may not see answers as one that does not exist. */
export async function catalogProduct(caller: Caller, sku: string) {
  const [product, viewer] = await Promise.all([products.get(sku), viewerOf(caller)]);
  if (!product || !productVisible(product, viewer)) throw new NotFound(`There is no product ${sku}.`);
  return { ...summary(product), ...(product.specs ? { specs: product.specs } : {}) };
}
