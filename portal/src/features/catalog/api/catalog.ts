/** The products a dealer may register (GET /catalog). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface CatalogProduct {
  sku: string;
  name: string;
  productLine: string;
}

/** A bound on the pages read, so that a broken cursor cannot loop: 200 pages of 100 products. */
const MAX_PAGES = 200;

/** Every page of the catalogue: the picker must offer every product, not the first hundred. */
async function wholeCatalog(signal: AbortSignal): Promise<CatalogProduct[]> {
  const products: CatalogProduct[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const answer = await api.get<{ items: CatalogProduct[]; nextCursor?: string | null }>(`/catalog?limit=100${query}`, signal);
    products.push(...answer.items);
    cursor = answer.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return products;
}

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: ({ signal }) => wholeCatalog(signal),
    staleTime: 10 * 60_000,
  });
}
