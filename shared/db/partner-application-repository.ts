/** Partner applications: received with a per-source counter, listed newest first, decided by a conditional change. */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { OutboxMessage } from '../outbox/message.js';
import type { Application } from '../schemas/onboarding.js';
import type { Dealer } from '../schemas/setup.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { outboxItems } from './outbox-repository.js';
import { type NamedItem, transact } from './transaction.js';

const ENTITY = 'partner-application';
const cursor = keyCursor('partner-applications');

function strip(item: Record<string, unknown> | undefined): Application | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, GSI2PK: _g2, GSI2SK: _g2s, entity: _e, ...application } = item;
  return application as Application;
}

const put = (application: Application): NamedItem => ({
  name: 'application',
  item: {
    Put: {
      TableName: environment.tableName,
      Item: { ...keys.partnerApplication(application.id), ...keys.partnerApplicationIndexes(application), entity: ENTITY, ...application },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
});

/** Replaces a submitted application with its decided form: refused once it was decided. */
const decide = (application: Application): NamedItem => ({
  name: 'application',
  item: {
    Put: {
      TableName: environment.tableName,
      Item: { ...keys.partnerApplication(application.id), ...keys.partnerApplicationIndexes(application), entity: ENTITY, ...application },
      ConditionExpression: '#status = :submitted',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':submitted': 'submitted' },
    },
  },
});

export const partnerApplications = {
  /**
   * Stores a new application with its mails, and counts it against its source: the counter is raised only while
   * under `limit`, in the same transaction, so the limit holds under concurrency. Refused by the counter → 'limited'.
   */
  async receive(
    application: Application,
    rate: { sourceHash: string; hour: string; limit: number; expiresAt: number },
    messages: OutboxMessage[],
    now: Date,
  ): Promise<'received' | 'limited'> {
    try {
      await transact([
        {
          name: 'rate',
          item: {
            Update: {
              TableName: environment.tableName,
              Key: keys.applicationRateCounter(rate.sourceHash, rate.hour),
              UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':limit': rate.limit, ':expiresAt': rate.expiresAt },
            },
          },
        },
        put(application),
        ...outboxItems.puts(messages, now),
      ]);
      return 'received';
    } catch (error) {
      if ((error as { failed?: Map<string, unknown> }).failed?.has('rate')) return 'limited';
      throw error;
    }
  },

  async get(id: string): Promise<Application | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.partnerApplication(id), ConsistentRead: true }),
    );
    return strip(Item);
  },

  async list(page: { status?: string | undefined; limit: number; cursor?: string | undefined }) {
    const [index, name, partition] = page.status
      ? (['GSI2', 'GSI2PK', keys.partnerApplicationsByStatusPartition(page.status)] as const)
      : (['GSI1', 'GSI1PK', keys.partnerApplicationsPartition()] as const);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: index,
        KeyConditionExpression: `${name} = :p`,
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: cursor.decode(page.cursor, { [name]: partition }),
      }),
    );
    return { items: Items.map((i) => strip(i) as Application), nextCursor: cursor.encode(LastEvaluatedKey) };
  },

  /**
   * Approves: the application (still submitted), the new dealer (its id unused) in an existing region, and the mails,
   * in one transaction. Names the item whose condition failed: application, dealer or region.
   */
  async approve(application: Application, dealer: Dealer, messages: OutboxMessage[], now: Date): Promise<void> {
    await transact([
      decide(application),
      {
        name: 'dealer',
        item: {
          Put: {
            TableName: environment.tableName,
            Item: { ...keys.dealer(dealer.id), ...keys.dealerCollection(dealer.id), entity: 'dealer', ...dealer },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'region',
        item: {
          ConditionCheck: {
            TableName: environment.tableName,
            Key: keys.region(dealer.regionId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
      },
      ...outboxItems.puts(messages, now),
    ]);
  },

  async decline(application: Application, messages: OutboxMessage[], now: Date): Promise<void> {
    await transact([decide(application), ...outboxItems.puts(messages, now)]);
  },

  /** Records the first user's invitation on an approved application. */
  async markInvited(id: string, userId: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: environment.tableName,
        Key: keys.partnerApplication(id),
        UpdateExpression: 'SET firstUser = :invited',
        ConditionExpression: '#status = :approved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':invited': { status: 'invited', userId }, ':approved': 'approved' },
      }),
    );
  },
};
