/**
 * Uploaded files' records. A pending record expires with the table's TTL two days after the upload URL was made
 * (the bucket's lifecycle removes the object); confirming removes the expiry. Every change is conditional on the
 * status it starts from, so a concurrent confirm and a mismatch delete cannot both win.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { FileTenant } from '../domain/files.js';
import type { StoredFile } from '../schemas/files.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';

/** How long a never-confirmed record stays (TTL); the object's lifecycle rule is one day. */
const PENDING_RECORD_SECONDS = 2 * 86_400;

export interface FileRecord extends StoredFile {
  tenant: FileTenant;
  /** The object's key in the files bucket. */
  objectKey: string;
}

const recordOf = (item: Record<string, unknown> | undefined): FileRecord | undefined => {
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, entity: _entity, expiresAt: _expiresAt, ...record } = item;
  return record as unknown as FileRecord;
};

export const files = {
  async get(fileId: string): Promise<FileRecord | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.file(fileId), ConsistentRead: true }),
    );
    return recordOf(Item);
  },

  async createPending(record: FileRecord, now: Date): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: environment.tableName,
        Item: {
          ...keys.file(record.fileId),
          entity: 'file',
          ...record,
          expiresAt: Math.floor(now.getTime() / 1000) + PENDING_RECORD_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  },

  /** Pending → confirmed; undefined when the record is gone or no longer pending (then read it again). */
  async confirm(fileId: string, at: string): Promise<FileRecord | undefined> {
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: environment.tableName,
          Key: keys.file(fileId),
          UpdateExpression: 'SET #status = :confirmed, confirmedAt = :at REMOVE expiresAt',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':confirmed': 'confirmed', ':pending': 'pending', ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return recordOf(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  },

  /** Forgets a pending upload that did not arrive as declared; a confirmed file is never removed this way. */
  async discardPending(fileId: string): Promise<void> {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: environment.tableName,
          Key: keys.file(fileId),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },
};
