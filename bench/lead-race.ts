/**
 * Part "lead-race": the capacity race as the issue states it — 200 lead creations sent at once (every request on
 * the wire before the first answer) over the 10 dealers of one region, on a fresh stack with nothing else running
 * against it. It reports what the conditional counters let through (never more than a dealer's capacity), the
 * answers by status, and the latencies — which on this machine show why the test suite sends them 8 at a time.
 */
import { call, expectStatus, type Timed } from './http.js';
import { printTable, progress } from './output.js';
import { inParallel } from './parallel.js';
import type { BenchStack } from './stack.js';
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
    const start = performance.now();
    const answers: Timed<{ status?: string; offeredTo?: string }>[] = await Promise.all(
      Array.from({ length: LEADS }, (_, n) =>
        call<{ status?: string; offeredTo?: string }>(stack.apiUrl, 'POST', '/leads', { token: admin, body: leadBody('race', n) }),
      ),
    );
    const wallMs = performance.now() - start;

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
    return result;
  });
}
