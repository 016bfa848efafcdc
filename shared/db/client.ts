import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Sockets for a plain-HTTP endpoint, which only the local stack has (DynamoDB Local): there one process hosts every
 * function, so a burst of requests shares this client, and behind the SDK's 50 sockets ~170 calls queued (200 lead
 * creations at once; README, Lead distribution). In AWS the endpoint is HTTPS with the SDK's default agent, and a
 * Lambda environment serves one invocation at a time. The SDK makes the HTTP agent only when an endpoint needs one.
 */
const LOCAL_SOCKETS = 500;

/** One document client per cold start; endpoints come from `AWS_ENDPOINT_URL_DYNAMODB` locally. */
export const documentClient = DynamoDBDocumentClient.from(
  new DynamoDBClient({ requestHandler: { httpAgent: { maxSockets: LOCAL_SOCKETS } } }),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);
