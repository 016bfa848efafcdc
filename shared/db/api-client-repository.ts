/**
 * A dealer's API clients. One item per client, by key: the request path of every CRM call reads it (consistently),
 * so revocation takes effect at the next request; the dealer's list reads GSI1 `DEALER#<id>#APICLIENTS`.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { ApiScope } from '../domain/api-scopes.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { partitionPage } from './query-pages.js';

export interface StoredApiClient {
  clientId: string;
  dealerId: string;
  name: string;
  scopes: ApiScope[];
  /** SHA-256 of the secret, where this system issued it (locally); Cognito keeps its own app clients' secrets. */
  secretHash?: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
}

const listCursor = keyCursor('dealer-api-clients');

const fromItem = (item: Record<string, unknown>): StoredApiClient => ({
  clientId: item.clientId as string,
  dealerId: item.dealerId as string,
  name: item.name as string,
  scopes: item.scopes as ApiScope[],
  ...(typeof item.secretHash === 'string' ? { secretHash: item.secretHash } : {}),
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
  ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
});

export const apiClients = {
  async create(client: StoredApiClient): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: environment.tableName,
        Item: {
          ...keys.apiClient(client.clientId),
          ...keys.dealerApiClientEntry(client.dealerId, client.createdAt, client.clientId),
          entity: 'api-client',
          ...client,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  },

  /** The client by id, read consistently: what a token of it may do right now. */
  async find(clientId: string): Promise<StoredApiClient | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.apiClient(clientId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  },

  async listForDealer(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const { items, nextCursor } = await partitionPage({
      cursors: listCursor,
      index: 'GSI1',
      partition: keys.dealerApiClientsPartition(dealerId),
      page,
    });
    return { items: items.map(fromItem), nextCursor };
  },

  /**
   * Revokes the dealer's client: `revoked` the first time, `already` when it was revoked before, `missing` when it
   * does not exist or belongs to another dealer (which the caller must not learn).
   */
  async revoke(dealerId: string, clientId: string, at: string): Promise<'revoked' | 'already' | 'missing'> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.apiClient(clientId),
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression: 'dealerId = :dealer AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at, ':dealer': dealerId },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'revoked';
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      const old = (error as { Item?: Record<string, { S?: string }> }).Item;
      return old?.dealerId?.S === dealerId ? 'already' : 'missing';
    }
  },
};
