/**
 * Training storage: modules (with their quiz and its answers), each dealer user's completions and each dealer's
 * certifications, with the sharded index of certification warnings due. Key formats live in `keys.ts`.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { Completion } from '../domain/certification.js';
import { warningDueOn } from '../domain/certification.js';
import type { Tier } from '../domain/tier-ranking.js';
import type { MailMessage } from '../outbox/message.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { outboxItems } from './outbox-repository.js';
import { forEachPage, queryAll } from './query-pages.js';
import { ConditionsFailed, transact } from './transaction.js';

const table = () => environment.tableName;
const moduleCursor = keyCursor('training-modules');

export interface StoredModule {
  id: string;
  title: string;
  description?: string | undefined;
  requiredFor: Tier[];
  validityMonths?: number | undefined;
  quiz?: { passPercent: number; questions: { text: string; options: string[]; answer: number }[] } | undefined;
  updatedAt: string;
}

export interface StoredCompletion extends Completion {
  dealerId: string;
  userId: string;
  source: 'admin' | 'quiz';
}

export interface Certification extends Completion {
  dealerId: string;
  warnedFor?: string | undefined;
}

const moduleOf = (item: Record<string, unknown>): StoredModule => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, ...module } = item;
  return module as unknown as StoredModule;
};

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export const trainingModules = {
  async put(module: StoredModule): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: { ...keys.trainingModule(module.id), ...keys.trainingModuleCollection(module.id), entity: 'training-module', ...module },
      }),
    );
  },
  async get(moduleId: string): Promise<StoredModule | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.trainingModule(moduleId) }));
    return Item ? moduleOf(Item) : undefined;
  },
  async list(page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.trainingModulesPartition();
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        Limit: page.limit,
        ExclusiveStartKey: moduleCursor.decode(page.cursor, { GSI1PK: partition }),
      }),
    );
    return { items: Items.map(moduleOf), nextCursor: moduleCursor.encode(LastEvaluatedKey) };
  },
  /** Every module, for the KPI (the catalogue of modules is small: tens, not thousands). */
  async all(): Promise<StoredModule[]> {
    const items = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.trainingModulesPartition() },
    });
    return items.map(moduleOf);
  },
};

export const trainingRecords = {
  /** A dealer's completions (every user, every module) and certifications: one Query of its training partition. */
  async forDealer(dealerId: string): Promise<{ completions: StoredCompletion[]; certifications: Certification[] }> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.dealerTrainingPartition(dealerId) },
    });
    const strip = <T>({ PK: _p, SK: _s, GSI3PK: _g, GSI3SK: _gs, entity: _e, ...rest }: Record<string, unknown>) => rest as T;
    return {
      completions: items.filter((i) => i.entity === 'training-completion').map((i) => strip<StoredCompletion>(i)),
      certifications: items.filter((i) => i.entity === 'certification').map((i) => strip<Certification>(i)),
    };
  },

  /** Stores a completion once (same dealer, module, user and day: a re-run writes nothing); true when new. */
  async recordCompletion(completion: StoredCompletion, at: Date): Promise<boolean> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: table(),
          Item: { ...keys.trainingCompletion(completion), entity: 'training-completion', ...completion, recordedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  /**
   * Makes `completion` the dealer's certification of its module if it certifies longer than the one held (a
   * conditional update, so concurrent or repeated recordings keep the longest). While it has an expiry after
   * `today`, the certification is listed in the warning index by its warning day. True when it changed.
   */
  async renewCertification(completion: StoredCompletion, today: string): Promise<boolean> {
    const { dealerId, moduleId, completedOn, expiresOn } = completion;
    const listed = expiresOn !== undefined && expiresOn > today;
    const set = ['entity = :entity', 'dealerId = :dealer', 'moduleId = :module', 'completedOn = :completed'];
    const values: Record<string, unknown> = {
      ':entity': 'certification',
      ':dealer': dealerId,
      ':module': moduleId,
      ':completed': completedOn,
    };
    const remove: string[] = ['warnedFor'];
    if (expiresOn === undefined) remove.push('expiresOn');
    else {
      set.push('expiresOn = :expires');
      values[':expires'] = expiresOn;
    }
    if (listed) {
      const due = keys.certificationDue(dealerId, moduleId, warningDueOn(expiresOn));
      set.push('GSI3PK = :duePk', 'GSI3SK = :dueSk');
      values[':duePk'] = due.GSI3PK;
      values[':dueSk'] = due.GSI3SK;
    } else remove.push('GSI3PK', 'GSI3SK');
    // A certification without expiry is never replaced; one with an expiry only by a later expiry (or none).
    const condition =
      expiresOn === undefined
        ? 'attribute_not_exists(PK) OR attribute_exists(expiresOn)'
        : 'attribute_not_exists(PK) OR (attribute_exists(expiresOn) AND expiresOn < :expires)';
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.certification(dealerId, moduleId),
          UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  /** Every certification whose warning is due on or before `day`, page by page, from each shard of the index. */
  async forEachDue(shard: number, day: string, each: (due: Certification[]) => Promise<void>): Promise<void> {
    await forEachPage(
      {
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :p AND GSI3SK <= :until',
        ExpressionAttributeValues: { ':p': keys.certificationDuePartition(shard), ':until': keys.certificationDueUntil(day) },
        Limit: 100,
      },
      async (items) =>
        each(
          items.map(
            (i) => ({ dealerId: i.dealerId, moduleId: i.moduleId, completedOn: i.completedOn, expiresOn: i.expiresOn }) as Certification,
          ),
        ),
    );
  },

  /**
   * Marks the warning of this expiry sent and enqueues its mail, in one transaction conditioned on the certification
   * still ending then and not yet warned for it: a second or concurrent run sends nothing twice. False when refused.
   */
  async markWarned(certification: Certification, mail: MailMessage, now: Date): Promise<boolean> {
    try {
      await transact([
        {
          name: 'certification',
          item: {
            Update: {
              TableName: table(),
              Key: keys.certification(certification.dealerId, certification.moduleId),
              UpdateExpression: 'SET warnedFor = :expires REMOVE GSI3PK, GSI3SK',
              ConditionExpression: 'expiresOn = :expires AND (attribute_not_exists(warnedFor) OR warnedFor <> :expires)',
              ExpressionAttributeValues: { ':expires': certification.expiresOn },
            },
          },
        },
        ...outboxItems.puts([mail], now),
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed) return false;
      throw error;
    }
  },
};
