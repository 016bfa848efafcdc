/**
 * The outbox's delivery off the request path, and the faults the emulators never raise, injected with
 * aws-sdk-client-mock: SES throttling and a PutEvents partial failure. The handlers run in-process against DynamoDB
 * Local, in a table of their own (with its stream) so that the deliveries here never touch other test files'
 * messages; only the failing client is faked. Delivery runs as it does locally: the stream poller hands inserted
 * outbox items to the stream consumer; the `outbox` schedule (`deliverPending`) sweeps up what is left.
 */

import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ensureTable, type RunningProcess } from '../../infra/local/dynamodb-local.js';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-invocation.js';
import { startOutboxStreamPoller } from '../../infra/local/outbox-stream-poller.js';
import { registrationBody, waitFor } from '../support/api.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `faults-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  REVIEW_TOKEN_SECRET: stack.reviewTokenSecret,
  CURSOR_SECRET: stack.reviewTokenSecret,
  EVENT_BUS_NAME: 'dealer-channel-test',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

const ses = mockClient(SESClient);
const eventBridge = mockClient(EventBridgeClient);
const { handler: submit } = await import('../../functions/registrations/submit.js');
const { deliverPending, MAX_ATTEMPTS } = await import('../../shared/outbox/outbox.js');
const { deliverInserted } = await import('../../shared/outbox/stream-delivery.js');
const { handler: streamHandler } = await import('../../functions/outbox/stream.js');
const { keys } = await import('../../shared/db/keys.js');
const { dealers, products, regions } = await import('../../shared/db/setup-repository.js');

const throttling = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
const accepted = (entries: PutEventsRequestEntry[] = []) => ({
  FailedEntryCount: 0,
  Entries: entries.map((_, i) => ({ EventId: `event-${i}` })),
});

const t = { regionId: 'faults-region', dealerId: 'faults-dealer', sku: 'FAULT-1' };
const tableName = process.env.TABLE_NAME as string;
const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
const db = DynamoDBDocumentClient.from(admin);

/** The stream poller of this file's table; started and stopped by the tests that want stream delivery. */
let poller: RunningProcess | undefined;
const startPoller = async () => {
  poller = await startOutboxStreamPoller({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    tableName,
    consume: deliverInserted,
    idleMs: 20,
  });
};
const stopPoller = async () => {
  await poller?.stop();
  poller = undefined;
};

beforeAll(async () => {
  await ensureTable(admin, tableName);
  const updatedAt = new Date().toISOString();
  await regions.put({
    id: t.regionId,
    name: 'Faults',
    countries: ['DE'],
    partnerManagerEmail: `pm-${t.regionId}@manufacturer.example`,
    regionalDirectorEmail: `rd-${t.regionId}@manufacturer.example`,
    updatedAt,
  });
  await dealers.put({
    id: t.dealerId,
    name: 'Faults Dealer',
    regionId: t.regionId,
    email: 'f@dealer.example',
    status: 'active',
    updatedAt,
  });
  await products.put({ sku: t.sku, name: 'Machine', productLine: 'milling', updatedAt });
});
beforeEach(() => {
  ses.reset();
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
});
/** Whatever a test left waiting is delivered before the next, so that no test counts another's sends. */
afterEach(async () => {
  await stopPoller();
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'drained' });
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
  await deliverPending(new Date(Date.now() + 86_400_000));
});
afterAll(async () => {
  ses.restore();
  eventBridge.restore();
  admin.destroy();
});

async function submitInProcess(idempotencyKey?: string) {
  const body = JSON.stringify(registrationBody({}, t.sku));
  const event = apiGatewayEvent({
    route: { method: 'POST', path: '/registrations' },
    path: '/registrations',
    headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    claims: { sub: 'user-1', 'cognito:groups': '[dealer]', 'custom:dealer_id': t.dealerId },
    body: { text: body, base64: false },
  });
  const response = await submit(event, lambdaContext('submit'));
  expect(response.statusCode, String(response.body)).toBe(201);
  return JSON.parse(response.body as string) as { id: string; version: number };
}

const pm = `pm-${t.regionId}@manufacturer.example`;
const mailsTo = (to: string) => ses.commandCalls(SendEmailCommand).filter((c) => c.args[0].input.Destination?.ToAddresses?.includes(to));
const sendCount = () => ses.commandCalls(SendEmailCommand).length;
/** The outbox item of a registration's review prompt (the second message of its first version), as stored. */
const promptItem = async (registrationId: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: keys.outboxMessage(`${registrationId}.v1.1`), ConsistentRead: true }))).Item;

/** The outbox items a registration's submission inserted, from this table's stream, as Lambda would hand them over. */
async function streamEvent(registrationId: string): Promise<DynamoDBStreamEvent> {
  const streams = new DynamoDBStreamsClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  const { Table } = await admin.send(new DescribeTableCommand({ TableName: tableName }));
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table?.LatestStreamArn }));
  const records: DynamoDBStreamEvent['Records'] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({ StreamArn: Table?.LatestStreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      )
    ).ShardIterator;
    for (let page = 0; iterator && page < 50; page++) {
      const result = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...((result.Records ?? []) as unknown as DynamoDBStreamEvent['Records']));
      if (!result.Records?.length) break;
      iterator = result.NextShardIterator;
    }
  }
  streams.destroy();
  return {
    Records: records.filter(
      (r) =>
        r.eventName === 'INSERT' &&
        r.dynamodb?.NewImage?.entity?.S === 'outbox' &&
        JSON.stringify(r.dynamodb.Keys).includes(registrationId),
    ),
  };
}

describe('delivery off the request path', () => {
  it('answers the submission without sending anything; the stream consumer then delivers each message once', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    const { id } = await submitInProcess();
    expect(sendCount()).toBe(0);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
    expect(await promptItem(id)).toMatchObject({ entity: 'outbox', attempts: 0 });

    await startPoller();
    // The poller reads from the stream's end; the item written before it started is the sweeper's, after its grace.
    expect((await deliverPending(new Date())).delivered).toBe(0);
    const second = await submitInProcess();
    await waitFor(
      async () => promptItem(second.id),
      (item) => item === undefined,
      'the stream consumer to deliver the prompt',
    );
    const published = eventBridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published.filter((e) => JSON.parse(e.Detail as string).registrationId === second.id).map((e) => e.DetailType)).toEqual([
      'RegistrationSubmitted',
    ]);
    expect(sendCount()).toBe(1);

    // The straggler from before the poller: the sweeper sends it once the grace period has passed, and only once.
    const swept = await deliverPending(new Date(Date.now() + 60_000));
    expect(swept).toMatchObject({ delivered: 2, failed: 0 });
    expect(await promptItem(id)).toBeUndefined();
    expect(sendCount()).toBe(2);
    expect((await deliverPending(new Date(Date.now() + 120_000))).delivered).toBe(0);
  });

  it('retries a failed send from the stream (partial batch failure) until it goes through, once', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttling).rejectsOnce(throttling).resolves({ MessageId: 'sent' });
    await startPoller();
    const { id } = await submitInProcess();
    await waitFor(
      async () => promptItem(id),
      (item) => item === undefined,
      'the retried delivery',
    );
    expect(sendCount()).toBe(3);
    const subjects = mailsTo(pm).map((c) => c.args[0].input.Message?.Subject?.Data);
    expect(new Set(subjects).size).toBe(1);
    expect((await deliverPending(new Date(Date.now() + 60_000))).delivered).toBe(0);
    expect(sendCount()).toBe(3);
  });

  it('never sends one message twice when the stream consumer and the sweeper race for it', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    const submitted = await Promise.all(Array.from({ length: 6 }, () => submitInProcess()));
    const event = await Promise.all(submitted.map((r) => streamEvent(r.id)));
    const changes = event
      .flatMap((e) => e.Records)
      .map((r) => ({ id: r.dynamodb?.SequenceNumber ?? '', eventName: r.eventName, newImage: r.dynamodb?.NewImage as never }));
    expect(changes.length).toBe(12);
    const later = new Date(Date.now() + 60_000);
    const [fromStream, again, swept] = await Promise.all([deliverInserted(changes), deliverInserted(changes), deliverPending(later)]);
    expect(fromStream).toEqual([]);
    expect(again).toEqual([]);
    expect(swept.failed).toBe(0);
    expect(sendCount()).toBe(6);
    const published = eventBridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published).toHaveLength(6);
    for (const r of submitted) expect(await promptItem(r.id)).toBeUndefined();
  });
});

describe('the stream-triggered function', () => {
  it('reports the records it could not deliver as batch item failures, and only those', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    const { id } = await submitInProcess();
    const event = await streamEvent(id);
    expect(event.Records.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT']);
    const prompt = event.Records.find((r) => r.dynamodb?.NewImage?.message?.M?.kind?.S === 'mail')!;
    const response = await streamHandler(event);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: prompt.dynamodb?.SequenceNumber }]);
    expect(await promptItem(id)).toMatchObject({ attempts: 1, lastError: 'Throttling' });
    // A replay of the same batch (Lambda's retry) reports it again, and a delivered event is not published twice.
    expect((await streamHandler(event)).batchItemFailures).toHaveLength(1);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    // Records other than inserted outbox items are ignored.
    const others = { Records: event.Records.map((r) => ({ ...r, eventName: 'MODIFY' as const })) };
    expect((await streamHandler(others)).batchItemFailures).toEqual([]);
  });
});

describe('SES throttling', () => {
  it('retries until SES recovers, without sending twice while a delivery holds its lease', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    await submitInProcess();
    const now = Date.now() + 60_000;
    await deliverPending(new Date(now));
    await deliverPending(new Date(now + 1000));
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ok' });
    const [a, b] = await Promise.all([deliverPending(new Date(now + 2000)), deliverPending(new Date(now + 2000))]);
    expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(1);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('gives a message up as a dead letter after the maximum attempts, and sweeps it no more', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    const { id } = await submitInProcess();
    const start = Date.now() + 60_000;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) await deliverPending(new Date(start + attempt * 1000));
    expect(await promptItem(id)).toMatchObject({ attempts: MAX_ATTEMPTS, deadLetter: true });
    expect((await promptItem(id))?.GSI7PK).toBeUndefined();
    const calls = sendCount();
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ok' });
    expect((await deliverPending(new Date(start + 60_000))).delivered).toBe(0);
    expect(sendCount()).toBe(0);
    expect(calls).toBe(MAX_ATTEMPTS);
  });
});

describe('PutEvents partial failure', () => {
  it('does not fail the dealer, and republishes only the rejected event', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    eventBridge.reset();
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] })
      .callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
    const { id } = await submitInProcess();

    await deliverPending(new Date(Date.now() + 60_000));
    await deliverPending(new Date(Date.now() + 120_000));
    const published = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((c) => c.args[0].input.Entries ?? [])
      .filter((e) => JSON.parse(e.Detail as string).registrationId === id);
    expect(published.map((e) => e.DetailType)).toEqual(['RegistrationSubmitted', 'RegistrationSubmitted']);
    expect(published[0]?.EventBusName).toBe('dealer-channel-test');
    expect(new Set(published.map((e) => JSON.parse(e.Detail as string).eventId)).size).toBe(1);
  });

  it('keeps every event when PutEvents itself throws', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    eventBridge.reset();
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(throttling)
      .callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
    const { id } = await submitInProcess();
    const report = await deliverPending(new Date(Date.now() + 60_000));
    expect(report).toMatchObject({ delivered: 1, failed: 1 });
    expect(await deliverPending(new Date(Date.now() + 120_000))).toMatchObject({ delivered: 1, failed: 0 });
    expect((await deliverPending(new Date(Date.now() + 180_000))).delivered).toBe(0);
    const published = eventBridge.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published.filter((e) => JSON.parse(e.Detail as string).registrationId === id).map((e) => e.DetailType)).toEqual([
      'RegistrationSubmitted',
      'RegistrationSubmitted',
    ]);
  });
});
