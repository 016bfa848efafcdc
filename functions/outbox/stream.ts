/**
 * The outbox's stream consumer in AWS: triggered by the table's stream (filtered to inserted outbox items), it
 * delivers each message and reports the records it could not deliver as partial batch failures, so that Lambda
 * retries those (and what follows them in the shard) and sends a batch that keeps failing to the dead-letter queue.
 * What still waits after that, the `outbox` schedule sweeps up.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { deliverInserted } from '../../shared/outbox/stream-delivery.js';

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failed = await deliverInserted(
    event.Records.map((record) => ({
      id: record.dynamodb?.SequenceNumber ?? '',
      eventName: record.eventName,
      newImage: record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined,
    })),
  );
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
