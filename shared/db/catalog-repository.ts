/** The catalogue as a viewer may see it (the products list, GSI1 `PRODUCTS`, filtered by availability); products by SKU. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { Availability } from '../domain/enablement.js';
import type { Product } from '../schemas/setup.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';

const cursor = keyCursor('catalog');

/**
 * A page of products whose availability is one of `shown` (a product stored without one is published). The filter
 * runs after the page is read, so a page may hold fewer than `limit` products; follow `nextCursor`.
 */
export async function catalogPage(shown: readonly Availability[], page: { limit: number; cursor?: string | undefined }) {
  const partition = keys.productsPartition();
  const values = Object.fromEntries(shown.map((availability, i) => [`:a${i}`, availability]));
  const filter = [
    ...(shown.includes('published') ? ['attribute_not_exists(availability)'] : []),
    ...shown.map((_, i) => `availability = :a${i}`),
  ].join(' OR ');
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: environment.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      FilterExpression: filter,
      ExpressionAttributeValues: { ':p': partition, ...values },
      Limit: page.limit,
      ExclusiveStartKey: cursor.decode(page.cursor, { GSI1PK: partition }),
    }),
  );
  return { items: Items as unknown as Product[], nextCursor: cursor.encode(LastEvaluatedKey) };
}

/** The products of `skus` that exist, by SKU. */
export async function productsBySku(skus: readonly string[]): Promise<Map<string, Product>> {
  if (skus.length === 0) return new Map();
  const found = await batchGet(skus.map((sku) => keys.product(sku)));
  return new Map(found.map((item) => [item.sku as string, item as unknown as Product]));
}
