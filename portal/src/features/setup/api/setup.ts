/**
 * The setup API as the channel admins' pages use it: the program, the reference collections (regions, dealers,
 * products, territories, named accounts) paged by cursor, the direct rules, and the dealer directory managers read.
 */
import type { DirectRules, NamedAccount, Territory } from '@shared/schemas/rules.js';
import type { DealerDirectoryEntry, Product, Program, Region } from '@shared/schemas/setup.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, queryString } from '../../../lib/api-client.js';

export type { DealerDirectoryEntry, DirectRules, NamedAccount, Product, Program, Region, Territory };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The collections channel admins keep, by the path of their routes. */
export type Collection = 'regions' | 'dealers' | 'products' | 'rules/territories' | 'rules/named-accounts';

const PAGE_SIZE = 20;

export const useCollectionPage = <T>(collection: Collection, cursor: string | undefined) =>
  useQuery({
    queryKey: ['setup', collection, cursor],
    queryFn: ({ signal }) => api.get<Page<T>>(`/${collection}${queryString({ limit: PAGE_SIZE, cursor })}`, signal),
    placeholderData: keepPreviousData,
  });

export function useSaveItem<T>(collection: Collection) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: unknown }) =>
      apiRequest<T>('PUT', `/${collection}/${encodeURIComponent(id)}`, { body }).then((r) => r.data),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['setup', collection] }),
        ...(collection === 'dealers' ? [client.invalidateQueries({ queryKey: ['dealer-directory'] })] : []),
      ]),
  });
}

/** Every region (followed page by page): the choices of a dealer's region. */
export const useAllRegions = (enabled = true) =>
  useQuery({
    queryKey: ['setup', 'regions', 'all'],
    enabled,
    queryFn: async ({ signal }) => {
      const regions: Region[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<Region>>(`/regions${queryString({ limit: 100, cursor })}`, signal);
        regions.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return regions;
    },
  });

/** At most this many directory slices per search page (each request reads up to 500 dealers). */
const MAX_SEARCH_READS = 40;

export const useDealerDirectory = (query: { regionId?: string | undefined; q?: string | undefined }, cursor: string | undefined) =>
  useQuery({
    queryKey: ['dealer-directory', query.regionId, query.q, cursor],
    queryFn: async ({ signal }) => {
      // A search reads a bounded slice of the directory per request: read on while a slice matched nobody, so a
      // search shows its first matches (or that there are none) rather than an empty page with a "next" link.
      let next = cursor;
      for (let read = 0; ; read++) {
        const page = await api.get<Page<DealerDirectoryEntry>>(
          `/dealer-directory${queryString({ regionId: query.regionId, q: query.q, limit: PAGE_SIZE, cursor: next })}`,
          signal,
        );
        if (!query.q || page.items.length > 0 || !page.nextCursor || read >= MAX_SEARCH_READS) return page;
        next = page.nextCursor;
      }
    },
    placeholderData: keepPreviousData,
  });

/** A setting read and replaced as a whole (the program, the direct rules). */
function useSingleton<T>(path: string) {
  const client = useQueryClient();
  const read = useQuery({ queryKey: ['setup', path], queryFn: ({ signal }) => api.get<T>(path, signal) });
  const save = useMutation({
    mutationFn: (body: T) => apiRequest<T>('PUT', path, { body }).then((r) => r.data),
    onSuccess: (stored) => client.setQueryData(['setup', path], stored),
  });
  return { read, save };
}

export const useProgram = () => useSingleton<Program>('/program');
export const useDirectRules = () => useSingleton<DirectRules>('/rules/direct');
