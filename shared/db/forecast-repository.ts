/** Reads of the forecast: aggregate cells by month, close statistics, line items, snapshots. All by key or index. */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { environment } from '../config/environment.js';
import { monthsBetween } from '../domain/calendar.js';
import { InvalidInput } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import {
  cellFromItem,
  closeStatsFromItems,
  cohortStatsFromItems,
  dealerStatsFromItems,
  rollupFromItem,
} from '../forecast/aggregate-items.js';
import type { Cell } from '../forecast/contribution.js';
import type { CohortStats, DealerStats } from '../forecast/dealer-stats.js';
import { type Snapshot, snapshotItem, type TrackRecord, trackRecordFromItem, trackRecordItem } from '../forecast/track-record.js';
import { documentClient } from './client.js';
import { cursorCodec } from './cursor.js';
import { FORECAST_SHARDS, keys } from './keys.js';
import { queryAll } from './query-pages.js';
import { registrationFromItem } from './registration-repository.js';

/** What the line-item index (GSI5) holds of an open registration. */
export type OpenDeal = Pick<
  StoredRegistration,
  'id' | 'dealerId' | 'status' | 'customer' | 'products' | 'stage' | 'expectedValue' | 'expectedCloseDate' | 'forecastLine' | 'productLines'
>;

const CONCURRENCY = 16;

/** The line items' position: the month (index into the range) and shard of the close-month index, and the last key read there. */
const openDealsCursor = cursorCodec(
  'forecast-deals',
  z.strictObject({
    month: z.int().min(0).max(36),
    shard: z.int().min(0).max(15),
    key: z
      .record(z.string().regex(/^[A-Za-z0-9]{1,16}$/), z.string().max(1024))
      .refine((key) => String(key.GSI5PK ?? '').startsWith('CLOSE#'))
      .optional(),
  }),
);

async function inBatches<T, R>(inputs: T[], work: (input: T) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < inputs.length; i += CONCURRENCY) {
    results.push(...(await Promise.all(inputs.slice(i, i + CONCURRENCY).map(work))).flat());
  }
  return results;
}

export type { Snapshot };

async function monthPartitions(from: string, to: string, partition: (month: string, shard: number) => string) {
  const partitions = monthsBetween(from, to).flatMap((month) =>
    Array.from({ length: FORECAST_SHARDS }, (_, shard) => partition(month, shard)),
  );
  return inBatches(partitions, (p) => queryAll({ KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': p } }));
}

export const forecastStore = {
  /** Every aggregate cell of the months from `from` to `to`: months × shards queries, whatever the deal count. */
  async cells(from: string, to: string): Promise<Cell[]> {
    return (await monthPartitions(from, to, keys.forecastMonthPartition)).map(cellFromItem);
  },

  /** The rollups of the months from `from` to `to` (contribution.ts): as many queries as `cells`, fewer items. */
  async rollups(from: string, to: string): Promise<Cell[]> {
    return (await monthPartitions(from, to, keys.forecastRollupPartition)).map(rollupFromItem);
  },

  async closeStats(): Promise<Map<string, { closed: number; won: number }>> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.closeStatsPartition() },
    });
    return closeStatsFromItems(items);
  },

  /** Every dealer's stage flows and outcome counts: one partition, a few items per dealer. */
  async dealerStats(): Promise<DealerStats> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.dealerForecastStatsPartition() },
    });
    return dealerStatsFromItems(items);
  },

  /** The network's flows, counts and ends by age per registration month: one partition, a few items per month. */
  async cohortStats(): Promise<CohortStats> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.cohortForecastStatsPartition() },
    });
    return cohortStatsFromItems(items);
  },

  /**
   * One page of open registrations expected to close from `from` to `to`, month by month; the shards of a month
   * are read side by side (one round trip per month, not per shard: a range of empty months stays cheap). The
   * signed cursor holds (month index, shard, last key) so that any page can be resumed.
   */
  async openRegistrations(
    from: string,
    to: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: OpenDeal[]; nextCursor?: string }> {
    const months = monthsBetween(from, to);
    const items: OpenDeal[] = [];
    let { month, shard, key }: { month: number; shard: number; key?: Record<string, unknown> | undefined } = openDealsCursor.decode(
      page.cursor,
    ) ?? { month: 0, shard: 0 };
    // A resumed page's key must be of the partition it resumes: DynamoDB refuses any other as ExclusiveStartKey.
    if (key && month < months.length && key.GSI5PK !== keys.openByCloseMonthPartition(months[month] as string, shard)) {
      throw new InvalidInput([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
    }
    const query = (s: number, limit: number, start: Record<string, unknown> | undefined) =>
      documentClient.send(
        new QueryCommand({
          TableName: environment.tableName,
          IndexName: 'GSI5',
          KeyConditionExpression: 'GSI5PK = :p',
          ExpressionAttributeValues: { ':p': keys.openByCloseMonthPartition(months[month] as string, s) },
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
    const at = (m: number, s: number, k?: Record<string, unknown>) =>
      m < months.length
        ? { nextCursor: openDealsCursor.encode({ month: m, shard: s, ...(k ? { key: k as Record<string, string> } : {}) }) }
        : {};
    while (month < months.length) {
      const shards = Array.from({ length: Math.max(FORECAST_SHARDS - shard, 0) }, (_, i) => shard + i);
      const remaining = page.limit - items.length;
      const pages = await Promise.all(shards.map((s, i) => query(s, remaining, i === 0 ? key : undefined)));
      let resumeAt: { shard: number; key: Record<string, unknown> } | undefined;
      for (const [i, s] of shards.entries()) {
        if (items.length >= page.limit) return { items, ...at(month, s) };
        const { Items = [], LastEvaluatedKey } = pages[i] as {
          Items?: Record<string, unknown>[];
          LastEvaluatedKey?: Record<string, unknown>;
        };
        const room = page.limit - items.length;
        const taken = Items.slice(0, room);
        items.push(...taken.map(registrationFromItem));
        if (taken.length < Items.length) {
          // The page filled inside this shard: resume after the last item taken (its index key is its last key).
          const last = taken.at(-1) as Record<string, unknown>;
          return { items, ...at(month, s, { PK: last.PK, SK: last.SK, GSI5PK: last.GSI5PK, GSI5SK: last.GSI5SK }) };
        }
        if (LastEvaluatedKey) {
          if (items.length >= page.limit) return { items, ...at(month, s, LastEvaluatedKey) };
          // DynamoDB's 1 MB page ended this shard's answer early: read on from here (later shards again).
          resumeAt = { shard: s, key: LastEvaluatedKey };
          break;
        }
      }
      if (resumeAt) {
        ({ shard, key } = resumeAt);
        continue;
      }
      if (items.length >= page.limit) return { items, ...at(month + 1, 0) };
      month += 1;
      shard = 0;
      key = undefined;
    }
    return { items };
  },

  async putSnapshot(snapshot: Snapshot): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: environment.tableName,
        Item: snapshotItem(snapshot, keys.forecastSnapshot(snapshot.targetMonth, snapshot.takenMonth)),
      }),
    );
  },

  async putTrackRecord(record: TrackRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: environment.tableName, Item: trackRecordItem(record, keys.forecastTrackRecord(record.month)) }),
    );
  },

  /** Every closed month's record: one partition, one item per month. */
  async trackRecords(): Promise<TrackRecord[]> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.forecastTrackRecordPartition() },
    });
    return items.map(trackRecordFromItem);
  },

  async snapshotsFor(targetMonth: string): Promise<Snapshot[]> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.forecastSnapshotPartition(targetMonth) },
    });
    return items.map(({ PK: _p, SK: _s, entity: _e, ...snapshot }) => snapshot as unknown as Snapshot);
  },
};
