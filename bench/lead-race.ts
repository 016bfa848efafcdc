/**
 * Part "lead-race": the capacity race as the issue states it — 200 lead creations sent at once (every request on
 * the wire before the first answer) over the 10 dealers of one region, on a fresh stack with nothing else running
 * against it. It reports what the conditional counters let through (never more than a dealer's capacity), the
 * answers by status and the latencies; and where the time goes: the handlers' SDK calls per creation (the outbox's
 * deliveries included) and the CPU the stack process and DynamoDB Local used during the race.
 */
import { cpuMeter } from './cpu.js';
import { call, expectStatus, type Timed } from './http.js';
import { printTable, progress } from './output.js';
import { inParallel } from './parallel.js';
import type { BenchStack, SdkCall } from './stack.js';
import { withStack } from './stack.js';
import { latencies, round } from './stats.js';

const LEADS = 200;
const DEALERS = 10;
/** Bronze, the tier of a dealer never evaluated: `leads.capacityByTier` default. */
const CAPACITY = 5;

const leadBody = (regionId: string, n: number) => ({
  customer: { name: `Race Kunde ${n} Ltd`, country: 'CY', city: 'Limassol', postalCode: '3035' },
  contact: { name: 'Eleni Georgiou', email: `eleni.${n}@race.example` },
  interest: { productLines: ['milling'] },
  source: 'Bench race',
  expectedValue: { amount: 10_000_000, currency: 'EUR' },
  regionId,
});

async function region(stack: BenchStack, admin: string, id: string, country: string, dealers: number) {
  const put = (path: string, body: unknown) => expectStatus(200, stack.apiUrl, 'PUT', path, { token: admin, body });
  await put(`/regions/${id}`, {
    name: id,
    countries: [country],
    partnerManagerEmail: `pm-${id}@manufacturer.example`,
    regionalDirectorEmail: `rd-${id}@manufacturer.example`,
  });
  const ids = Array.from({ length: dealers }, (_, i) => `${id}-dealer-${String(i + 1).padStart(2, '0')}`);
  await Promise.all(ids.map((d) => put(`/dealers/${d}`, { name: d, regionId: id, email: `${d}@dealer.example`, status: 'active' })));
  return ids;
}

/**
 * The handlers' SDK calls during the race (the outbox's deliveries included), per creation and operation, with how
 * many failed and how long they took from send to answer (socket queueing included).
 */
function sdkCallsPer(calls: SdkCall[], creations: number) {
  const byOperation = new Map<string, SdkCall[]>();
  for (const c of calls) byOperation.set(c.operation, [...(byOperation.get(c.operation) ?? []), c]);
  return Object.fromEntries(
    [...byOperation].map(([operation, of]) => [
      operation,
      {
        perCreation: round(of.length / creations, 2),
        failed: of.filter((c) => c.error).length,
        ms: latencies(of.map((c) => c.end - c.start)),
      },
    ]),
  );
}

export async function leadRaceBench() {
  return withStack(async (stack) => {
    const admin = await stack.token({ role: 'channel_admin' });
    // Warm-up elsewhere (another region, another country), so the race's dealers start empty.
    await region(stack, admin, 'race-warm', 'MT', 2);
    progress('lead-race: 40 warm-up creations, 4 at a time');
    await inParallel(40, 4, async (i) => {
      await expectStatus(201, stack.apiUrl, 'POST', '/leads', {
        token: admin,
        body: { ...leadBody('race-warm', i), customer: { name: `Warm ${i} Ltd`, country: 'MT', city: 'Valletta' } },
      });
    });

    const dealerIds = await region(stack, admin, 'race', 'CY', DEALERS);
    progress(`lead-race: ${LEADS} creations at once over ${DEALERS} dealers`);
    await stack.recordSdkCalls();
    const cpu = cpuMeter(stack.pids);
    const start = performance.now();
    const answers: Timed<{ status?: string; offeredTo?: string }>[] = await Promise.all(
      Array.from({ length: LEADS }, (_, n) =>
        call<{ status?: string; offeredTo?: string }>(stack.apiUrl, 'POST', '/leads', { token: admin, body: leadBody('race', n) }),
      ),
    );
    const wallMs = performance.now() - start;
    const cpuMs = cpu();
    const calls = await stack.takeSdkCalls();

    const perDealer = new Map<string, number>();
    for (const a of answers) if (a.body.offeredTo) perDealer.set(a.body.offeredTo, (perDealer.get(a.body.offeredTo) ?? 0) + 1);
    const listed = await Promise.all(
      dealerIds.map(async (dealerId) => {
        const token = await stack.token({ role: 'dealer', dealerId });
        const page = await expectStatus<{ items: unknown[] }>(200, stack.apiUrl, 'GET', '/leads?status=offered&limit=100', { token });
        return page.body.items.length;
      }),
    );
    const byStatus: Record<string, number> = {};
    for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    const result = {
      leads: LEADS,
      dealers: DEALERS,
      capacityEach: CAPACITY,
      offered: [...perDealer.values()].reduce((a, b) => a + b, 0),
      unassigned: answers.filter((a) => a.body.status === 'unassigned').length,
      mostOffersOfOneDealer: Math.max(0, ...perDealer.values()),
      mostOffersListedByOneDealer: Math.max(...listed),
      answersByStatus: byStatus,
      serverErrors: answers.filter((a) => a.status >= 500).length,
      wallSeconds: round(wallMs / 1000, 1),
      latencyMs: latencies(answers.map((a) => a.ms)),
      sdkCallsPerCreation: sdkCallsPer(calls, LEADS),
      cpuMsDuringRace: cpuMs,
    };
    printTable(
      `POST /leads: ${LEADS} at once over ${DEALERS} dealers of capacity ${CAPACITY} (latency in ms)`,
      ['offered', 'unassigned', 'max per dealer', 'answers', '5xx', 'wall s', 'p50', 'p95', 'max'],
      [
        [
          result.offered,
          result.unassigned,
          result.mostOffersOfOneDealer,
          Object.entries(byStatus)
            .map(([status, n]) => `${status} ×${n}`)
            .join(', '),
          result.serverErrors,
          result.wallSeconds,
          result.latencyMs.p50,
          result.latencyMs.p95,
          result.latencyMs.max,
        ],
      ],
    );
    printTable(
      'SDK calls during the race, per creation (send to answer, ms)',
      ['operation', 'per creation', 'failed', 'p50', 'p95', 'max'],
      Object.entries(result.sdkCallsPerCreation).map(([operation, c]) => [
        operation,
        c.perCreation,
        c.failed,
        c.ms.p50,
        c.ms.p95,
        c.ms.max,
      ]),
    );
    printTable(
      'CPU during the race (ms): the stack process (handlers, SES emulator), DynamoDB Local, this client',
      ['stack', 'DynamoDB Local', 'client'],
      [[cpuMs.api ?? '?', cpuMs.dynamoDb ?? '?', cpuMs.client ?? '?']],
    );
    return result;
  });
}
