/**
 * The local stand-in for the outbox's stream-triggered function: polls the table's stream on DynamoDB Local and
 * hands each batch of records to the same consumer. Like Lambda's event source mapping with partial batch
 * failures, it retries the records that failed (with backoff, a few times) and then moves on; what is still
 * waiting after that, the `outbox` schedule sweeps up.
 */
import { type AttributeValue, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { TableChange } from '../../shared/outbox/stream-delivery.js';
import type { RunningProcess } from './dynamodb-local.js';

export interface StreamPollerOptions {
  endpoint: string;
  region: string;
  tableName: string;
  /** Returns the ids of the changes to retry (deliverInserted). */
  consume: (changes: TableChange[]) => Promise<string[]>;
  /** Retries of a failed record before it is left to the sweeper (Lambda: maximumRetryAttempts). */
  retries?: number;
  /** Pause between polls of a shard that had nothing new. */
  idleMs?: number;
}

const credentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const changeOf = (record: _Record): TableChange => ({
  id: record.dynamodb?.SequenceNumber ?? '',
  eventName: record.eventName,
  newImage: record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined,
});

export async function startOutboxStreamPoller(options: StreamPollerOptions): Promise<RunningProcess> {
  const retries = options.retries ?? 3;
  const idleMs = options.idleMs ?? 50;
  const clientConfig = { endpoint: options.endpoint, region: options.region, credentials };
  const table = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const { Table } = await table.send(new DescribeTableCommand({ TableName: options.tableName }));
  table.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);

  let running = true;
  const polled = new Set<string>();
  const loops: Promise<void>[] = [];

  /** Hands the batch to the consumer; the failed records (and only they) are tried again, then left to the sweeper. */
  async function consume(records: _Record[]) {
    let pending = records.map(changeOf);
    for (let attempt = 0; pending.length > 0 && running; attempt++) {
      const failed = new Set(await options.consume(pending).catch(() => pending.map((c) => c.id)));
      pending = pending.filter((change) => failed.has(change.id));
      if (pending.length === 0 || attempt >= retries) return;
      await pause(100 * 2 ** attempt);
    }
  }

  async function poll(shardId: string, iteratorType: 'LATEST' | 'TRIM_HORIZON') {
    let iterator = (
      await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: iteratorType }))
    ).ShardIterator;
    let last: string | undefined;
    while (running && iterator) {
      try {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        iterator = page.NextShardIterator;
        const records = page.Records ?? [];
        if (records.length > 0) {
          last = records[records.length - 1]?.dynamodb?.SequenceNumber;
          await consume(records);
        } else {
          await pause(idleMs);
        }
      } catch (error) {
        if (!running) return;
        if (!(error instanceof ExpiredIteratorException)) await pause(500);
        iterator = (
          await streams
            .send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shardId,
                ...(last ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last } : { ShardIteratorType: iteratorType }),
              }),
            )
            .catch(() => ({ ShardIterator: iterator }))
        ).ShardIterator;
      }
    }
  }

  /** Follows new shards as the stream rolls them over; shards open at start are read from now on. */
  async function discover(first: boolean) {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      if (polled.has(id)) continue;
      polled.add(id);
      const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
      if (first && !open) continue;
      loops.push(poll(id, first ? 'LATEST' : 'TRIM_HORIZON'));
    }
  }

  await discover(true);
  const discovery = setInterval(() => void discover(false).catch(() => undefined), 5_000);

  return {
    url: streamArn,
    async stop() {
      running = false;
      clearInterval(discovery);
      await Promise.allSettled(loops);
      streams.destroy();
    },
  };
}
