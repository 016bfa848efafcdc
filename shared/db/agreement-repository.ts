/**
 * The partner agreement's versions, the gate item that lists the material ones (read with the submission context),
 * and acceptances: one immutable item per version and dealer, plus the latest position each dealer accepted.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { positionOf } from '../domain/agreement-gate.js';
import type { Agreement, AgreementAcceptance } from '../schemas/onboarding.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { type NamedItem, transact } from './transaction.js';

const versionsCursor = keyCursor('agreement-versions');
const acceptancesCursor = keyCursor('agreement-acceptances');

/** The gate item holds one attribute per material version: `v:<version>` = its position. */
const GATE_PREFIX = 'v:';

function stripVersion(item: Record<string, unknown> | undefined): Agreement | undefined {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _gs, entity: _e, ...agreement } = item;
  return agreement as Agreement;
}

function stripAcceptance(item: Record<string, unknown>): AgreementAcceptance {
  const { PK: _pk, SK: _sk, entity: _e, position: _p, ...acceptance } = item;
  return acceptance as AgreementAcceptance;
}

/** What the gate and the dealer's acceptance items say, as the submission context reads them. */
export function gateOf(gate: Record<string, unknown> | undefined): string[] {
  return Object.entries(gate ?? {})
    .filter(([name, value]) => name.startsWith(GATE_PREFIX) && typeof value === 'string')
    .map(([, value]) => value as string);
}
export const acceptedPositionOf = (item: Record<string, unknown> | undefined) =>
  typeof item?.acceptedPosition === 'string' ? item.acceptedPosition : undefined;

export const agreements = {
  async get(version: string): Promise<Agreement | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.agreementVersion(version), ConsistentRead: true }),
    );
    return stripVersion(Item);
  },

  /**
   * Publishes `next` (new, or replacing `previous` as it was read) and keeps the gate's material positions in step,
   * in one transaction. Refused ('version') when the version changed since it was read.
   */
  async publish(next: Agreement, previous: Agreement | undefined): Promise<void> {
    const gateName = '#v';
    const version: NamedItem = {
      name: 'version',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: {
            ...keys.agreementVersion(next.version),
            ...keys.agreementVersionIndex(positionOf(next)),
            entity: 'agreement-version',
            ...next,
          },
          ...(previous
            ? {
                ConditionExpression: 'publishedAt = :publishedAt',
                ExpressionAttributeValues: { ':publishedAt': previous.publishedAt },
              }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
    };
    const gate: NamedItem = {
      name: 'gate',
      item: {
        Update: {
          TableName: environment.tableName,
          Key: keys.agreementGate(),
          ...(next.material
            ? { UpdateExpression: `SET ${gateName} = :position`, ExpressionAttributeValues: { ':position': positionOf(next) } }
            : { UpdateExpression: `REMOVE ${gateName}` }),
          ExpressionAttributeNames: { [gateName]: `${GATE_PREFIX}${next.version}` },
        },
      },
    };
    await transact([version, gate]);
  },

  /** The material versions' positions. */
  async gate(): Promise<string[]> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: environment.tableName, Key: keys.agreementGate() }));
    return gateOf(Item);
  },

  /** The version in force on `today`: the latest whose effective date has come. */
  async inForce(today: string): Promise<Agreement | undefined> {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p AND GSI1SK <= :until',
        ExpressionAttributeValues: { ':p': keys.agreementVersionsPartition(), ':until': `${today}#~` },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return stripVersion(Items[0]);
  },

  /** Every version, the latest position first. */
  async list(page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.agreementVersionsPartition();
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: versionsCursor.decode(page.cursor, { GSI1PK: partition }),
      }),
    );
    return { items: Items.map((i) => stripVersion(i) as Agreement), nextCursor: versionsCursor.encode(LastEvaluatedKey) };
  },

  /** The latest position the dealer accepted, and when (consistent: read right before an acceptance). */
  async accepted(dealerId: string): Promise<{ position?: string; at?: string }> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.dealerAgreement(dealerId), ConsistentRead: true }),
    );
    const position = acceptedPositionOf(Item);
    return { ...(position ? { position } : {}), ...(typeof Item?.acceptedAt === 'string' ? { at: Item.acceptedAt } : {}) };
  },

  async acceptance(version: string, dealerId: string): Promise<AgreementAcceptance | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.agreementAcceptance(version, dealerId), ConsistentRead: true }),
    );
    return Item ? stripAcceptance(Item) : undefined;
  },

  /**
   * Keeps one acceptance (written once: 'acceptance' refuses a second) and advances the dealer's accepted position
   * when this version lies beyond it, conditioned on the position read ('dealer' refuses a concurrent change).
   */
  async accept(acceptance: AgreementAcceptance, position: string, read: string | undefined): Promise<void> {
    const advance = !read || position > read;
    await transact([
      {
        name: 'acceptance',
        item: {
          Put: {
            TableName: environment.tableName,
            Item: {
              ...keys.agreementAcceptance(acceptance.version, acceptance.dealerId),
              entity: 'agreement-acceptance',
              position,
              ...acceptance,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'dealer',
        item: {
          Update: {
            TableName: environment.tableName,
            Key: keys.dealerAgreement(acceptance.dealerId),
            UpdateExpression: advance
              ? 'SET acceptedPosition = :position, acceptedAt = :at, lastAcceptanceAt = :at'
              : 'SET lastAcceptanceAt = :at',
            ConditionExpression: read ? 'acceptedPosition = :read' : 'attribute_not_exists(acceptedPosition)',
            ExpressionAttributeValues: {
              ':at': acceptance.acceptedAt,
              ...(advance ? { ':position': position } : {}),
              ...(read ? { ':read': read } : {}),
            },
          },
        },
      },
    ]);
  },

  async acceptances(version: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.agreementVersion(version).PK;
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        KeyConditionExpression: 'PK = :p AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':p': partition, ':prefix': keys.agreementAcceptancePrefix() },
        Limit: page.limit,
        ExclusiveStartKey: acceptancesCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    return { items: Items.map(stripAcceptance), nextCursor: acceptancesCursor.encode(LastEvaluatedKey) };
  },
};
