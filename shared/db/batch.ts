/**
 * BatchGetItem and BatchWriteItem on the single table, in DynamoDB's chunk sizes, with one retry policy for what
 * DynamoDB leaves unprocessed: exponential backoff with jitter, then Throttled (503) rather than a partial answer.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { Throttled } from '../domain/errors.js';
import { documentClient } from './client.js';

type Key = Record<string, unknown>;
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const GET_CHUNK = 100;
const WRITE_CHUNK = 25;
const ATTEMPTS = 5;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** Sends `first`, then whatever each answer leaves over, until nothing is left or the attempts are spent. */
async function untilProcessed<T>(first: T[], send: (pending: T[]) => Promise<T[] | undefined>): Promise<void> {
  let pending: T[] | undefined = first;
  for (let attempt = 0; pending?.length; attempt++) {
    if (attempt >= ATTEMPTS) throw new Throttled('The database is busy; retry shortly.');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt + Math.random() * 20));
    pending = await send(pending);
  }
}

/** The items found for `keys` (in no particular order; missing keys are left out). */
export async function batchGet(keys: Key[], options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const table = environment.tableName;
  const found: Record<string, unknown>[] = [];
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  await Promise.all(
    chunks(unique, GET_CHUNK).map((chunk) =>
      untilProcessed(chunk, async (pending) => {
        const page: BatchGetCommandOutput = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } } }),
        );
        found.push(...(page.Responses?.[table] ?? []));
        return page.UnprocessedKeys?.[table]?.Keys;
      }),
    ),
  );
  return found;
}

/** Requests written side by side, at most this many at a time (a large KPI upload is thousands of items). */
const WRITE_CONCURRENCY = 8;

/** Puts and deletes, 25 per request. */
export async function batchWrite(requests: WriteRequest[]): Promise<void> {
  const table = environment.tableName;
  const all = chunks(requests, WRITE_CHUNK);
  for (let start = 0; start < all.length; start += WRITE_CONCURRENCY) {
    await Promise.all(
      all.slice(start, start + WRITE_CONCURRENCY).map((chunk) =>
        untilProcessed(chunk, async (pending) => {
          const result: BatchWriteCommandOutput = await documentClient.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
          return result.UnprocessedItems?.[table];
        }),
      ),
    );
  }
}
