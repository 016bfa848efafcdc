/** Portal-login counting: one conditional transaction per user and day, skipped when already counted, never throws. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

process.env.TABLE_NAME ??= 'unit-test-table';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const dynamo = mockClient(DynamoDBDocumentClient);
const { countPortalLogin } = await import('../../shared/http/portal-logins.js');

const at = (iso: string) => new Date(iso);
const transactions = () => dynamo.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.TransactItems ?? []);

beforeEach(() => dynamo.reset());

describe('countPortalLogin', () => {
  it('puts the day marker only if absent and adds one to the month counter, in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await countPortalLogin('dealer-a', 'user-1', at('2026-05-10T08:00:00Z'));
    const [items] = transactions();
    expect(items).toHaveLength(2);
    expect(items?.[0]?.Put).toMatchObject({
      Item: { PK: 'LOGIN#dealer-a#2026-05-10#user-1', SK: 'LOGIN', expiresAt: Date.parse('2026-05-13T00:00:00Z') / 1000 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(items?.[1]?.Update).toMatchObject({
      Key: { PK: 'DEALER#dealer-a#KPI', SK: '2026-05#logins' },
      UpdateExpression: expect.stringContaining('ADD #count :one'),
    });
  });

  it('skips users this function already counted today, but counts them again tomorrow', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await countPortalLogin('dealer-b', 'user-1', at('2026-05-10T08:00:00Z'));
    await countPortalLogin('dealer-b', 'user-1', at('2026-05-10T17:00:00Z'));
    await countPortalLogin('dealer-b', 'user-2', at('2026-05-10T17:00:00Z'));
    await countPortalLogin('dealer-b', 'user-1', at('2026-05-11T00:00:01Z'));
    expect(transactions().map((items) => items[0]?.Put?.Item?.PK)).toEqual([
      'LOGIN#dealer-b#2026-05-10#user-1',
      'LOGIN#dealer-b#2026-05-10#user-2',
      'LOGIN#dealer-b#2026-05-11#user-1',
    ]);
  });

  it('treats a day another function already counted as counted', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    await expect(countPortalLogin('dealer-c', 'user-1', at('2026-05-10T08:00:00Z'))).resolves.toBeUndefined();
    await countPortalLogin('dealer-c', 'user-1', at('2026-05-10T09:00:00Z'));
    expect(transactions()).toHaveLength(1);
  });

  it('never fails the request: errors are logged, and the day is tried again on the next request', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      .resolves({});
    await expect(countPortalLogin('dealer-d', 'user-1', at('2026-05-10T08:00:00Z'))).resolves.toBeUndefined();
    await countPortalLogin('dealer-d', 'user-1', at('2026-05-10T09:00:00Z'));
    await countPortalLogin('dealer-d', 'user-1', at('2026-05-10T10:00:00Z'));
    expect(transactions()).toHaveLength(2);
  });

  it('counts nothing for a token without a subject', async () => {
    await countPortalLogin('dealer-e', '', at('2026-05-10T08:00:00Z'));
    expect(transactions()).toHaveLength(0);
  });
});
