/**
 * Sales assets and their download counts. An asset lists in GSI1 (`ASSETS`); a dealer's list filters by the rank of
 * the asset's minimum tier and the query's product, so a page may hold fewer items than its limit.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { TIER_RANK } from '../domain/enablement.js';
import type { Tier } from '../domain/tier-ranking.js';
import type { Asset } from '../schemas/enablement.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { ConditionsFailed, transact } from './transaction.js';

/** An asset as stored: with the object key of its file. */
export interface AssetRecord extends Asset {
  objectKey: string;
}

const cursor = keyCursor('assets');
const table = () => environment.tableName;
/** Download markers outlive the months whose KPIs they decide by a year. */
const MARKER_DAYS = 400;

const strip = ({ PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, entity: _e, minimumTierRank: _r, ...asset }: Record<string, unknown>) =>
  asset as unknown as AssetRecord;

/** How many index items one filtered read evaluates, and how many reads a page may take. */
const FILTERED_READ_SIZE = 200;
const MAX_FILTERED_READS = 10;

export interface AssetFilter {
  /** Only assets a dealer of this tier may see by minimum tier; all without. */
  tier?: Tier | undefined;
  sku?: string | undefined;
  productLine?: string | undefined;
  language?: string | undefined;
}

export const assets = {
  async get(id: string): Promise<AssetRecord | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.asset(id) }));
    return Item ? strip(Item) : undefined;
  },

  async put(asset: AssetRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: {
          ...keys.asset(asset.id),
          ...keys.assetCollection(asset.id),
          entity: 'asset',
          minimumTierRank: TIER_RANK[asset.minimumTier],
          ...asset,
        },
      }),
    );
  },

  async list(filter: AssetFilter, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.assetsPartition();
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':p': partition };
    if (filter.tier) {
      conditions.push('minimumTierRank <= :rank');
      values[':rank'] = TIER_RANK[filter.tier];
    }
    if (filter.sku) {
      conditions.push('contains(skus, :sku)');
      values[':sku'] = filter.sku;
    }
    if (filter.productLine) {
      conditions.push('contains(productLines, :line)');
      values[':line'] = filter.productLine;
    }
    if (filter.language) {
      conditions.push('#language = :language');
      values[':language'] = filter.language;
    }
    // A filtered read can find nothing on one page of the index: read on (a bounded number of pages) until the page
    // is full, and resume after the last item kept, so that a page is empty only at the end.
    const items: Record<string, unknown>[] = [];
    let startKey = cursor.decode(page.cursor, { GSI1PK: partition });
    for (let read = 0; read < MAX_FILTERED_READS && items.length < page.limit; read++) {
      const { Items = [], LastEvaluatedKey } = await documentClient.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
          ...(filter.language ? { ExpressionAttributeNames: { '#language': 'language' } } : {}),
          ExpressionAttributeValues: values,
          Limit: Math.max(page.limit, FILTERED_READ_SIZE),
          ExclusiveStartKey: startKey,
        }),
      );
      const room = page.limit - items.length;
      items.push(...Items.slice(0, room));
      if (Items.length > room) {
        const last = items.at(-1) as Record<string, string>;
        startKey = { PK: last.PK as string, SK: last.SK as string, GSI1PK: last.GSI1PK as string, GSI1SK: last.GSI1SK as string };
        break;
      }
      startKey = LastEvaluatedKey;
      if (!startKey) break;
    }
    return { items: items.map(strip), nextCursor: cursor.encode(startKey) };
  },
};

/**
 * Counts a dealer's download in its month's `downloads` KPI item: every download adds to `downloads`; the first
 * download of an asset in the month also adds to `assets` — a transaction with the month's marker for that asset,
 * put only if absent, so concurrent or repeated downloads count an asset once.
 */
export async function countDownload(dealerId: string, assetId: string, at: Date): Promise<void> {
  const month = at.toISOString().slice(0, 7);
  const counter = keys.dealerKpiMonth(dealerId, month, 'downloads');
  const base = {
    TableName: table(),
    Key: counter,
    ExpressionAttributeNames: { '#kind': 'kind', '#month': 'month' },
  };
  try {
    await transact([
      {
        name: 'marker',
        item: {
          Put: {
            TableName: table(),
            Item: {
              ...keys.assetDownloadMarker(dealerId, month, assetId),
              entity: 'asset-download',
              at: at.toISOString(),
              expiresAt: Math.floor(at.getTime() / 1000) + MARKER_DAYS * 86_400,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'counter',
        item: {
          Update: {
            ...base,
            UpdateExpression: 'SET entity = :e, dealerId = :d, #month = :m, #kind = :k ADD downloads :one, assets :one',
            ExpressionAttributeValues: { ':e': 'kpi-month', ':d': dealerId, ':m': month, ':k': 'downloads', ':one': 1 },
          },
        },
      },
    ]);
  } catch (error) {
    // The asset was already downloaded this month: count the download, not the asset again.
    if (!(error instanceof ConditionsFailed && error.failed.has('marker'))) throw error;
    await documentClient.send(
      new UpdateCommand({
        ...base,
        UpdateExpression: 'SET entity = :e, dealerId = :d, #month = :m, #kind = :k ADD downloads :one',
        ExpressionAttributeValues: { ':e': 'kpi-month', ':d': dealerId, ':m': month, ':k': 'downloads', ':one': 1 },
      }),
    );
  }
}
