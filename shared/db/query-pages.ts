/** Query page by page: the one loop every full read of a partition or index uses. */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { documentClient } from './client.js';
import type { keyCursor } from './cursor.js';

export type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Calls `each` with every page of the query, in order, until the last. */
export async function forEachPage(input: QueryInput, each: (items: Record<string, unknown>[]) => Promise<void> | void): Promise<void> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, TableName: environment.tableName, ExclusiveStartKey: startKey }));
    await each(page.Items ?? []);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item of the query (for small partitions: a country's rules, a month's forecast cells). */
export async function queryAll(input: QueryInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  await forEachPage(input, (page) => {
    items.push(...page);
  });
  return items;
}

/**
 * One page of a partition (of the table, or of an index), newest first by default, resumed from a signed cursor
 * that must lie in that partition: the read behind a paged list.
 */
export async function partitionPage(args: {
  cursors: ReturnType<typeof keyCursor>;
  partition: string;
  page: { limit: number; cursor?: string | undefined };
  index?: string;
  oldestFirst?: boolean;
}): Promise<{ items: Record<string, unknown>[]; nextCursor: string | undefined }> {
  const key = args.index ? `${args.index}PK` : 'PK';
  const { Items = [], LastEvaluatedKey } = await documentClient.send(
    new QueryCommand({
      TableName: environment.tableName,
      ...(args.index ? { IndexName: args.index } : {}),
      KeyConditionExpression: `${key} = :p`,
      ExpressionAttributeValues: { ':p': args.partition },
      ScanIndexForward: args.oldestFirst ?? false,
      Limit: args.page.limit,
      ExclusiveStartKey: args.cursors.decode(args.page.cursor, { [key]: args.partition }),
    }),
  );
  return { items: Items, nextCursor: args.cursors.encode(LastEvaluatedKey) };
}
