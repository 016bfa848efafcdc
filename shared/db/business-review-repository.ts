/**
 * Quarterly business reviews: the held reviews (frozen packs) per dealer, and the dealer's registrations as the
 * pack reads them. Every read is by key or by index; keys in keys.ts.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { RegistrationFacts } from '../domain/partner-kpis.js';
import type { BusinessReview } from '../schemas/business-reviews.js';
import type { Money, Stage } from '../schemas/common.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';

const table = () => environment.tableName;

/** A registration as the pack reads it: the KPI facts plus what the pipeline and protection lists show. */
export interface PackRegistration extends RegistrationFacts {
  id: string;
  customer: { name: string };
  stage?: Stage;
  expectedValue: Money;
  protectedUntil?: string;
}

const OPEN = new Set(['submitted', 'in_conflict', 'approved']);

/**
 * All of a dealer's registrations from its list index (GSI6, which copies status, customer and the KPI facts), paged;
 * the stage, which the index does not copy, is read for the open ones only (a BatchGetItem of the dealer's pipeline).
 */
export async function packRegistrations(dealerId: string): Promise<PackRegistration[]> {
  const items = await queryAll({
    IndexName: 'GSI6',
    KeyConditionExpression: 'GSI6PK = :p',
    ExpressionAttributeValues: { ':p': keys.dealerRegistrationsPartition(dealerId) },
  });
  const registrations = items.map((item) => ({ ...item, id: (item.PK as string).slice('REG#'.length) }) as unknown as PackRegistration);
  const open = registrations.filter((r) => OPEN.has(r.status));
  const stages = new Map(
    (await batchGet(open.map((r) => keys.registration(r.id)))).map((item) => [item.id as string, item.stage as Stage | undefined]),
  );
  return registrations.map((r) => {
    const stage = stages.get(r.id);
    return stage ? { ...r, stage } : r;
  });
}

const strip = (item: Record<string, unknown> | undefined) => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, entity: _e, ...rest } = item;
  return rest as BusinessReview;
};

export const businessReviews = {
  async get(dealerId: string, quarter: string): Promise<BusinessReview | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.businessReview(dealerId, quarter) }));
    return strip(Item);
  },

  /** The last review held for a quarter before `quarter` (quarters sort as text). */
  async latestBefore(dealerId: string, quarter: string): Promise<BusinessReview | undefined> {
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :p AND SK < :q',
        ExpressionAttributeValues: { ':p': keys.businessReviewsPartition(dealerId), ':q': keys.businessReview(dealerId, quarter).SK },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return strip(Items?.[0]);
  },

  /** Stores the held review once: false when the quarter's review was already held (the pack stays as frozen). */
  async hold(review: BusinessReview): Promise<boolean> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: table(),
          Item: { ...keys.businessReview(review.dealerId, review.quarter), entity: 'business_review', ...review },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },
};
