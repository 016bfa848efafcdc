/**
 * Faults the emulators never raise, injected with aws-sdk-client-mock: SES throttling and a PutEvents partial
 * failure. The handlers run in-process against DynamoDB Local, in a table of their own so that the outbox sweeps
 * here never touch other test files' messages; only the failing client is faked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { registrationBody } from '../support/api.js';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-invocation.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `faults-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  REVIEW_TOKEN_SECRET: stack.reviewTokenSecret,
  EVENT_BUS_NAME: 'dealer-channel-test',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

const ses = mockClient(SESClient);
const eventBridge = mockClient(EventBridgeClient);
const { handler: submit } = await import('../../functions/registrations/submit.js');
const { deliverPending } = await import('../../shared/outbox/outbox.js');
const { dealers, products, regions } = await import('../../shared/db/setup-repository.js');

const throttling = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
const accepted = (entries: PutEventsRequestEntry[] = []) => ({
  FailedEntryCount: 0,
  Entries: entries.map((_, i) => ({ EventId: `event-${i}` })),
});

const t = { regionId: 'faults-region', dealerId: 'faults-dealer', sku: 'FAULT-1' };
beforeAll(async () => {
  const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  await ensureTable(admin, process.env.TABLE_NAME as string);
  admin.destroy();
  const updatedAt = new Date().toISOString();
  await regions.put({
    id: t.regionId,
    name: 'Faults',
    countries: ['DE'],
    partnerManagerEmail: `pm-${t.regionId}@manufacturer.example`,
    regionalDirectorEmail: `rd-${t.regionId}@manufacturer.example`,
    updatedAt,
  });
  await dealers.put({ id: t.dealerId, name: 'Faults Dealer', regionId: t.regionId, email: 'f@dealer.example', status: 'active', updatedAt });
  await products.put({ sku: t.sku, name: 'Machine', productLine: 'milling', updatedAt });
});
beforeEach(() => {
  ses.reset();
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
});
afterAll(() => {
  ses.restore();
  eventBridge.restore();
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
  return submit(event, lambdaContext('submit'));
}

const mailsTo = (to: string) =>
  ses.commandCalls(SendEmailCommand).filter((c) => c.args[0].input.Destination?.ToAddresses?.includes(to));

describe('SES throttling', () => {
  it('does not fail the dealer, keeps the mail, and the retry sends it exactly once', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttling).resolves({ MessageId: 'sent-1' });
    const response = await submitInProcess();
    expect(response.statusCode).toBe(201);
    const pm = `pm-${t.regionId}@manufacturer.example`;
    expect(mailsTo(pm)).toHaveLength(1);

    const retry = await deliverPending(new Date(Date.now() + 60_000));
    expect(retry.failed).toBe(0);
    expect(mailsTo(pm)).toHaveLength(2);
    const again = await deliverPending(new Date(Date.now() + 120_000));
    expect(again.delivered).toBe(0);
    expect(mailsTo(pm)).toHaveLength(2);
    const subjects = mailsTo(pm).map((c) => c.args[0].input.Message?.Subject?.Data);
    expect(subjects[0]).toBe(subjects[1]);
  });

  it('retries until SES recovers, without sending twice while a delivery holds its lease', async () => {
    ses.on(SendEmailCommand).rejects(throttling);
    const response = await submitInProcess();
    expect(response.statusCode).toBe(201);
    const now = Date.now() + 60_000;
    await deliverPending(new Date(now));
    await deliverPending(new Date(now + 1000));
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ok' });
    const [a, b] = await Promise.all([deliverPending(new Date(now + 2000)), deliverPending(new Date(now + 2000))]);
    expect(a.delivered + b.delivered).toBeGreaterThanOrEqual(1);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
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
    const response = await submitInProcess();
    expect(response.statusCode).toBe(201);
    const id = JSON.parse(response.body as string).id as string;

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
    eventBridge.on(PutEventsCommand).rejectsOnce(throttling).callsFake((input: { Entries: PutEventsRequestEntry[] }) => accepted(input.Entries));
    const response = await submitInProcess();
    expect(response.statusCode).toBe(201);
    const report = await deliverPending(new Date(Date.now() + 60_000));
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    expect((await deliverPending(new Date(Date.now() + 120_000))).delivered).toBe(0);
  });
});
