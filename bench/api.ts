/**
 * Part "api": registration submissions through the local HTTP stack at 1, 8 and 32 concurrent clients, beside the
 * floor (the minimal operations of a submission — context read, near-duplicate lookup, transaction — issued
 * directly with the SDK at the same concurrency) and the previous floor without the lookup, each run started once
 * the outbox has delivered what the run before it wrote; where a submission's
 * time goes, step by step; and the capacity units each main operation consumes. Part "capacity" is the last alone.
 */

import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys, OUTBOX_SHARDS } from '../shared/db/keys.js';
import { registrationFromItem } from '../shared/db/registration-repository.js';
import type { RegistrationInput } from '../shared/schemas/registration.js';
import type { Dealer } from '../shared/schemas/setup.js';
import { type Channel, setUpChannel } from './channel.js';
import { cpuMeter } from './cpu.js';
import { DealSource } from './deals.js';
import { DirectOps, type Submission } from './direct-ops.js';
import { documentClientFor } from './dynamo.js';
import { call } from './http.js';
import { alarm, printTable, progress } from './output.js';
import { inParallel } from './parallel.js';
import { profiled } from './sdk-calls.js';
import { type BenchStack, withStack } from './stack.js';
import { type LatencySummary, latencies, median, percentile, round } from './stats.js';

const LEVELS = [
  { clients: 1, requests: 200 },
  { clients: 8, requests: 600 },
  { clients: 32, requests: 1500 },
];
const DEALERS = 8;
const WARM_UP = 300;
const PROFILED = 100;
const LIST_PAGE = 25;

/** Submission bodies, each for a new customer, round-robin over the dealers, with each dealer's token. */
class Submissions {
  private readonly deals: DealSource;
  private count = 0;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly channel: Channel) {
    this.deals = new DealSource(channel, 42);
  }

  async signTokens(stack: BenchStack) {
    for (const dealer of this.channel.dealers) this.tokens.set(dealer.id, await stack.token({ role: 'dealer', dealerId: dealer.id }));
  }

  next(): { dealer: Dealer; input: RegistrationInput; token: string } {
    const dealer = this.channel.dealers[this.count++ % this.channel.dealers.length] as Dealer;
    return { dealer, input: this.deals.input(dealer), token: this.tokens.get(dealer.id) as string };
  }

  newId() {
    return this.deals.id();
  }
}

interface RunSummary extends LatencySummary {
  requestsPerSecond: number;
  failures: Record<string, number>;
  /** CPU per request of the stack process (HTTP API + SES), of DynamoDB Local and of this client process. */
  cpuMsPerRequest: Record<string, number | undefined>;
}

async function measure(
  stack: BenchStack,
  requests: number,
  clients: number,
  request: (index: number) => Promise<number | string>,
): Promise<RunSummary> {
  const ms: number[] = [];
  const failures: Record<string, number> = {};
  const cpuUsed = cpuMeter(stack.pids);
  const wall = await inParallel(requests, clients, async (index) => {
    const start = performance.now();
    const outcome = await request(index).catch((error: unknown) => (error as Error).name || 'error');
    ms.push(performance.now() - start);
    if (outcome !== 201) failures[outcome] = (failures[outcome] ?? 0) + 1;
  });
  const cpu = Object.entries(cpuUsed()).map(([name, used]) => [name, used === undefined ? undefined : round(used / requests)]);
  return { requestsPerSecond: round(requests / (wall / 1000)), ...latencies(ms), failures, cpuMsPerRequest: Object.fromEntries(cpu) };
}

const submitOverHttp = (stack: BenchStack, submissions: Submissions) => async () => {
  const { input, token } = submissions.next();
  return (await call(stack.apiUrl, 'POST', '/registrations', { token, body: input })).status;
};

/**
 * The floor: submissions built before the clock starts, then each one's context read, near-duplicate lookup and
 * transaction (without the lookup: the previous floor).
 */
async function direct(stack: BenchStack, submissions: Submissions, ops: DirectOps, requests: number, clients: number, lookup = true) {
  const prepared: Submission[] = [];
  for (let i = 0; i < requests; i++) {
    const { dealer, input } = submissions.next();
    prepared.push(await ops.submission(dealer, submissions.newId(), input, new Date()));
  }
  return measure(stack, requests, clients, async (i) => {
    await ops.submit(prepared[i] as Submission, lookup);
    return 201;
  });
}

/** Give up waiting for the outbox after this long (mails go out at the SES emulator's sending rate). */
const DRAIN_TIMEOUT_MS = 240_000;

/**
 * Waits until the stream consumer has delivered every waiting outbox message (none left in GSI7's waiting shards),
 * so that no run is measured while the stack still delivers the mails and events of the run before it.
 */
async function outboxDrained(db: DynamoDBDocumentClient, stack: BenchStack) {
  const started = performance.now();
  for (;;) {
    const counts = await Promise.all(
      Array.from({ length: OUTBOX_SHARDS }, async (_, shard) => {
        const page = await db.send(
          new QueryCommand({
            TableName: stack.tableName,
            IndexName: 'GSI7',
            KeyConditionExpression: 'GSI7PK = :p',
            ExpressionAttributeValues: { ':p': keys.outboxPartition(shard) },
            Select: 'COUNT',
          }),
        );
        return page.Count ?? 0;
      }),
    );
    const waiting = counts.reduce((a, b) => a + b, 0);
    if (waiting === 0) return;
    if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      alarm(`outbox still holds ${waiting} messages after ${DRAIN_TIMEOUT_MS / 1000} s; measuring anyway`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function throughput(stack: BenchStack, submissions: Submissions, ops: DirectOps, db: DynamoDBDocumentClient) {
  const levels = [];
  for (const { clients, requests } of LEVELS) {
    await outboxDrained(db, stack);
    progress(`api: ${requests} submissions over HTTP with ${clients} clients`);
    const http = await measure(stack, requests, clients, submitOverHttp(stack, submissions));
    await outboxDrained(db, stack);
    progress(`api: ${requests} context reads + lookups + transactions direct with ${clients} clients`);
    const floor = await direct(stack, submissions, ops, requests, clients);
    await outboxDrained(db, stack);
    progress(`api: ${requests} context reads + transactions direct (the previous floor) with ${clients} clients`);
    const previousFloor = await direct(stack, submissions, ops, requests, clients, false);
    levels.push({
      clients,
      requests,
      http,
      floor,
      previousFloor,
      // Targets: p50 HTTP ÷ floor ≤ 1.5, throughput HTTP ÷ floor ≥ 0.8.
      p50Ratio: round(http.p50 / floor.p50, 2),
      throughputRatio: round(http.requestsPerSecond / floor.requestsPerSecond, 2),
      previousFloorP50Ratio: round(http.p50 / previousFloor.p50, 2),
      previousFloorThroughputRatio: round(http.requestsPerSecond / previousFloor.requestsPerSecond, 2),
    });
  }
  return levels;
}

/** Sequential submissions with the handlers' SDK calls recorded: where one submission's time goes. */
async function profile(stack: BenchStack, submissions: Submissions) {
  progress(`api: ${PROFILED} sequential submissions with their SDK calls timed`);
  const request = submitOverHttp(stack, submissions);
  const totals: number[] = [];
  const waits: number[] = [];
  const trips: number[] = [];
  const byOperation = new Map<string, number[]>();
  const order: string[] = [];
  const inBackground = new Map<string, number>();
  for (let i = 0; i < PROFILED; i++) {
    const { result: status, ms, calls, background, waitedMs, roundTrips } = await profiled(stack, request);
    if (status !== 201) throw new Error(`profiled submission answered ${status}`);
    totals.push(ms);
    waits.push(waitedMs);
    trips.push(roundTrips);
    for (const c of calls) {
      if (!byOperation.has(c.operation)) order.push(c.operation);
      byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c.end - c.start]);
    }
    for (const c of background) inBackground.set(c.operation, (inBackground.get(c.operation) ?? 0) + 1);
  }
  return {
    requests: PROFILED,
    latencyP50: round(median(totals)),
    waitingOnSdkP50: round(median(waits)),
    outsideSdkP50: round(median(totals.map((t, i) => t - (waits[i] as number)))),
    roundTripsP50: median(trips),
    /** Calls per request the stream consumer made meanwhile (delivering earlier submissions' outbox messages). */
    backgroundPerRequest: Object.fromEntries([...inBackground].map(([operation, n]) => [operation, round(n / PROFILED, 2)])),
    operations: order.map((operation) => {
      const ms = byOperation.get(operation) as number[];
      return {
        operation,
        perRequest: round(ms.length / PROFILED, 2),
        p50: round(median(ms), 2),
        p95: round(percentile(ms, 95), 2),
        totalPerRequestMs: round(ms.reduce((a, b) => a + b, 0) / PROFILED, 2),
      };
    }),
  };
}

/** Capacity units in total, on the table and on each index (what ReturnConsumedCapacity INDEXES adds to TOTAL). */
function capacityOf(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined) {
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  const indexes: Record<string, number> = {};
  for (const c of list) {
    for (const [name, index] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
      indexes[name] = (indexes[name] ?? 0) + (index.CapacityUnits ?? 0);
  }
  const sum = (pick: (c: ConsumedCapacity) => number | undefined) => list.reduce((total, c) => total + (pick(c) ?? 0), 0);
  return { units: sum((c) => c.CapacityUnits), table: sum((c) => c.Table?.CapacityUnits), indexes };
}

/**
 * Capacity units of the main operations, from direct calls that mirror them, on a dealer with many registrations.
 * INDEXES is TOTAL plus the split between the table and each index.
 */
async function consumedCapacity(db: DynamoDBDocumentClient, stack: BenchStack, ops: DirectOps, submissions: Submissions) {
  progress('api: consumed capacity per operation');
  const CAPACITY = 'INDEXES' as const;
  const { dealer, input } = submissions.next();
  const submission = await ops.submission(dealer, submissions.newId(), input, new Date());
  const table = stack.tableName;
  const contextRead = ops.contextRead(submission);
  const { context, lookup, create, items: createItems } = await ops.submitMeasured(submission, { ReturnConsumedCapacity: CAPACITY });
  const get = await db.send(
    new GetCommand({
      TableName: table,
      Key: keys.registration(submission.registration.id),
      ConsistentRead: true,
      ReturnConsumedCapacity: CAPACITY,
    }),
  );
  const list = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'GSI6',
      KeyConditionExpression: 'GSI6PK = :p',
      ExpressionAttributeValues: { ':p': keys.dealerRegistrationsPartition(dealer.id) },
      ScanIndexForward: false,
      Limit: LIST_PAGE,
      ReturnConsumedCapacity: CAPACITY,
    }),
  );
  // The lean indexes copy only part of a registration: a page's registrations are then read by key.
  const itemsOf = (entries: Record<string, unknown>[] | undefined) =>
    db.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: (entries ?? []).slice(0, LIST_PAGE).map((e) => ({ PK: e.PK, SK: e.SK })) } },
        ReturnConsumedCapacity: CAPACITY,
      }),
    );
  const listItems = await itemsOf(list.Items);
  const queue = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'GSI7',
      KeyConditionExpression: 'GSI7PK = :p',
      ExpressionAttributeValues: { ':p': keys.reviewQueuePartition(dealer.regionId) },
      Limit: LIST_PAGE + 1,
      ReturnConsumedCapacity: CAPACITY,
    }),
  );
  const queueItems = await itemsOf(queue.Items);
  const previous = registrationFromItem(get.Item as Record<string, unknown>);
  const change = { expectedValue: { ...previous.expectedValue, amount: previous.expectedValue.amount + 100_000 } };
  const updateItems = await ops.update(dealer, previous, change, new Date());
  const update = await db.send(new TransactWriteCommand({ TransactItems: updateItems, ReturnConsumedCapacity: CAPACITY }));
  const registrationBytes = Buffer.byteLength(JSON.stringify(get.Item));
  return [
    {
      operation: 'BatchGetItem submission context (dealer, tier, agreement, program, rules, name block, SKUs; consistent)',
      unit: 'RCU',
      items: contextRead.RequestItems?.[table]?.Keys?.length ?? 0,
      ...capacityOf(context.ConsumedCapacity),
    },
    {
      operation: 'Query near-duplicate candidates (GSI8)',
      unit: 'RCU',
      items: lookup.Items?.length ?? 0,
      ...capacityOf(lookup.ConsumedCapacity),
    },
    {
      operation: 'TransactWriteItems submit (target ≤ 32 WCU)',
      unit: 'WCU',
      items: createItems,
      ...capacityOf(create.ConsumedCapacity),
    },
    {
      operation: `GetItem registration (consistent, ~${registrationBytes} B as JSON)`,
      unit: 'RCU',
      items: 1,
      ...capacityOf(get.ConsumedCapacity),
    },
    {
      operation: `Query dealer list page (GSI6, ${LIST_PAGE}) + BatchGetItem of its registrations`,
      unit: 'RCU',
      items: list.Items?.length ?? 0,
      ...capacityOf([...(list.ConsumedCapacity ? [list.ConsumedCapacity] : []), ...(listItems.ConsumedCapacity ?? [])]),
    },
    {
      operation: `Query review queue page (GSI7, ${LIST_PAGE}+1) + BatchGetItem of its registrations`,
      unit: 'RCU',
      items: queue.Items?.length ?? 0,
      ...capacityOf([...(queue.ConsumedCapacity ? [queue.ConsumedCapacity] : []), ...(queueItems.ConsumedCapacity ?? [])]),
    },
    {
      operation: 'TransactWriteItems update (PATCH expectedValue; target ≤ 24 WCU)',
      unit: 'WCU',
      items: updateItems.length,
      ...capacityOf(update.ConsumedCapacity),
    },
  ];
}

/** Part "capacity": only the consumed-capacity table, on a fresh stack with a few hundred registrations. */
export async function capacityBench() {
  return withStack(async (stack) => {
    const channel = await setUpChannel(stack, DEALERS);
    const submissions = new Submissions(channel);
    const db = documentClientFor(stack);
    const ops = new DirectOps(db, stack, channel);
    progress(`capacity: ${WARM_UP} submissions direct`);
    await direct(stack, submissions, ops, WARM_UP, 8);
    const capacity = await consumedCapacity(db, stack, ops, submissions);
    db.destroy();
    printCapacity(capacity);
    return { consumedCapacity: capacity };
  });
}

export async function apiBench() {
  return withStack(async (stack) => {
    const channel = await setUpChannel(stack, DEALERS);
    const submissions = new Submissions(channel);
    await submissions.signTokens(stack);
    const db = documentClientFor(stack);
    const ops = new DirectOps(db, stack, channel);

    // The JVM of DynamoDB Local and the API process compile their hot paths during the first few hundred requests.
    progress(`api: ${WARM_UP} warm-up submissions over HTTP and ${WARM_UP} direct`);
    await measure(stack, WARM_UP, 8, submitOverHttp(stack, submissions));
    await direct(stack, submissions, ops, WARM_UP, 8);

    const levels = await throughput(stack, submissions, ops, db);
    await outboxDrained(db, stack);
    const steps = await profile(stack, submissions);
    const capacity = await consumedCapacity(db, stack, ops, submissions);
    db.destroy();

    printApi(levels, steps, capacity);
    return { levels, profile: steps, consumedCapacity: capacity };
  });
}

function printApi(
  levels: Awaited<ReturnType<typeof throughput>>,
  steps: Awaited<ReturnType<typeof profile>>,
  capacity: Awaited<ReturnType<typeof consumedCapacity>>,
) {
  printTable(
    'POST /registrations over HTTP vs. the floor (BatchGetItem context + Query GSI8 near-duplicates + TransactWriteItems, direct with the SDK); latency in ms',
    [
      'clients',
      'requests',
      'HTTP req/s',
      'p50',
      'p95',
      'p99',
      'floor req/s',
      'p50',
      'p95',
      'p99',
      'p50 HTTP÷floor (≤1.5)',
      'req/s HTTP÷floor (≥0.8)',
    ],
    levels.map((l) => [
      l.clients,
      l.requests,
      l.http.requestsPerSecond,
      l.http.p50,
      l.http.p95,
      l.http.p99,
      l.floor.requestsPerSecond,
      l.floor.p50,
      l.floor.p95,
      l.floor.p99,
      l.p50Ratio,
      l.throughputRatio,
    ]),
  );
  printTable(
    'The new floor beside the previous one (BatchGetItem + TransactWriteItems only, no near-duplicate lookup)',
    ['clients', 'floor req/s', 'p50', 'previous floor req/s', 'p50', 'p50 HTTP÷previous floor', 'req/s HTTP÷previous floor'],
    levels.map((l) => [
      l.clients,
      l.floor.requestsPerSecond,
      l.floor.p50,
      l.previousFloor.requestsPerSecond,
      l.previousFloor.p50,
      l.previousFloorP50Ratio,
      l.previousFloorThroughputRatio,
    ]),
  );
  const cpu = (run: RunSummary, name: string) => run.cpuMsPerRequest[name];
  printTable(
    'CPU per request (ms): the stack process (HTTP API + handlers + SES emulator), DynamoDB Local (JVM), this client',
    ['clients', 'HTTP: API process', 'DynamoDB Local', 'client', 'floor: DynamoDB Local', 'client'],
    levels.map((l) => [
      l.clients,
      cpu(l.http, 'api'),
      cpu(l.http, 'dynamoDb'),
      cpu(l.http, 'client'),
      cpu(l.floor, 'dynamoDb'),
      cpu(l.floor, 'client'),
    ]),
  );
  for (const l of levels) {
    for (const [side, run] of [
      ['HTTP', l.http],
      ['floor', l.floor],
      ['previous floor', l.previousFloor],
    ] as const) {
      if (Object.keys(run.failures).length) alarm(`${side} at ${l.clients} clients: failures ${JSON.stringify(run.failures)}`);
    }
  }
  printTable(
    `One submission, step by step (${steps.requests} sequential; its handler's SDK calls, timed inside the server; ms)`,
    ['operation', 'calls/request', 'p50 per call', 'p95 per call', 'mean total/request'],
    steps.operations.map((o) => [o.operation, o.perRequest, o.p50, o.p95, o.totalPerRequestMs]),
  );
  console.log(
    `request p50 ${steps.latencyP50} ms = waiting on DynamoDB/SES (calls overlapped once) p50 ${steps.waitingOnSdkP50} ms` +
      ` + outside the SDK (HTTP, JWT, validation, rules, mail rendering) p50 ${steps.outsideSdkP50} ms;` +
      ` round trips (overlapping calls count once) p50 ${steps.roundTripsP50}`,
  );
  const background = Object.entries(steps.backgroundPerRequest).map(([operation, n]) => `${operation} ${n}`);
  console.log(
    `meanwhile, off the request path (the stream consumer delivering the outbox), calls per request: ${background.join(', ') || 'none'}`,
  );
  printCapacity(capacity);
}

function printCapacity(capacity: Awaited<ReturnType<typeof consumedCapacity>>) {
  printTable(
    'Consumed capacity per operation (ReturnConsumedCapacity, as DynamoDB Local reports it)',
    ['operation', 'items', 'unit', 'total', 'table', 'indexes'],
    capacity.map((c) => [
      c.operation,
      c.items,
      c.unit,
      c.units,
      c.table,
      Object.entries(c.indexes)
        .sort()
        .map(([name, units]) => `${name} ${units}`)
        .join(', ') || '–',
    ]),
  );
}
