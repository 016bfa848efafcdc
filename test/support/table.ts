/**
 * Test-only reads of a whole table, straight from DynamoDB Local: every item, and a digest of them. These are
 * maintenance reads (a Scan), never a request path. A digest sees overwrites, not only added or removed items.
 */
import { createHash } from 'node:crypto';
import { type AttributeValue, DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export type Item = Record<string, unknown>;

/** A key-sorted JSON rendering, so that equal items render equally whatever their attribute order. */
function canonical(value: unknown): string {
  if (value instanceof Set) return canonical([...value].sort());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export const itemKey = (item: Item) => `${String(item.PK)}|${String(item.SK)}`;

export function tableReader(endpoint: string, region: string, tableName: string) {
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    /** Every item of the table, by `PK|SK`. */
    async items(): Promise<Map<string, Item>> {
      const items = new Map<string, Item>();
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
        for (const raw of page.Items ?? []) {
          const item = unmarshall(raw);
          items.set(itemKey(item), item);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    /** Every item of one partition. */
    async partition(pk: string): Promise<Item[]> {
      const items: Item[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        items.push(...(page.Items ?? []).map((raw) => unmarshall(raw)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    /** The keys of every item under one partition of a global secondary index (`GSI1`: `GSI1PK = pk`). */
    async indexKeys(index: string, pk: string): Promise<Item[]> {
      const items: Item[] = [];
      let startKey: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': `${index}PK` },
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ProjectionExpression: 'PK, SK',
            ExclusiveStartKey: startKey,
          }),
        );
        items.push(...(page.Items ?? []).map((raw) => unmarshall(raw)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    },
    /** One hash over every item's full content (sorted by key): any write, overwrite or delete changes it. */
    async digest(): Promise<{ hash: string; items: Map<string, string> }> {
      const rendered = new Map([...(await this.items())].map(([key, item]) => [key, canonical(item)]));
      const hash = createHash('sha256');
      for (const key of [...rendered.keys()].sort()) hash.update(`${key}\n${rendered.get(key)}\n`);
      return { hash: hash.digest('hex'), items: rendered };
    },
    destroy: () => client.destroy(),
  };
}

/** What differs between two digests: items added, removed and changed, by key (for a readable failure). */
export function digestDifference(before: Map<string, string>, after: Map<string, string>) {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}
