/**
 * Faults DynamoDB Local never raises, injected below the SDK's retry layer with a middleware on the handlers' own
 * client: throttling, transaction conflicts, and a timeout before or after the write reached the table (a Lambda
 * timing out half-way). The handlers run in-process, against a table of their own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { apiGatewayEvent, lambdaContext } from '../../infra/local/lambda-invocation.js';
import { registrationBody } from '../support/api.js';
import { digestDifference, tableReader } from '../support/table.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `db-faults-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  AWS_ENDPOINT_URL_SES: stack.sesUrl,
  REVIEW_TOKEN_SECRET: stack.reviewTokenSecret,
  CURSOR_SECRET: stack.reviewTokenSecret,
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
});
delete process.env.EVENT_BUS_NAME;

const { documentClient } = await import('../../shared/db/client.js');
const { dealers, products, regions } = await import('../../shared/db/setup-repository.js');
const { registrations } = await import('../../shared/db/registration-repository.js');
const { handler: submit } = await import('../../functions/registrations/submit.js');
const { handler: update } = await import('../../functions/registrations/update.js');
const { handler: decide } = await import('../../functions/reviews/decide.js');
const { withdraw } = await import('../../functions/registrations/close.js');

type Fault = (command: string, phase: 'before' | 'after') => Error | undefined;
let fault: Fault = () => undefined;
const calls: string[] = [];

// Sits below the retry middleware, like the network: what it throws, the SDK retries as it would a real reply.
documentClient.middlewareStack.add(
  (next, context) => async (args) => {
    const command = String(context.commandName);
    calls.push(command);
    const before = fault(command, 'before');
    if (before) throw before;
    const result = await next(args);
    const after = fault(command, 'after');
    if (after) throw after;
    return result;
  },
  { step: 'deserialize', name: 'faultInjection', priority: 'low' },
);

const throttling = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
    $fault: 'client',
    $retryable: { throttling: true },
  });
const conflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled: TransactionConflict',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
  });
/** The function runs out of time: nothing in the SDK retries that, the caller gets no answer. */
const timeout = () => Object.assign(new Error('Task timed out after 10.00 seconds'), { name: 'LambdaTimeout', $metadata: {} });
/** A network timeout on the reply: the SDK retries the same transaction. */
const lostReply = () => Object.assign(new Error('socket hang up'), { name: 'TimeoutError', $metadata: {} });

const t = { regionId: 'dbf-region', dealerId: `dbf-dealer-${randomUUID().slice(0, 6)}`, sku: 'DBF-1' };

beforeAll(async () => {
  const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  await ensureTable(admin, process.env.TABLE_NAME as string);
  admin.destroy();
  const updatedAt = new Date().toISOString();
  await regions.put({
    id: t.regionId,
    name: 'DB faults',
    countries: ['DE'],
    partnerManagerEmail: 'pm@dbf.example',
    regionalDirectorEmail: 'rd@dbf.example',
    updatedAt,
  });
  await dealers.put({
    id: t.dealerId,
    name: 'DB Faults Dealer',
    regionId: t.regionId,
    email: 'd@dbf.example',
    status: 'active',
    updatedAt,
  });
  await products.put({ sku: t.sku, name: 'Machine', productLine: 'milling', updatedAt });
});
afterEach(() => {
  fault = () => undefined;
  calls.length = 0;
});

async function post(body: unknown, idempotencyKey?: string) {
  const event = apiGatewayEvent({
    route: { method: 'POST', path: '/registrations' },
    path: '/registrations',
    headers: { 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    claims: { sub: 'u', 'cognito:groups': '[dealer]', 'custom:dealer_id': t.dealerId },
    body: { text: JSON.stringify(body), base64: false },
  });
  const response = await submit(event, lambdaContext('submit'));
  return { status: response.statusCode as number, body: JSON.parse(response.body as string), headers: response.headers ?? {} };
}

const mine = async () => (await registrations.listForDealer(t.dealerId, undefined, { limit: 100 })).items;

/**
 * Every item of this test's own table, hashed: what a failed write could have touched — locks, the open counter,
 * idempotency records, forecast cells and statistics, outbox messages, history, index keys — in one comparison.
 */
const table = () => tableReader(stack.dynamoDbUrl, stack.region, process.env.TABLE_NAME as string);
async function expectUnchangedBy<T>(action: () => Promise<T>): Promise<T> {
  const reader = table();
  const before = await reader.digest();
  const result = await action();
  const after = await reader.digest();
  reader.destroy();
  expect(digestDifference(before.items, after.items)).toEqual({ added: [], removed: [], changed: [] });
  expect(after.hash).toBe(before.hash);
  return result;
}

type Claims = Record<string, string>;
const dealerClaims: () => Claims = () => ({ sub: 'u', 'cognito:groups': '[dealer]', 'custom:dealer_id': t.dealerId });
const managerClaims: () => Claims = () => ({
  sub: 'pm',
  email: 'pm@dbf.example',
  'cognito:groups': '[partner_manager]',
  'custom:regions': t.regionId,
});

/** A change-path call (PATCH, decision, withdraw) straight to its handler. */
async function change(
  handler: typeof update,
  method: 'PATCH' | 'POST',
  path: string,
  pathParameters: Record<string, string>,
  claims: Claims,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const event = apiGatewayEvent({
    route: { method, path: path.replace(/reg_[0-9A-Za-z]+/, '{id}') },
    path,
    headers: { 'content-type': 'application/json', ...headers },
    claims,
    pathParameters,
    ...(body === undefined ? {} : { body: { text: JSON.stringify(body), base64: false } }),
  });
  const response = await handler(event, lambdaContext('change'));
  return { status: response.statusCode as number, body: response.body ? JSON.parse(response.body as string) : undefined };
}

async function submitted() {
  const response = await post(registrationBody({}, t.sku));
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('DynamoDB throttling', () => {
  it('is retried by the SDK: one throttled transaction still gives one registration', async () => {
    let throttled = 0;
    fault = (command, phase) =>
      command === 'TransactWriteItemsCommand' && phase === 'before' && throttled++ < 1 ? throttling() : undefined;
    const before = (await mine()).length;
    const response = await post(registrationBody({}, t.sku));
    expect(response.status).toBe(201);
    expect(calls.filter((c) => c === 'TransactWriteItemsCommand').length).toBeGreaterThanOrEqual(2);
    expect((await mine()).length).toBe(before + 1);
  });

  it('answers 503 with Retry-After when throttling persists, and writes nothing', async () => {
    fault = (command, phase) => (command === 'TransactWriteItemsCommand' && phase === 'before' ? throttling() : undefined);
    const before = (await mine()).length;
    const response = await expectUnchangedBy(() => post(registrationBody({}, t.sku)));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ status: 503, title: 'Busy' });
    expect((await mine()).length).toBe(before);
  });
});

describe('transaction conflicts', () => {
  it('are retried with backoff until the transaction goes through', async () => {
    let conflicts = 0;
    fault = (command, phase) => (command === 'TransactWriteItemsCommand' && phase === 'before' && conflicts++ < 2 ? conflict() : undefined);
    const before = (await mine()).length;
    expect((await post(registrationBody({}, t.sku))).status).toBe(201);
    expect(conflicts).toBe(3);
    expect((await mine()).length).toBe(before + 1);
  });

  it('answer 503 with Retry-After, not 500, when they persist, and write nothing', async () => {
    fault = (command, phase) => (command === 'TransactWriteItemsCommand' && phase === 'before' ? conflict() : undefined);
    const response = await expectUnchangedBy(() => post(registrationBody({}, t.sku)));
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    // Seven tries: the first and six retries after full-jitter pauses.
    expect(calls.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(7);
  });
});

describe('a timeout half-way', () => {
  it('before the write: nothing is stored, and the retry with the same key creates exactly one', async () => {
    fault = (command, phase) => (command === 'TransactWriteItemsCommand' && phase === 'before' ? timeout() : undefined);
    const body = registrationBody({}, t.sku);
    const key = randomUUID();
    const before = (await mine()).length;
    expect((await expectUnchangedBy(() => post(body, key))).status).toBeGreaterThanOrEqual(500);
    expect((await mine()).length).toBe(before);
    fault = () => undefined;
    const retry = await post(body, key);
    expect(retry.status).toBe(201);
    expect((await mine()).length).toBe(before + 1);
  });

  it('after the write: the lost answer is replayed to the retry, and nothing is stored twice', async () => {
    let lost = false;
    fault = (command, phase) => {
      if (command !== 'TransactWriteItemsCommand' || phase !== 'after' || lost) return undefined;
      lost = true;
      return timeout();
    };
    const body = registrationBody({}, t.sku);
    const key = randomUUID();
    const before = (await mine()).length;
    expect((await post(body, key)).status).toBeGreaterThanOrEqual(500);
    const stored = await mine();
    expect(stored.length).toBe(before + 1);
    const retry = await post(body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(stored[0]?.id);
    expect((await mine()).length).toBe(before + 1);
    // The stored registration is whole: its history and its forecast cell came with it in one transaction.
    const history = await registrations.history(retry.body.id, { limit: 10 });
    expect(history.items.map((e) => e.action)).toEqual(['submitted']);
  });

  it('a lost reply that the SDK retries is recognised as the write that went through', async () => {
    let lost = false;
    fault = (command, phase) => {
      if (command !== 'TransactWriteItemsCommand' || phase !== 'after' || lost) return undefined;
      lost = true;
      return lostReply();
    };
    const before = (await mine()).length;
    const response = await post(registrationBody({}, t.sku));
    expect(response.status).toBe(201);
    expect((await mine()).length).toBe(before + 1);
    expect((await mine()).map((r) => r.id)).toContain(response.body.id);
  });
});

describe('faults on the change paths', () => {
  const persistently = (make: () => Error) => (command: string, phase: 'before' | 'after') =>
    command === 'TransactWriteItemsCommand' && phase === 'before' ? make() : undefined;
  const cases: [string, (id: string) => Promise<{ status: number }>][] = [
    [
      'PATCH',
      (id) =>
        change(
          update,
          'PATCH',
          `/registrations/${id}`,
          { id },
          dealerClaims(),
          { stage: 'late', expectedValue: { amount: 1_000, currency: 'EUR' } },
          { 'if-match': '"1"' },
        ),
    ],
    ['decision', (id) => change(decide, 'POST', `/registrations/${id}/decision`, { id }, managerClaims(), { decision: 'approve' })],
    ['withdraw', (id) => change(withdraw, 'POST', `/registrations/${id}/withdraw`, { id }, dealerClaims())],
  ];

  it.each(cases)('%s: persistent throttling answers 503 and changes no item', async (_, run) => {
    const id = await submitted();
    fault = persistently(throttling);
    const response = await expectUnchangedBy(() => run(id));
    expect(response.status).toBe(503);
    fault = () => undefined;
    // The same change goes through once the database answers again.
    expect((await run(id)).status).toBe(200);
  });

  it.each(cases)('%s: a timeout before the write changes no item', async (_, run) => {
    const id = await submitted();
    fault = persistently(timeout);
    expect((await expectUnchangedBy(() => run(id))).status).toBeGreaterThanOrEqual(500);
    fault = () => undefined;
    expect((await run(id)).status).toBe(200);
  });
});
