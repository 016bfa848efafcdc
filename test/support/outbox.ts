/** Fixtures of the outbox tests: a dead letter in the shared stack's table, as the outbox leaves one. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { keys } from '../../shared/db/keys.js';
import { OUTBOX_ENTITY } from '../../shared/db/outbox-repository.js';
import { uniqueId } from './api.js';

const stack = inject('stack');
const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

/** A mail SES refused for good (MessageRejected), on the dead-letter list; returns its message id. */
export async function deadLetter(to = 'unverified.manager@manufacturer.example'): Promise<string> {
  const id = uniqueId('dl');
  const at = new Date().toISOString();
  await table.send(
    new PutCommand({
      TableName: stack.tableName,
      Item: {
        ...keys.outboxMessage(id),
        ...keys.outboxDeadLetterIndex(id, at),
        entity: OUTBOX_ENTITY,
        createdAt: at,
        attempts: 1,
        lastError: 'MessageRejected: Email address is not verified.',
        lastAttemptAt: at,
        deadLetter: true,
        deadAt: at,
        permanent: true,
        message: { kind: 'mail', id, to: [to], subject: 'Review requested', text: 'Please review.', html: '<p>Please review.</p>' },
      },
    }),
  );
  return id;
}
