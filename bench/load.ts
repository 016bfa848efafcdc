/**
 * Part "load": a steady mixed workload through HTTP for a fixed time — create 20 %, list 30 %, get 40 %, patch 10 %
 * (If-Match from the user's last read) — by virtual users, two per dealer, each waiting for its answer before the
 * next request.
 */
import type { Dealer } from '../shared/schemas/setup.js';
import { setUpChannel } from './channel.js';
import { DealSource, pick } from './deals.js';
import type { Random } from './forecast-quality/random.js';
import { call, expectStatus, type Timed } from './http.js';
import { alarm, printTable, progress } from './output.js';
import { inParallel } from './parallel.js';
import { type BenchStack, withStack } from './stack.js';
import { latencies, round } from './stats.js';

const DEALERS = 8;
const USERS_PER_DEALER = 2;
const SEEDED_PER_DEALER = 20;
const OPERATIONS = ['create', 'list', 'get', 'patch'] as const;
type Operation = (typeof OPERATIONS)[number];
const MIX: [Operation, number][] = [
  ['create', 0.2],
  ['list', 0.3],
  ['get', 0.4],
  ['patch', 0.1],
];
const STAGES = ['early', 'mid', 'late'] as const;

interface Recorded {
  ms: number[];
  statuses: Map<number, number>;
}

const versionOf = (response: Timed<unknown>) => Number(/\d+/.exec(response.headers.get('etag') ?? '')?.[0]);

/** One dealer user: creates, lists, reads and updates its dealer's registrations, one request at a time. */
class VirtualUser {
  private lastRead: { id: string; version: number } | undefined;
  private patches = 0;

  constructor(
    private readonly stack: BenchStack,
    private readonly dealer: Dealer,
    private readonly token: string,
    /** The dealer's registration ids, shared with the dealer's other user. */
    private readonly pool: string[],
    private readonly deals: DealSource,
    private readonly random: Random,
    private readonly record: (operation: Operation, response: Timed<unknown>) => void,
  ) {}

  private chooseOperation(): Operation {
    let r = this.random();
    for (const [operation, share] of MIX) {
      r -= share;
      if (r < 0) return operation;
    }
    return 'get';
  }

  async step() {
    const { stack, token } = this;
    let operation = this.chooseOperation();
    if (operation === 'patch' && !this.lastRead) operation = 'get';
    switch (operation) {
      case 'create': {
        const response = await call<{ id: string }>(stack.apiUrl, 'POST', '/registrations', { token, body: this.deals.input(this.dealer) });
        if (response.status === 201) this.pool.push(response.body.id);
        return this.record(operation, response);
      }
      case 'list':
        return this.record(operation, await call(stack.apiUrl, 'GET', '/registrations?limit=25', { token }));
      case 'get': {
        const id = pick(this.random, this.pool);
        const response = await call(stack.apiUrl, 'GET', `/registrations/${id}`, { token });
        if (response.status === 200) this.lastRead = { id, version: versionOf(response) };
        return this.record(operation, response);
      }
      case 'patch': {
        const read = this.lastRead as { id: string; version: number };
        const response = await call(stack.apiUrl, 'PATCH', `/registrations/${read.id}`, {
          token,
          headers: { 'if-match': `"${read.version}"` },
          body: { stage: pick(this.random, STAGES), nextSteps: `Follow-up call ${++this.patches}` },
        });
        this.lastRead = response.status === 200 ? { id: read.id, version: versionOf(response) } : undefined;
        return this.record(operation, response);
      }
    }
  }
}

export interface LoadFigures {
  seconds: number;
  users: number;
  dealers: number;
  totalRequests: number;
  requestsPerSecond: number;
  serverErrors: number;
  clientErrorsByStatus: Record<string, number>;
  operations: Record<Operation, { requests: number; statuses: Record<string, number>; p50: number; p95: number; p99: number; max: number }>;
}

export async function loadBench(seconds: number): Promise<LoadFigures> {
  return withStack(async (stack) => {
    const channel = await setUpChannel(stack, DEALERS);
    const deals = new DealSource(channel, 7);
    const pools = new Map<string, string[]>(channel.dealers.map((d) => [d.id, []]));
    const tokens = new Map<string, string>();
    for (const dealer of channel.dealers) tokens.set(dealer.id, await stack.token({ role: 'dealer', dealerId: dealer.id }));

    progress(`load: ${SEEDED_PER_DEALER} registrations for each of ${DEALERS} dealers first`);
    await inParallel(DEALERS * SEEDED_PER_DEALER, 4, async (i) => {
      const dealer = channel.dealers[i % DEALERS] as Dealer;
      const token = tokens.get(dealer.id) as string;
      const created = await expectStatus<{ id: string }>(201, stack.apiUrl, 'POST', '/registrations', { token, body: deals.input(dealer) });
      pools.get(dealer.id)?.push(created.body.id);
    });

    const recorded = new Map<Operation, Recorded>(OPERATIONS.map((o) => [o, { ms: [], statuses: new Map() }]));
    const record = (operation: Operation, response: Timed<unknown>) => {
      const r = recorded.get(operation) as Recorded;
      r.ms.push(response.ms);
      r.statuses.set(response.status, (r.statuses.get(response.status) ?? 0) + 1);
    };
    const users = channel.dealers.flatMap((dealer) =>
      Array.from(
        { length: USERS_PER_DEALER },
        () =>
          new VirtualUser(stack, dealer, tokens.get(dealer.id) as string, pools.get(dealer.id) as string[], deals, deals.random, record),
      ),
    );

    progress(`load: ${users.length} virtual users for ${seconds} s`);
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(
      users.map(async (user) => {
        while (performance.now() < end) await user.step();
      }),
    );
    const elapsed = (performance.now() - start) / 1000;

    const figures = summarise(recorded, elapsed, users.length);
    printLoad(figures);
    return figures;
  });
}

function summarise(recorded: Map<Operation, Recorded>, elapsed: number, users: number): LoadFigures {
  const operations = {} as LoadFigures['operations'];
  const clientErrorsByStatus: Record<string, number> = {};
  let totalRequests = 0;
  let serverErrors = 0;
  for (const [operation, { ms, statuses }] of recorded) {
    const { count, ...summary } = latencies(ms);
    operations[operation] = { requests: count, statuses: Object.fromEntries(statuses), ...summary };
    totalRequests += count;
    for (const [status, n] of statuses) {
      if (status >= 500) serverErrors += n;
      else if (status >= 400) clientErrorsByStatus[status] = (clientErrorsByStatus[status] ?? 0) + n;
    }
  }
  return {
    seconds: round(elapsed, 1),
    users,
    dealers: DEALERS,
    totalRequests,
    requestsPerSecond: round(totalRequests / elapsed),
    serverErrors,
    clientErrorsByStatus,
    operations,
  };
}

function printLoad(f: LoadFigures) {
  printTable(
    `Mixed load: ${f.users} virtual users over ${f.dealers} dealers for ${f.seconds} s — ${f.totalRequests.toLocaleString('en-US')} requests, ${f.requestsPerSecond} req/s (latency in ms)`,
    ['operation', 'requests', 'share', 'p50', 'p95', 'p99', 'max', 'statuses'],
    OPERATIONS.map((o) => {
      const op = f.operations[o];
      return [
        o,
        op.requests,
        `${round((100 * op.requests) / f.totalRequests)} %`,
        op.p50,
        op.p95,
        op.p99,
        op.max,
        Object.entries(op.statuses)
          .map(([status, n]) => `${status}×${n}`)
          .join(' '),
      ];
    }),
  );
  console.log(`5xx: ${f.serverErrors}; 4xx by status: ${JSON.stringify(f.clientErrorsByStatus)}`);
  if (f.serverErrors > 0) {
    alarm(`${f.serverErrors} server errors (5xx) under load — there must be none`);
    process.exitCode = 1;
  }
}
