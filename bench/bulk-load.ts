/** Writes items straight into the table: BatchWriteItem of 25, several requests in flight, unprocessed items retried. */
import { BatchWriteCommand, type BatchWriteCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inParallel } from './parallel.js';

const BATCH = 25;
const MAX_ATTEMPTS = 10;

export interface LoadReport {
  items: number;
  requests: number;
  retriedItems: number;
  ms: number;
}

export async function batchWriteAll(
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  inFlight = 8,
): Promise<LoadReport> {
  const report: LoadReport = { items: items.length, requests: 0, retriedItems: 0, ms: 0 };
  const batches = Math.ceil(items.length / BATCH);
  report.ms = await inParallel(batches, inFlight, async (b) => {
    let pending = items.slice(b * BATCH, (b + 1) * BATCH).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS)
        throw new Error(`BatchWriteItem: ${pending.length} items still unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const output: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      report.requests++;
      pending = (output.UnprocessedItems?.[table] ?? []) as typeof pending;
      report.retriedItems += pending.length;
    }
  });
  return report;
}
