/**
 * Price lists. Each currency has one timeline item listing the validity of each of its price lists; a list is
 * written in one transaction with its timeline, conditioned on the timeline's version as read, so two overlapping
 * lists of a currency can never both be stored, however the writes race.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { Validity } from '../domain/enablement.js';
import type { PriceList } from '../schemas/enablement.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { type NamedItem, transact } from './transaction.js';

export interface Timeline {
  currency: string;
  /** Price list id → its validity. */
  lists: Record<string, Validity>;
  version: number;
}

const cursor = keyCursor('price-lists');
const table = () => environment.tableName;

const strip = ({ PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, entity: _e, ...list }: Record<string, unknown>) => list as PriceList;

/** The timeline's write: created when new, else conditioned on the version that was read. */
function timelineWrite(next: Timeline): NamedItem {
  return {
    name: `timeline ${next.currency}`,
    item: {
      Put: {
        TableName: table(),
        Item: { ...keys.priceTimeline(next.currency), entity: 'price-timeline', ...next },
        ...(next.version === 1
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': next.version - 1 } }),
      },
    },
  };
}

export const priceLists = {
  async get(id: string): Promise<PriceList | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.priceList(id), ConsistentRead: true }));
    return Item ? strip(Item) : undefined;
  },

  async timeline(currency: string): Promise<Timeline> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: keys.priceTimeline(currency), ConsistentRead: true }),
    );
    return Item
      ? { currency, lists: Item.lists as Timeline['lists'], version: Item.version as number }
      : { currency, lists: {}, version: 0 };
  },

  /**
   * Stores the list with the timelines it changes (its currency's; the former currency's when it moved), each
   * conditioned on the version read. Throws ConditionsFailed when another write changed a timeline meanwhile.
   */
  async put(list: PriceList, timelines: Timeline[]): Promise<void> {
    await transact([
      {
        name: 'price list',
        item: {
          Put: {
            TableName: table(),
            Item: { ...keys.priceList(list.id), ...keys.priceListCollection(list.id), entity: 'price-list', ...list },
          },
        },
      },
      ...timelines.map(timelineWrite),
    ]);
  },

  async list(page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.priceListsPartition();
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        Limit: page.limit,
        ExclusiveStartKey: cursor.decode(page.cursor, { GSI1PK: partition }),
      }),
    );
    return { items: Items.map(strip), nextCursor: cursor.encode(LastEvaluatedKey) };
  },
};
