/**
 * Tiers: a dealer's evaluation per quarter, its tier changes and its current tier (`PK=DEALER#<id>#TIER`), the
 * current tiers of all dealers listed on GSI1 `TIERS`.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { Tier, TierChange, TierEvaluation } from '../domain/tier-ranking.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';
import { type NamedItem, transact } from './transaction.js';

const table = () => environment.tableName;
const tierHistoryCursor = keyCursor('tier-history');

export interface StoredEvaluation extends TierEvaluation {
  quarter: string;
  evaluatedAt: string;
  /** Median registrations per dealer and quarter in the dealer's region over the window: the diagnosis benchmark. */
  regionMedianRegistrationsPerQuarter: number;
  regionId: string;
}

export interface StoredTierChange extends TierChange {
  quarter: string;
  at: string;
}

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, entity: _e, ...rest } = item;
  return rest as T;
};

export const tiers = {
  /** The dealer's tier now (bronze, the starting tier, until its first evaluation). */
  async current(dealerId: string): Promise<{ tier: Tier; quarter?: string } | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: { PK: keys.tierPartition(dealerId), SK: 'CURRENT' } }),
    );
    return Item ? { tier: Item.tier as Tier, quarter: Item.quarter as string } : undefined;
  },

  /** Every dealer's current tier, from the `TIERS` list (GSI1), paged. */
  async allCurrent(): Promise<Map<string, Tier>> {
    const items = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.currentTiersPartition() },
    });
    return new Map(items.map((i) => [i.dealerId as string, i.tier as Tier]));
  },

  /** The latest evaluations at or before `quarter`, newest first. */
  async evaluationsUpTo(dealerId: string, quarter: string, limit: number): Promise<StoredEvaluation[]> {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.tierPartition(dealerId),
          ':first': keys.tierEvaluationPrefix(),
          ':last': keys.tierEvaluation(dealerId, quarter).SK,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((i) => stripKeys<StoredEvaluation>(i));
  },

  /**
   * Stores an evaluation, the dealer's current tier (which scorecards, margins and the forecast's tier grouping read)
   * and, when the tier moved, the change. Re-running a quarter overwrites the same items.
   */
  async save(evaluation: StoredEvaluation, change: StoredTierChange | undefined): Promise<void> {
    const { dealerId, quarter } = evaluation;
    const items: NamedItem[] = [
      {
        name: 'evaluation',
        item: {
          Put: { TableName: table(), Item: { ...keys.tierEvaluation(dealerId, quarter), entity: 'tier-evaluation', ...evaluation } },
        },
      },
      {
        name: 'current',
        item: {
          Put: {
            TableName: table(),
            Item: {
              ...keys.currentTier(dealerId),
              entity: 'current-tier',
              dealerId,
              tier: evaluation.tier,
              quarter,
              at: evaluation.evaluatedAt,
            },
          },
        },
      },
    ];
    // A re-run whose data no longer moves the tier removes the change an earlier run of the quarter recorded.
    items.push(
      change
        ? {
            name: 'change',
            item: { Put: { TableName: table(), Item: { ...keys.tierChange(dealerId, quarter), entity: 'tier-change', ...change } } },
          }
        : { name: 'change', item: { Delete: { TableName: table(), Key: keys.tierChange(dealerId, quarter) } } },
    );
    await transact(items);
  },

  /** A dealer's tier changes, newest first. */
  async history(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.tierPartition(dealerId);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.tierChangePrefix() },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: tierHistoryCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    return { items: Items.map((i) => stripKeys<StoredTierChange>(i)), nextCursor: tierHistoryCursor.encode(LastEvaluatedKey) };
  },
};
