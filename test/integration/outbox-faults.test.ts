/**
 * The outbox's delivery off the request path, and the faults the emulators never raise, injected with
 * aws-sdk-client-mock: SES throttling, SES refusing a message for good (MessageRejected), a PutEvents partial
 * failure; the dead letters channel admins list and replay; SES's bounce and complaint events as EventBridge hands
 * them to the mail-feedback function. The handlers run in-process against DynamoDB
 * Local, in a table of their own (with its stream) so that the deliveries here never touch other test files'
 * messages; only the failing client is faked. Delivery runs as it does locally: the stream poller hands inserted
 * outbox items to the stream consumer; the `outbox` schedule (`deliverPending`) sweeps up what is left.
 */

import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent, EventBridgeEvent } from 'aws-lambda';
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
const deadLetterHandlers = await import('../../functions/outbox/dead-letters.js');
const { handler: mailFeedback } = await import('../../functions/outbox/mail-feedback.js');
const regionHandlers = await import('../../functions/setup/regions.js');
const { outboxPuts } = await import('../../shared/outbox/outbox.js');
const { RETRY_MAX_MS } = await import('../../shared/outbox/delivery-failure.js');
const { keys } = await import('../../shared/db/keys.js');
const { dealers, products, regions } = await import('../../shared/db/setup-repository.js');

const throttling = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
/** What SES answers in its sandbox for a recipient that is not verified: a permanent error of this message. */
const rejected = () =>
  Object.assign(new Error('Email address is not verified. The following identities failed the check in region EU-CENTRAL-1: x'), {
    name: 'MessageRejected',
  });
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

const adminClaims = { sub: 'admin-1', email: 'admin@manufacturer.example', 'cognito:groups': '[channel_admin]' };
/** A route of the outbox or setup area called in-process as a channel admin (or as `claims`). */
async function callRoute<R extends { statusCode?: number; body?: unknown }>(
  handler: (event: never, context: never) => Promise<R>,
  request: { method: string; route: string; path: string; params?: Record<string, string>; query?: Record<string, string> },
  claims: Record<string, string> = adminClaims,
) {
  const event = apiGatewayEvent({
    route: { method: request.method, path: request.route },
    path: request.path,
    headers: {},
    ...(request.params ? { pathParameters: request.params } : {}),
    ...(request.query ? { query: new URLSearchParams(request.query).toString() } : {}),
    claims,
  } as never);
  const response = await handler(event as never, lambdaContext('outbox') as never);
  return { status: response.statusCode, body: JSON.parse(String(response.body ?? 'null')) };
}

/** The dead letter of `messageId` as GET /outbox/dead-letters lists it, reading every page. */
async function listedDeadLetter(messageId: string) {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const answer = await callRoute(deadLetterHandlers.list, {
      method: 'GET',
      route: '/outbox/dead-letters',
      path: '/outbox/dead-letters',
      query: { limit: '100', ...(cursor ? { cursor } : {}) },
    });
    expect(answer.status).toBe(200);
    const found = (answer.body.items as { id: string }[]).find((item) => item.id === messageId);
    if (found) return found;
    cursor = answer.body.nextCursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

const replay = (messageId: string, claims?: Record<string, string>) =>
  callRoute(
    deadLetterHandlers.replay,
    {
      method: 'POST',
      route: '/outbox/dead-letters/{id}/replay',
      path: `/outbox/dead-letters/${messageId}/replay`,
      params: { id: messageId },
    },
    claims,
  );

/** SES's event for one message, as the configuration set publishes it to EventBridge. */
function sesEvent(
  detailType: 'Email Bounced' | 'Email Complaint Received',
  detail: Record<string, unknown>,
): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: '111122223333',
    time: new Date().toISOString(),
    region: 'eu-central-1',
    resources: ['arn:aws:ses:eu-central-1:111122223333:configuration-set/dealer-channel-test'],
    detail: {
      mail: {
        timestamp: new Date().toISOString(),
        source: 'no-reply@dealer-channel.test',
        messageId: `0102019${randomUUID()}`,
        destination: [pm],
        tags: { 'ses:configuration-set': ['dealer-channel-test'] },
      },
      ...detail,
    },
  };
}

/** An outbox mail written as a state change would write it. */
async function enqueueMail(to: string, createdAt = new Date(Date.now() - 60_000)) {
  const id = `faults-mail-${randomUUID()}`;
  const [put] = outboxPuts([{ kind: 'mail', id, to: [to], subject: 'A notice', text: 'Hello', html: '<p>Hello</p>' }], createdAt);
  await db.send(new PutCommand(put!.item.Put as never));
  return id;
}
const outboxItem = async (messageId: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: keys.outboxMessage(messageId), ConsistentRead: true }))).Item;

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

  it('backs a throttled send off instead of retrying it at once, then the sweeper sends it once', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttling).rejectsOnce(throttling).resolves({ MessageId: 'sent' });
    await startPoller();
    const { id } = await submitInProcess();
    const failed = await waitFor(
      async () => promptItem(id),
      (item) => item?.attempts === 1 && item?.claimToken === undefined,
      'the first attempt to be recorded',
    );
    // Exponential backoff with jitter: the first retry comes 15 to 30 s later, not at once.
    const wait = Number(failed?.nextAttemptAt) - Date.parse(String(failed?.lastAttemptAt));
    expect(wait).toBeGreaterThanOrEqual(15_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect(failed).toMatchObject({ lastError: 'Throttling: Maximum sending rate exceeded.' });
    expect(sendCount()).toBe(1);
    await stopPoller();
    // The sweeper's turn (after its 30 s grace): the second attempt fails too and doubles the wait (30 to 60 s).
    await deliverPending(new Date(Number(failed?.nextAttemptAt) + 31_000));
    const second = await promptItem(id);
    expect(second).toMatchObject({ attempts: 2 });
    const secondWait = Number(second?.nextAttemptAt) - Date.parse(String(second?.lastAttemptAt));
    expect(secondWait).toBeGreaterThanOrEqual(30_000);
    expect(secondWait).toBeLessThanOrEqual(60_000);
    // Before its time the sweeper leaves it alone; after it, the third attempt goes through.
    expect((await deliverPending(new Date(Number(second?.nextAttemptAt) - 1000))).delivered).toBe(0);
    expect(sendCount()).toBe(2);
    expect((await deliverPending(new Date(Number(second?.nextAttemptAt) + 1000))).delivered).toBe(1);
    expect(await promptItem(id)).toBeUndefined();
    expect(sendCount()).toBe(3);
    const subjects = mailsTo(pm).map((c) => c.args[0].input.Message?.Subject?.Data);
    expect(new Set(subjects).size).toBe(1);
    expect((await deliverPending(new Date(Date.now() + 2 * RETRY_MAX_MS))).delivered).toBe(0);
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
  it('leaves a recorded send failure to the sweeper (no batch item failure), and a replayed batch sends nothing twice', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    const { id } = await submitInProcess();
    const event = await streamEvent(id);
    expect(event.Records.map((r) => r.eventName)).toEqual(['INSERT', 'INSERT']);
    const response = await streamHandler(event);
    // Lambda's immediate retries would only spend attempts on a throttled SES: the backoff is the sweeper's.
    expect(response.batchItemFailures).toEqual([]);
    expect(await promptItem(id)).toMatchObject({ attempts: 1, lastError: 'Throttling: Maximum sending rate exceeded.' });
    // A replay of the same batch (Lambda's retry) finds the mail backing off and the event delivered: nothing is sent.
    expect((await streamHandler(event)).batchItemFailures).toEqual([]);
    expect(sendCount()).toBe(1);
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
    // Still backing off a second later: not tried.
    await deliverPending(new Date(now + 1000));
    expect(sendCount()).toBe(1);
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ok' });
    const [a, b] = await Promise.all([deliverPending(new Date(now + 60_000)), deliverPending(new Date(now + 60_000))]);
    expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(1);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('gives a message up as a dead letter after the maximum attempts, and sweeps it no more', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    const { id } = await submitInProcess();
    const start = Date.now() + 60_000;
    // Each sweep after the longest backoff: every attempt is due.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) await deliverPending(new Date(start + attempt * (RETRY_MAX_MS + 1000)));
    expect(await promptItem(id)).toMatchObject({ attempts: MAX_ATTEMPTS, deadLetter: true, permanent: false });
    // Off the waiting list, onto the dead-letter list.
    expect((await promptItem(id))?.GSI7PK).toBe('OUTBOX#DEAD');
    expect(await listedDeadLetter(`${id}.v1.1`)).toMatchObject({
      permanent: false,
      attempts: MAX_ATTEMPTS,
      reason: expect.stringMatching(/^Throttling/),
    });
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

describe('permanent SES errors and the dead-letter list', () => {
  it('does not retry a rejected address: the message is a dead letter at once, listed for channel admins', async () => {
    ses.on(SendEmailCommand).rejects(rejected());
    await startPoller();
    const { id } = await submitInProcess();
    const messageId = `${id}.v1.1`;
    const item = await waitFor(
      async () => promptItem(id),
      (found) => found?.deadLetter === true,
      'the rejected prompt to become a dead letter',
    );
    expect(item).toMatchObject({ attempts: 1, permanent: true, GSI7PK: 'OUTBOX#DEAD' });
    expect(sendCount()).toBe(1);
    await stopPoller();
    // Never retried: neither by the sweeper, however late, nor by a replay of the stream batch.
    for (const hours of [1, 6, 48]) await deliverPending(new Date(Date.now() + hours * 3_600_000));
    expect(sendCount()).toBe(1);

    const listed = await listedDeadLetter(messageId);
    expect(listed).toMatchObject({
      id: messageId,
      kind: 'mail',
      to: [pm],
      subject: expect.any(String),
      reason: expect.stringMatching(/^MessageRejected: Email address is not verified/),
      permanent: true,
      attempts: 1,
      createdAt: expect.any(String),
      deadAt: expect.any(String),
    });
    // The list is the channel admins' alone.
    const asDealer = await callRoute(
      deadLetterHandlers.list,
      { method: 'GET', route: '/outbox/dead-letters', path: '/outbox/dead-letters' },
      { sub: 'user-1', 'cognito:groups': '[dealer]', 'custom:dealer_id': t.dealerId },
    );
    expect(asDealer.status).toBe(403);
  });

  it('replays a dead letter once, even when two replays race, and answers 404 once it is delivered', async () => {
    ses.on(SendEmailCommand).rejects(rejected());
    const messageId = await enqueueMail(pm);
    await deliverPending(new Date());
    expect(await outboxItem(messageId)).toMatchObject({ deadLetter: true, permanent: true });

    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    const [first, second] = await Promise.all([replay(messageId), replay(messageId)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body).toMatchObject({ id: messageId, status: 'waiting' });
    expect(second.body.replayedAt).toBe(first.body.replayedAt);
    expect(await outboxItem(messageId)).toMatchObject({ attempts: 0, replays: 1, replayedBy: 'admin@manufacturer.example' });
    expect(await listedDeadLetter(messageId)).toBeUndefined();

    // The next sweeps (two at once) deliver it, once.
    const [a, b] = await Promise.all([deliverPending(new Date()), deliverPending(new Date())]);
    expect(a.delivered + b.delivered).toBe(1);
    expect(mailsTo(pm)).toHaveLength(1);
    expect(await outboxItem(messageId)).toBeUndefined();
    expect((await replay(messageId)).status).toBe(404);
    expect((await replay('no-such-message')).status).toBe(404);
    expect((await replay('not a valid id!')).status).toBe(400);
    expect(mailsTo(pm)).toHaveLength(1);
  });
});

describe('send rate', () => {
  it('holds a sweep to the configured mails per second (SES_MAX_SEND_RATE, here the default 14)', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    const ids = await Promise.all(Array.from({ length: 42 }, () => enqueueMail(`rate-${randomUUID()}@manufacturer.example`)));
    // Whatever tokens earlier tests left: wait for a full bucket, so that the figure does not depend on them.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const started = Date.now();
    const report = await deliverPending(new Date());
    const seconds = (Date.now() - started) / 1000;
    expect(report.delivered).toBeGreaterThanOrEqual(ids.length);
    // 14 at once (a full bucket), then 14 a second: 42 mails take at least two seconds.
    expect(seconds).toBeGreaterThanOrEqual(1.9);
    for (const id of ids) expect(await outboxItem(id)).toBeUndefined();
  });
});

describe('bounces and complaints (SES events through EventBridge)', () => {
  it('a hard bounce flags the manager address on its region, for channel admins; saving the region clears it', async () => {
    const result = await mailFeedback(
      sesEvent('Email Bounced', {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [
            { emailAddress: pm.toUpperCase(), action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          ],
          timestamp: '2026-12-02T04:00:00.000Z',
          feedbackId: 'feedback-1',
          reportingMTA: 'dsn; mta.manufacturer.example',
        },
      }),
    );
    expect(result).toEqual({ kind: 'bounced', addresses: [pm], regions: [t.regionId] });
    const region = await callRoute(regionHandlers.get, {
      method: 'GET',
      route: '/regions/{regionId}',
      path: `/regions/${t.regionId}`,
      params: { regionId: t.regionId },
    });
    expect(region.status).toBe(200);
    expect(region.body.partnerManagerMailIssue).toEqual({
      kind: 'bounced',
      at: '2026-12-02T04:00:00.000Z',
      detail: 'General · 5.1.1 · smtp; 550 5.1.1 user unknown',
    });
    expect(region.body.regionalDirectorMailIssue).toBeUndefined();
    expect(await db.send(new GetCommand({ TableName: tableName, Key: keys.mailAddress(pm) })).then((r) => r.Item)).toMatchObject({
      bounces: 1,
      email: pm,
    });
    // A bounce does not suppress (SES's own suppression list takes the address); a soft bounce changes nothing.
    const soft = await mailFeedback(
      sesEvent('Email Bounced', {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Transient',
          bounceSubType: 'MailboxFull',
          bouncedRecipients: [{ emailAddress: pm }],
          timestamp: '2026-12-02T04:05:00.000Z',
        },
      }),
    );
    expect(soft.kind).toBe('ignored');

    // The channel admin corrects the region: the flag goes with the save.
    const { partnerManagerMailIssue: _flag, id: _id, updatedAt: _at, ...input } = region.body;
    const put = await regionHandlers.put(
      apiGatewayEvent({
        route: { method: 'PUT', path: '/regions/{regionId}' },
        path: `/regions/${t.regionId}`,
        pathParameters: { regionId: t.regionId },
        headers: { 'content-type': 'application/json' },
        claims: adminClaims,
        body: { text: JSON.stringify(input), base64: false },
      } as never) as never,
      lambdaContext('regions') as never,
    );
    expect((put as { statusCode: number }).statusCode).toBe(200);
    const saved = await callRoute(regionHandlers.get, {
      method: 'GET',
      route: '/regions/{regionId}',
      path: `/regions/${t.regionId}`,
      params: { regionId: t.regionId },
    });
    expect(saved.body.partnerManagerMailIssue).toBeUndefined();
  });

  it('a complaint suppresses further mail to the address: the next mail to it is a dead letter, never sent', async () => {
    const complainer = `complainer-${randomUUID()}@dealer.example`;
    ses.on(SendEmailCommand).resolves({ MessageId: 'sent' });
    const result = await mailFeedback(
      sesEvent('Email Complaint Received', {
        eventType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: complainer }],
          complaintFeedbackType: 'abuse',
          timestamp: '2026-12-02T04:10:00.000Z',
          feedbackId: 'feedback-2',
        },
      }),
    );
    expect(result).toMatchObject({ kind: 'complained', addresses: [complainer] });
    const messageId = await enqueueMail(complainer);
    await deliverPending(new Date());
    expect(mailsTo(complainer)).toHaveLength(0);
    expect(await outboxItem(messageId)).toMatchObject({
      deadLetter: true,
      permanent: true,
      lastError: expect.stringMatching(/^Suppressed/),
    });
    // Mail to everyone else still goes.
    const other = await enqueueMail(`other-${randomUUID()}@dealer.example`);
    await deliverPending(new Date());
    expect(await outboxItem(other)).toBeUndefined();
  });

  it('ignores events it does not act on or cannot read', async () => {
    expect((await mailFeedback(sesEvent('Email Bounced', { eventType: 'Delivery' }))).kind).toBe('ignored');
    expect((await mailFeedback({ ...sesEvent('Email Bounced', {}), detail: { unexpected: true } })).kind).toBe('ignored');
  });
});
