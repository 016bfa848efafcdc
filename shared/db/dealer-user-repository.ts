/** The product's record of a dealer's users (who invited whom, when, and who disabled them), by dealer. */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { DealerUser } from '../schemas/onboarding.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';

const cursor = keyCursor('dealer-users');

function strip(item: Record<string, unknown> | undefined): DealerUser | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, entity: _e, ...user } = item;
  return user as DealerUser;
}

export const dealerUsers = {
  async get(dealerId: string, userId: string): Promise<DealerUser | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.dealerUser(dealerId, userId), ConsistentRead: true }),
    );
    return strip(Item);
  },

  /** Records a user once; a retry of the same invitation finds the record there and keeps it. */
  async record(user: DealerUser): Promise<DealerUser> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: environment.tableName,
          Item: { ...keys.dealerUser(user.dealerId, user.id), entity: 'dealer-user', ...user },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return user;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      return (await dealerUsers.get(user.dealerId, user.id)) as DealerUser;
    }
  },

  async list(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.dealerUsersPartition(dealerId);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':p': partition, ':prefix': keys.dealerUserPrefix() },
        Limit: page.limit,
        ExclusiveStartKey: cursor.decode(page.cursor, { PK: partition }),
      }),
    );
    return { items: Items.map((i) => strip(i) as DealerUser), nextCursor: cursor.encode(LastEvaluatedKey) };
  },

  /** Marks the user disabled (kept: who disabled them and when); the user must be the dealer's. */
  async markDisabled(dealerId: string, userId: string, by: string, at: string): Promise<DealerUser> {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.dealerUser(dealerId, userId),
        UpdateExpression:
          'SET #status = :disabled, disabledAt = if_not_exists(disabledAt, :at), disabledBy = if_not_exists(disabledBy, :by)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':disabled': 'disabled', ':at': at, ':by': by },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip(Attributes) as DealerUser;
  },
};
