/**
 * Hostile input that reaches the code. Every route of the route table has a valid sample (test/fuzz/samples.ts);
 * a positive control sends each unchanged and needs it to succeed, so a validator that refuses everything, or a
 * 403 for everyone, fails here. Then mutations derived from each route's own schemas (test/fuzz/mutations.ts):
 *
 * - valid requests with hostile content — full Unicode (NFKD-expanding, combining, astral, bidi isolates, other
 *   scripts), text exactly at its maximum length, valid query variants and cursors, header values the route
 *   takes, CSV bodies, schema-valid ids that do not exist, forged cursors — must succeed or fail cleanly (4xx);
 * - invalid requests — wrong types, unknown and prototype keys, refused characters, max+1 lengths, broken JSON,
 *   wrong content types, bad path ids and raw escapes, bad query values at the calendar's edges, bad headers, bad
 *   tokens — must be refused with a 4xx and change nothing: a digest of every item of the table (not a count) is
 *   the same before and after each batch of them.
 *
 * No answer may be a 5xx. The seed is printed; `FUZZ_SEED=<n>` replays a run. Runs in the isolated project, where
 * nothing else writes meanwhile.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { RouteDefinition } from '../../../shared/api/route-contract.js';
import { routeKey, routes } from '../../../shared/api/routes.js';
import { Choices, mutate, type RouteFuzz } from '../../fuzz/mutations.js';
import { type Attempt, isClean, send } from '../../fuzz/requests.js';
import { type FuzzContext, fuzzContext, SAMPLES } from '../../fuzz/samples.js';
import type { ApiResponse } from '../../support/api.js';
import { digestDifference, tableReader } from '../../support/table.js';

const TOTAL = 10_000;
const VALID_SHARE = 0.36;
const ROUNDS = 4;
const CONCURRENCY = 8;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const stack = inject('stack');

let ctx: FuzzContext;
const fuzzes = new Map<string, RouteFuzz>();

async function cursorsOf(route: RouteDefinition, fuzz: RouteFuzz): Promise<string[]> {
  if (!route.query || !('cursor' in route.query.shape)) return [];
  const page = await send({ route, parts: fuzz.base, expect: 'valid', label: 'cursor probe' });
  const next = (page.body?.nextCursor as string | undefined) ?? page.headers.get('x-next-cursor') ?? undefined;
  return next ? [next] : [];
}

beforeAll(async () => {
  console.log(`hostile input: FUZZ_SEED=${seed}`);
  ctx = await fuzzContext();
  for (const route of routes) {
    const sample = SAMPLES[routeKey(route)];
    if (!sample) continue;
    const fuzz: RouteFuzz = { route, sample, base: await sample.prepare(ctx), cursors: [] };
    fuzz.cursors = await cursorsOf(route, fuzz);
    fuzzes.set(routeKey(route), fuzz);
  }
}, 240_000);

async function sendAll(attempts: Attempt[], onAnswer: (a: Attempt, r: ApiResponse) => void) {
  let next = 0;
  const worker = async () => {
    while (next < attempts.length) {
      const attempt = attempts[next++] as Attempt;
      onAnswer(attempt, await send(attempt));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/**
 * A digest once the table is quiet: the previous batch's writes have landed, and so has what they set off (the
 * outbox, delivered from the table's stream, deletes its messages once sent).
 */
async function settledDigest(table: ReturnType<typeof tableReader>) {
  const deadline = Date.now() + 30_000;
  let previous = await table.digest();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const current = await table.digest();
    const outboxWaiting = [...current.items.keys()].some((key) => key.startsWith('OUTBOX#'));
    if (current.hash === previous.hash && (!outboxWaiting || Date.now() > deadline - 20_000)) return current;
    previous = current;
  }
  throw new Error('the table never settled');
}

describe('hostile input', () => {
  it('has a valid sample for every route of the route table, and none for routes that do not exist', () => {
    const keys = routes.map(routeKey);
    expect(keys.filter((k) => !(k in SAMPLES))).toEqual([]);
    expect(Object.keys(SAMPLES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('positive control: every sample, sent unchanged, succeeds', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const sample = SAMPLES[routeKey(route)];
      if (!sample) continue;
      const response = await send({ route, parts: await sample.prepare(ctx), expect: 'valid', label: 'unchanged' });
      if (response.status !== route.response.status)
        failures.push(`${routeKey(route)} → ${response.status} ${response.text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`answers ${TOTAL}+ requests, over a third of them valid with hostile content: never a 5xx, and refused ones change no item`, async () => {
    const choices = new Choices(seed);
    const all = [...fuzzes.values()];
    const valid: Attempt[] = [];
    const invalid: Attempt[] = [];
    const validTarget = Math.ceil(TOTAL * VALID_SHARE);
    for (let tries = 0; (valid.length < validTarget || invalid.length < TOTAL - validTarget) && tries < 500_000; tries++) {
      const attempt = mutate(choices.pick(all), choices);
      if (!attempt) continue;
      if (attempt.expect === 'valid' && valid.length < validTarget) valid.push(attempt);
      if (attempt.expect === 'invalid' && invalid.length < TOTAL - validTarget) invalid.push(attempt);
    }

    const table = tableReader(stack.dynamoDbUrl, stack.region, stack.tableName);
    const statuses = new Map<number, number>();
    const validStatuses = new Map<number, number>();
    const failures: string[] = [];
    const perRoute = new Map<string, { valid: number; invalid: number; validSuccess: number }>();
    const count = (map: Map<number, number>, status: number) => map.set(status, (map.get(status) ?? 0) + 1);
    const onAnswer = (a: Attempt, r: ApiResponse) => {
      count(statuses, r.status);
      const key = routeKey(a.route);
      const tally = perRoute.get(key) ?? { valid: 0, invalid: 0, validSuccess: 0 };
      perRoute.set(key, tally);
      const html = a.route.response.contentType === 'text/html' && (r.headers.get('content-type') ?? '').startsWith('text/html');
      let ok: boolean;
      if (a.expect === 'valid') {
        tally.valid++;
        count(validStatuses, r.status);
        if (r.status < 300) tally.validSuccess++;
        ok = isClean(a.route, r);
      } else {
        tally.invalid++;
        // Refused: a 4xx; the review page may instead show its form again with the problem (2xx HTML).
        ok = isClean(a.route, r) && (r.status >= 400 || (html && r.status < 300));
      }
      if (!ok && failures.length < 30) {
        failures.push(
          `[${a.expect}: ${a.label}] ${a.route.method} ${JSON.stringify(a.parts).slice(0, 300)} → ${r.status} ${r.text.slice(0, 200)}`,
        );
      }
    };

    const digests: { before: string; after: string }[] = [];
    const changed: string[] = [];
    const started = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      const slice = <T>(items: T[]) =>
        items.slice(Math.floor((items.length * round) / ROUNDS), Math.floor((items.length * (round + 1)) / ROUNDS));
      await sendAll(slice(valid), onAnswer);
      const before = await settledDigest(table);
      await sendAll(slice(invalid), onAnswer);
      const after = await table.digest();
      digests.push({ before: before.hash, after: after.hash });
      if (before.hash !== after.hash) {
        const d = digestDifference(before.items, after.items);
        changed.push(
          `round ${round}: added ${d.added.slice(0, 5).join(' ')} removed ${d.removed.slice(0, 5).join(' ')} changed ${d.changed.slice(0, 5).join(' ')}`,
        );
      }
    }
    table.destroy();

    const total = valid.length + invalid.length;
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
    console.log(
      `hostile input: seed ${seed}, ${total} requests in ${Math.round((Date.now() - started) / 1000)} s — ${valid.length} valid with hostile content ` +
        `(${((100 * valid.length) / total).toFixed(1)} %), ${invalid.length} invalid; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; ` +
        `valid ${JSON.stringify(Object.fromEntries([...validStatuses].sort((a, b) => a[0] - b[0])))}; 5xx ${fiveXx}; ` +
        `digest of every item unchanged by each of ${ROUNDS} refused batches: ${changed.length === 0} (${digests.map((d) => d.after.slice(0, 12)).join(', ')})`,
    );

    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(TOTAL);
    expect(valid.length / total).toBeGreaterThanOrEqual(1 / 3);
    // Every route is fuzzed with valid requests, and those that take input with invalid ones too.
    const unfuzzed = routes.map(routeKey).filter((k) => !perRoute.get(k)?.valid);
    expect(unfuzzed).toEqual([]);
    const takesInput = routes.filter((r) => r.body || r.params || r.query || r.auth === 'jwt').map(routeKey);
    expect(takesInput.filter((k) => !perRoute.get(k)?.invalid)).toEqual([]);
    // Valid hostile content is taken, not only refused: each route succeeds on some of it.
    expect(routes.map(routeKey).filter((k) => !perRoute.get(k)?.validSuccess)).toEqual([]);
  }, 600_000);
});
