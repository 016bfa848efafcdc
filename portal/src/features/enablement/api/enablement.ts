/** The enablement API: catalogue, sales assets and their downloads, tier price lists, the support contact, uploads. */
import type {
  AssetInput,
  Asset as AssetSchema,
  PriceListInput,
  PriceList as PriceListSchema,
  PriceListSummary as PriceListSummarySchema,
  SupportContact as SupportContactSchema,
  TierPriceList as TierPriceListSchema,
} from '@shared/schemas/enablement.js';
import type { FileUpload } from '@shared/schemas/files.js';
import type { CatalogProductDetail as DetailSchema, CatalogProduct as ProductSchema } from '@shared/schemas/setup.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as z from 'zod';
import { api, apiRequest, fetchText, queryString } from '../../../lib/api-client.js';

export type CatalogProduct = z.infer<typeof ProductSchema>;
export type CatalogProductDetail = z.infer<typeof DetailSchema>;
export type Asset = z.infer<typeof AssetSchema>;
export type TierPriceList = z.infer<typeof TierPriceListSchema>;
export type PriceList = z.infer<typeof PriceListSchema>;
export type PriceListSummary = z.infer<typeof PriceListSummarySchema>;
export type SupportContact = z.infer<typeof SupportContactSchema>;

interface Paged<T> {
  items: T[];
  nextCursor?: string | null;
}

const keys = {
  catalog: (cursor: string | undefined) => ['enablement', 'catalog', cursor ?? ''] as const,
  wholeCatalog: ['enablement', 'catalog', 'all'] as const,
  product: (sku: string) => ['enablement', 'product', sku] as const,
  assets: (sku: string | undefined, cursor: string | undefined) => ['enablement', 'assets', sku ?? '', cursor ?? ''] as const,
  tierPrices: (date: string) => ['enablement', 'tier-prices', date] as const,
  priceLists: (cursor: string | undefined) => ['enablement', 'price-lists', cursor ?? ''] as const,
  support: ['enablement', 'support'] as const,
};

const PAGE = 25;
/** A bound on the pages read for one answer, so that a broken cursor cannot loop: 200 pages of 100. */
const MAX_PAGES = 200;

/** One page of the products the caller's tier may see (a filtered page may be short: the API filters in the query). */
export const useCatalogPage = (cursor: string | undefined) =>
  useQuery({
    queryKey: keys.catalog(cursor),
    queryFn: ({ signal }) => api.get<Paged<CatalogProduct>>(`/catalog${queryString({ limit: PAGE, cursor })}`, signal),
    placeholderData: keepPreviousData,
  });

/** Every page of the catalogue, for a search by SKU or name (the API has no text search of products). */
export const useWholeCatalog = (enabled: boolean) =>
  useQuery({
    queryKey: keys.wholeCatalog,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const products: CatalogProduct[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.get<Paged<CatalogProduct>>(`/catalog${queryString({ limit: 100, cursor })}`, signal);
        products.push(...answer.items);
        cursor = answer.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return products;
    },
  });

export const useProduct = (sku: string) =>
  useQuery({
    queryKey: keys.product(sku),
    queryFn: ({ signal }) => api.get<CatalogProductDetail>(`/catalog/${encodeURIComponent(sku)}`, signal),
  });

export const useAssets = (sku: string | undefined, cursor: string | undefined) =>
  useQuery({
    queryKey: keys.assets(sku, cursor),
    queryFn: ({ signal }) => api.get<Paged<Asset>>(`/assets${queryString({ sku, cursor, limit: PAGE })}`, signal),
    placeholderData: keepPreviousData,
  });

/**
 * Every asset of one product the caller may see. The API filters in the query, so a page may be short or even empty
 * with more to come: a product has few assets, and its page shows them all.
 */
export const useProductAssets = (sku: string) =>
  useQuery({
    queryKey: keys.assets(sku, 'all'),
    queryFn: async ({ signal }) => {
      const found: Asset[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.get<Paged<Asset>>(`/assets${queryString({ sku, cursor, limit: 100 })}`, signal);
        found.push(...answer.items);
        cursor = answer.nextCursor ?? undefined;
        if (!cursor) break;
      }
      return found;
    },
  });

/**
 * Downloads an asset: asks for its presigned URL (valid 5 minutes, the download counted for the dealer) and follows
 * it at once; the URL names the file as an attachment, so the browser saves it and the page stays.
 */
export async function downloadAsset(assetId: string): Promise<void> {
  const { url } = await api.get<{ url: string; expiresAt: string }>(`/assets/${encodeURIComponent(assetId)}/download`);
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export const useTierPrices = (date: string) =>
  useQuery({
    queryKey: keys.tierPrices(date),
    queryFn: ({ signal }) => api.get<TierPriceList>(`/price-list${queryString({ date })}`, signal),
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });

/** The API's own CSV of the tier prices (formula-safe cells), as it answers it. */
export const tierPricesCsv = (date: string) => fetchText(`/price-list${queryString({ date, format: 'csv' })}`);

export const useSupportContact = (enabled: boolean) =>
  useQuery({
    queryKey: keys.support,
    enabled,
    staleTime: 30 * 60_000,
    queryFn: ({ signal }) => api.get<SupportContact>('/support', signal),
  });

export const usePriceLists = (cursor: string | undefined) =>
  useQuery({
    queryKey: keys.priceLists(cursor),
    queryFn: ({ signal }) => api.get<Paged<PriceListSummary>>(`/price-lists${queryString({ cursor, limit: PAGE })}`, signal),
    placeholderData: keepPreviousData,
  });

export function useSavePriceList() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: PriceListInput }) =>
      apiRequest<PriceList>('PUT', `/price-lists/${encodeURIComponent(id)}`, { body: input }).then((r) => r.data),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['enablement'] }),
  });
}

/**
 * PUTs a file to its presigned URL with the signed headers, reporting progress (fetch cannot report an upload's
 * progress; XMLHttpRequest can). The browser sets content-length itself from the body, as signed.
 */
function putWithProgress(upload: FileUpload, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', upload.uploadUrl);
    for (const [name, value] of Object.entries(upload.uploadHeaders)) {
      if (name.toLowerCase() !== 'content-length') request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`upload: HTTP ${request.status}`));
    request.onerror = () => reject(new Error('upload: no answer'));
    request.send(file);
  });
}

/** Declares the file (`POST /files`), uploads it with progress, confirms it, then stores the asset that names it. */
export function useUploadAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (args: { id: string; file: File; input: Omit<AssetInput, 'fileId'>; onProgress: (fraction: number) => void }) => {
      const upload = await api.post<FileUpload>('/files', {
        purpose: 'asset',
        fileName: args.file.name,
        contentType: args.file.type,
        bytes: args.file.size,
      });
      await putWithProgress(upload, args.file, args.onProgress);
      await api.post(`/files/${encodeURIComponent(upload.fileId)}/confirm`, undefined);
      const input: AssetInput = { ...args.input, fileId: upload.fileId };
      return apiRequest<Asset>('PUT', `/assets/${encodeURIComponent(args.id)}`, { body: input }).then((r) => r.data);
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['enablement'] }),
  });
}
