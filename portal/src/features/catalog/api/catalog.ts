/** The products a dealer may register (GET /catalog). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

export interface CatalogProduct {
  sku: string;
  name: string;
  productLine: string;
}

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: ({ signal }) => api.get<{ items: CatalogProduct[] }>('/catalog?limit=100', signal).then((page) => page.items),
    staleTime: 10 * 60_000,
  });
}
