/**
 * Community storage. A question, its answers and its counters share one partition; listings are index entries that
 * exist only while the question is visible (GSI1, GSI3 per product line) or always (GSI2, GSI4: channel admins);
 * each search word is an item written in the question's own transaction. No key holds a dealer or user id, so no
 * cursor (the base64 JSON of a key) can trace an author.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { StoredAuthor } from '../domain/community-posts.js';
import { NotFound, StateConflict } from '../domain/errors.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

const table = () => environment.tableName;
/** `hidden` is a reserved word of DynamoDB's expressions. */
const HIDDEN = { '#hidden': 'hidden' };

export interface Moderation {
  reason: string;
  at: string;
  by: string;
}

export interface StoredQuestion {
  id: string;
  title: string;
  body: string;
  productLine?: string | undefined;
  author: StoredAuthor;
  createdAt: string;
  answerCount: number;
  hiddenAnswerCount: number;
  hidden?: Moderation | undefined;
  /** The words it is found by (its search index items). */
  words: string[];
}

export interface StoredAnswer {
  id: string;
  questionId: string;
  body: string;
  author: StoredAuthor;
  createdAt: string;
  hidden?: Moderation | undefined;
}

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'entity'];
const strip = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.includes(k))) as T;

const listCursor = (index: string) => keyCursor(`community-questions-${index}`);
const searchCursor = keyCursor('community-search');

const failedBecause = (old: Record<string, unknown> | undefined, what: string) =>
  old ? new StateConflict(`The ${what} is hidden already.`) : new NotFound(`There is no such ${what}.`);

export const community = {
  /** The question, its search words and the caller's rate counter, in one transaction. */
  async ask(question: StoredQuestion, rateCounter: NamedItem): Promise<void> {
    await transact([
      rateCounter,
      {
        name: 'question',
        item: {
          Put: {
            TableName: table(),
            Item: {
              ...keys.question(question.id),
              ...keys.questionIndexes({ ...question, hidden: false }),
              entity: 'question',
              ...question,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      ...question.words.map((word) => ({
        name: `word:${word}`,
        item: {
          Put: {
            TableName: table(),
            Item: { ...keys.questionWord(word, question.createdAt, question.id), entity: 'question-word', questionId: question.id },
          },
        },
      })),
    ]);
  },

  /** The answer, its pointer, the question's count (the question must exist and, unless staff may, be visible). */
  async answer(answer: StoredAnswer, rateCounter: NamedItem, onHiddenQuestion: boolean): Promise<void> {
    await transact([
      rateCounter,
      {
        name: 'question',
        item: {
          Update: {
            TableName: table(),
            Key: keys.question(answer.questionId),
            UpdateExpression: 'ADD answerCount :one',
            ConditionExpression: onHiddenQuestion ? 'attribute_exists(PK)' : 'attribute_exists(PK) AND attribute_not_exists(#hidden)',
            ...(onHiddenQuestion ? {} : { ExpressionAttributeNames: HIDDEN }),
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      },
      {
        name: 'answer',
        item: {
          Put: {
            TableName: table(),
            Item: { ...keys.answer(answer.questionId, answer.createdAt, answer.id), entity: 'answer', ...answer },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        name: 'pointer',
        item: {
          Put: {
            TableName: table(),
            Item: {
              ...keys.answerPointer(answer.id),
              entity: 'answer-pointer',
              questionId: answer.questionId,
              answerSk: keys.answer(answer.questionId, answer.createdAt, answer.id).SK,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
    ]);
  },

  async question(questionId: string): Promise<StoredQuestion | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: keys.question(questionId), ConsistentRead: true }),
    );
    return Item ? strip<StoredQuestion>(Item) : undefined;
  },

  /** A question and all its answers, oldest first: one consistent Query of its partition. */
  async thread(questionId: string): Promise<{ question: StoredQuestion; answers: StoredAnswer[] } | undefined> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.questionPartition(questionId) },
      ConsistentRead: true,
    });
    const question = items.find((i) => i.entity === 'question');
    if (!question) return undefined;
    return {
      question: strip<StoredQuestion>(question),
      answers: items.filter((i) => i.entity === 'answer').map((i) => strip<StoredAnswer>(i)),
    };
  },

  /** Newest first, from the listing the caller may see. */
  async list(visibleOnly: boolean, productLine: string | undefined, page: { limit: number; cursor?: string | undefined }) {
    const { index, partition } = keys.questionList(visibleOnly, productLine);
    const cursor = listCursor(`${index}-${partition}`);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: index,
        KeyConditionExpression: `${index}PK = :p`,
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: cursor.decode(page.cursor, { [`${index}PK`]: partition }),
      }),
    );
    return { items: Items.map((i) => strip<StoredQuestion>(i)), nextCursor: cursor.encode(LastEvaluatedKey) };
  },

  /**
   * One page of `word`'s index items, newest first, and the questions they name (read consistently). The caller
   * filters the questions by its other words: a page holds at most `limit` questions, possibly fewer.
   */
  async byWord(word: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.questionWordPartition(word);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: searchCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    const ids = Items.map((i) => i.questionId as string);
    const found = await batchGet(ids.map(keys.question), { consistent: true });
    const byId = new Map(found.map((i) => [i.id as string, strip<StoredQuestion>(i)]));
    return {
      items: ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as StoredQuestion] : [])),
      nextCursor: searchCursor.encode(LastEvaluatedKey),
    };
  },

  /** Hides a visible question: it leaves the visible listings (its index keys go) in the same conditional update. */
  async hideQuestion(questionId: string, moderation: Moderation): Promise<StoredQuestion> {
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.question(questionId),
          UpdateExpression: 'SET #hidden = :hidden REMOVE GSI1PK, GSI1SK, GSI3PK, GSI3SK',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#hidden)',
          ExpressionAttributeNames: HIDDEN,
          ExpressionAttributeValues: { ':hidden': moderation },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return strip<StoredQuestion>(Attributes ?? {});
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      throw failedBecause((error as { Item?: Record<string, unknown> }).Item, 'question');
    }
  },

  /** Hides a visible answer and counts it on its question, in one transaction. */
  async hideAnswer(answerId: string, moderation: Moderation): Promise<StoredAnswer> {
    const { Item: pointer } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.answerPointer(answerId) }));
    if (!pointer) throw new NotFound('There is no such answer.');
    const key = { PK: keys.questionPartition(pointer.questionId as string), SK: pointer.answerSk as string };
    try {
      await transact([
        {
          name: 'answer',
          item: {
            Update: {
              TableName: table(),
              Key: key,
              UpdateExpression: 'SET #hidden = :hidden',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#hidden)',
              ExpressionAttributeNames: HIDDEN,
              ExpressionAttributeValues: { ':hidden': moderation },
            },
          },
        },
        {
          name: 'question',
          item: {
            Update: {
              TableName: table(),
              Key: keys.question(pointer.questionId as string),
              UpdateExpression: 'ADD hiddenAnswerCount :one',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('answer')) throw failedBecause(error.failed.get('answer'), 'answer');
      throw error;
    }
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }));
    return strip<StoredAnswer>(Item ?? {});
  },
};
