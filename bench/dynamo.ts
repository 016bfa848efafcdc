/** The benchmark's own document client on the stack's DynamoDB Local, marshalling as the application's does. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BenchStack } from './stack.js';

export function documentClientFor(stack: BenchStack): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
}
