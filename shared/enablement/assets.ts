/**
 * Sales assets (SPEC §4): channel admins describe an uploaded file; dealers list and download what their tier may
 * see; every dealer download is counted for the KPI `marketingParticipation`.
 */
import { type AssetRecord, assets, countDownload } from '../db/asset-repository.js';
import { productsBySku } from '../db/catalog-repository.js';
import type { Caller } from '../domain/caller.js';
import { assetVisible } from '../domain/enablement.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { requireConfirmedFile } from '../files/confirmed-file.js';
import type { Asset, AssetInput } from '../schemas/enablement.js';
import { presignDownload } from '../storage/presigned-urls.js';
import { viewerOf } from './viewer.js';

export const shownAsset = ({ objectKey: _objectKey, ...asset }: AssetRecord): Asset => asset;

export async function putAsset(id: string, input: AssetInput, now = new Date()): Promise<Asset> {
  const [file, known] = await Promise.all([
    requireConfirmedFile({ fileId: input.fileId, tenant: 'manufacturer', purpose: 'asset' }, '/fileId'),
    productsBySku(input.skus ?? []),
  ]);
  const unknown = (input.skus ?? []).flatMap((sku, index) =>
    known.has(sku) ? [] : [{ path: `/skus/${index}`, message: `is not a product (${sku})` }],
  );
  if (unknown.length > 0) throw new InvalidInput(unknown);
  const record: AssetRecord = {
    id,
    ...input,
    fileName: file.fileName,
    contentType: file.contentType,
    bytes: file.bytes,
    objectKey: file.objectKey,
    updatedAt: now.toISOString(),
  };
  await assets.put(record);
  return shownAsset(record);
}

/** The asset if the caller may see it; an asset it may not see answers as one that does not exist. */
async function visibleAsset(caller: Caller, id: string): Promise<AssetRecord> {
  const [asset, viewer] = await Promise.all([assets.get(id), viewerOf(caller)]);
  const visible = asset && (viewer === 'manufacturer' || assetVisible(asset, viewer, await productsBySku(asset.skus ?? [])));
  if (!asset || !visible) throw new NotFound(`There is no asset ${id}.`);
  return asset;
}

export const getAsset = async (caller: Caller, id: string) => shownAsset(await visibleAsset(caller, id));

export async function listAssets(
  caller: Caller,
  query: {
    limit: number;
    cursor?: string | undefined;
    sku?: string | undefined;
    productLine?: string | undefined;
    language?: string | undefined;
  },
) {
  const viewer = await viewerOf(caller);
  const page = await assets.list({ ...query, ...(viewer === 'manufacturer' ? {} : { tier: viewer.tier }) }, query);
  const known = viewer === 'manufacturer' ? new Map() : await productsBySku([...new Set(page.items.flatMap((a) => a.skus ?? []))]);
  return {
    items: page.items.filter((asset) => assetVisible(asset, viewer, known)).map(shownAsset),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** A short-lived download URL; a dealer's download is counted before the URL is handed out. */
export async function downloadAsset(caller: Caller, id: string, now = new Date()) {
  const asset = await visibleAsset(caller, id);
  if (caller.role === 'dealer') await countDownload(caller.dealerId as string, asset.id, now);
  const download = await presignDownload({ key: asset.objectKey, fileName: asset.fileName, contentType: asset.contentType }, now);
  return { url: download.url, expiresAt: download.expiresAt };
}
