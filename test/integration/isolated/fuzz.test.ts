/**
 * Hostile input over every write route: at least 10,000 generated requests per run, each made invalid on purpose
 * from a valid sample (the route's zod schema confirms it is invalid before it is sent): wrong types at any
 * depth, unknown and prototype-polluting keys, control characters and huge strings, random JSON, wrong content
 * types, broken path ids. Every answer must be a 4xx problem+json, and the table must hold exactly as many items
 * after as before. Runs in the isolated project, where nothing else writes meanwhile.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { routeKey, routes, type RouteDefinition } from '../../../shared/api/routes.js';
import { call, createTenant, registrationBody, type Tenant } from '../../support/api.js';

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const stack = inject('stack');

interface Sample {
  token: string;
  path: string;
  body: unknown;
  headers?: Record<string, string>;
}

let t: Tenant;
let samples: Record<string, Sample>;

async function registrationIn(state: 'submitted' | 'approved' | 'extension') {
  const id = (await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) })).body.id as string;
  if (state !== 'submitted') await call('POST', `/registrations/${id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
  if (state === 'extension') await call('POST', `/registrations/${id}/extensions`, { token: t.tokens.dealer, body: { days: 5, reason: 'x' } });
  return id;
}

/** Counted with a Scan: a test-only maintenance read, never a request path. */
async function itemCount(): Promise<number> {
  const client = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  client.destroy();
  return count;
}

beforeAll(async () => {
  t = await createTenant();
  const submitted = await registrationIn('submitted');
  const approved = await registrationIn('approved');
  const extension = await registrationIn('extension');
  const body = registrationBody({}, t.sku);
  await call('POST', '/registrations', { token: t.tokens.dealer, body });
  const second = await call('POST', '/registrations', { token: t.tokens.otherDealer, body });
  const conflictId = (await call('GET', '/conflicts?limit=100', { token: t.tokens.admin })).body.items.find(
    (c: { parties: { registrationId: string }[] }) => c.parties.some((p) => p.registrationId === second.body.id),
  ).id;
  const program = (await call('GET', '/program', { token: t.tokens.admin })).body;
  const today = new Date().toISOString().slice(0, 10);
  samples = {
    'PUT /program': { token: t.tokens.admin, path: '/program', body: program },
    'PUT /regions/{regionId}': { token: t.tokens.admin, path: `/regions/${t.regionId}`, body: { name: 'R', countries: ['DE'], partnerManagerEmail: 'a@b.example', regionalDirectorEmail: 'c@d.example' } },
    'PUT /dealers/{dealerId}': { token: t.tokens.admin, path: `/dealers/${t.dealerId}`, body: { name: 'D', regionId: t.regionId, email: 'd@e.example', status: 'active' } },
    'PUT /products/{sku}': { token: t.tokens.admin, path: `/products/${t.sku}`, body: { name: 'P', productLine: 'milling' } },
    'PUT /rules/territories/{territoryId}': { token: t.tokens.admin, path: '/rules/territories/fuzz-territory', body: { dealerId: t.dealerId, country: 'DE', postalPrefixes: ['70'] } },
    'PUT /rules/named-accounts/{accountId}': { token: t.tokens.admin, path: '/rules/named-accounts/fuzz-account', body: { customer: { name: 'N', country: 'DE' }, owner: { dealerId: t.dealerId } } },
    'PUT /rules/direct': { token: t.tokens.admin, path: '/rules/direct', body: { segments: ['enterprise'], productLines: ['custom'] } },
    'POST /registrations': { token: t.tokens.dealer, path: '/registrations', body },
    'PATCH /registrations/{id}': { token: t.tokens.dealer, path: `/registrations/${submitted}`, body: { stage: 'late', nextSteps: 'Call' }, headers: { 'if-match': '"1"' } },
    'POST /registrations/{id}/outcome': { token: t.tokens.dealer, path: `/registrations/${approved}/outcome`, body: { result: 'lost', closedOn: today, lostReason: 'Price' } },
    'POST /registrations/{id}/decision': { token: t.tokens.manager, path: `/registrations/${submitted}/decision`, body: { decision: 'reject', reason: 'No' } },
    'POST /registrations/{id}/extensions': { token: t.tokens.dealer, path: `/registrations/${approved}/extensions`, body: { days: 10, reason: 'Later' } },
    'POST /registrations/{id}/extensions/decision': { token: t.tokens.manager, path: `/registrations/${extension}/extensions/decision`, body: { decision: 'approve' } },
    'POST /conflicts/{id}/resolve': { token: t.tokens.manager, path: `/conflicts/${conflictId}/resolve`, body: { winner: 'direct', basis: 'relationship', note: 'N' } },
    'POST /conflicts/{id}/escalate': { token: t.tokens.manager, path: `/conflicts/${conflictId}/escalate`, body: { note: 'Up' } },
    'POST /kpi-inputs/revenue': { token: t.tokens.admin, path: '/kpi-inputs/revenue', body: { items: [{ dealerId: t.dealerId, month: '2031-01', productLine: 'milling', amount: 100, currency: 'EUR' }] } },
    'POST /kpi-inputs/training': { token: t.tokens.admin, path: '/kpi-inputs/training', body: { items: [{ dealerId: t.dealerId, month: '2031-01', userId: 'u1', moduleId: 'safety', completed: true }] } },
    'POST /kpi-inputs/marketing': { token: t.tokens.admin, path: '/kpi-inputs/marketing', body: { items: [{ dealerId: t.dealerId, month: '2031-01', campaignId: 'fair', participated: false }] } },
    'POST /kpi-inputs/support': { token: t.tokens.admin, path: '/kpi-inputs/support', body: { items: [{ dealerId: t.dealerId, month: '2031-01', tickets: 2 }] } },
    'POST /kpi-inputs/satisfaction': { token: t.tokens.admin, path: '/kpi-inputs/satisfaction', body: { items: [{ dealerId: t.dealerId, month: '2031-01', responses: 3, score: 90 }] } },
    'POST /dealers/{dealerId}/improvement-plans': {
      token: t.tokens.admin,
      path: `/dealers/${t.dealerId}/improvement-plans`,
      body: { goals: [{ kpi: 'registeredDeals', target: 3 }], deadline: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
    },
  };
});

const writeRoutes = () => routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.body);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...children.flatMap((k) => leafPaths((value as Record<string | number, unknown>)[k], [...path, k]))];
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const anyJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const hostileString = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\u202Eevil', '\u200B\u200B', 'line\nbreak\u0007', '\uFEFF', '\u001B[31mred'),
  fc.integer({ min: 2_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'status', 'dealerId', 'version', 'protectedUntil', 'PK'), fc.string({ minLength: 1, maxLength: 12 }));

/** Path ids sent without encoding: an encoded slash, a NUL, a broken UTF-8 escape. */
const RAW_PATH_IDS = ['..%2F..', '%00', '%E0%A4%A'];

type Mutation =
  | { kind: 'wrongType'; pick: number; value: Json }
  | { kind: 'hostileString'; pick: number; value: string }
  | { kind: 'extraKey'; pick: number; key: string; value: Json }
  | { kind: 'randomBody'; value: Json }
  | { kind: 'contentType'; contentType: string }
  | { kind: 'brokenJson'; cut: number }
  | { kind: 'pathId'; id: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wrongType' as const), pick: fc.nat(), value: anyJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hostileString' as const), pick: fc.nat(), value: hostileString }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('extraKey' as const), pick: fc.nat(), key: hostileKey, value: anyJson }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('randomBody' as const), value: anyJson }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('contentType' as const), contentType: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('brokenJson' as const), cut: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pathId' as const), id: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...RAW_PATH_IDS, 'reg_' + 'A'.repeat(40), "' OR 1=1 --")) }) },
);

interface Attempt {
  route: string;
  path: string;
  token: string;
  contentType: string;
  raw: string;
  headers: Record<string, string>;
}

function build(route: RouteDefinition, sample: Sample, m: Mutation): Attempt | undefined {
  const base = { route: routeKey(route), path: sample.path, token: sample.token, contentType: 'application/json', headers: sample.headers ?? {} };
  const invalid = (body: unknown) => !(route.body as { safeParse: (v: unknown) => { success: boolean } }).safeParse(body).success;
  const objects = leafPaths(sample.body).filter((p) => typeOf(getAt(sample.body, p)) === 'object');
  const leaves = leafPaths(sample.body);
  switch (m.kind) {
    case 'wrongType': {
      const path = leaves[m.pick % leaves.length] as Path;
      if (typeOf(m.value) === typeOf(getAt(sample.body, path))) return undefined;
      const body = setAt(sample.body, path, m.value);
      return invalid(body) ? { ...base, raw: JSON.stringify(body) } : undefined;
    }
    case 'hostileString': {
      const strings = leaves.filter((p) => typeof getAt(sample.body, p) === 'string');
      if (strings.length === 0) return undefined;
      const body = setAt(sample.body, strings[m.pick % strings.length] as Path, m.value);
      return invalid(body) ? { ...base, raw: JSON.stringify(body) } : undefined;
    }
    case 'extraKey': {
      const path = objects[m.pick % objects.length] as Path;
      const target = { ...(getAt(sample.body, path) as object) };
      Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      const raw = JSON.stringify(setAt(sample.body, path, target));
      return invalid(JSON.parse(raw)) ? { ...base, raw } : undefined;
    }
    case 'randomBody':
      return invalid(m.value) ? { ...base, raw: JSON.stringify(m.value) } : undefined;
    case 'contentType':
      return { ...base, contentType: m.contentType, raw: JSON.stringify(sample.body) };
    case 'brokenJson': {
      const raw = JSON.stringify(sample.body);
      return { ...base, raw: raw.slice(0, m.cut % Math.max(raw.length - 1, 1)) };
    }
    case 'pathId': {
      if (!route.params) return undefined;
      const segments = sample.path.split('/');
      const index = route.path.split('/').findIndex((s) => s.startsWith('{'));
      if (index < 0 || encodeURIComponent(m.id) === segments[index]) return undefined;
      // A well-formed new id is a valid PUT (an upsert): only malformed ids are hostile there.
      const name = (route.path.split('/')[index] as string).slice(1, -1);
      if (route.method === 'PUT' && route.params.safeParse({ [name]: m.id }).success) return undefined;
      // The deliberate raw escapes go as they are; anything else is encoded, so that a '?' or '#' in it stays in the id.
      segments[index] = RAW_PATH_IDS.includes(m.id) ? m.id : encodeURIComponent(m.id);
      return { ...base, path: segments.join('/'), raw: JSON.stringify(sample.body) };
    }
  }
}

describe('hostile input', () => {
  it('has a valid sample for every write route', () => {
    expect(writeRoutes().map(routeKey).filter((k) => !(k in samples))).toEqual([]);
  });

  it(`answers ${REQUESTS} invalid or hostile requests with 4xx problem+json and writes nothing`, async () => {
    const eligible = writeRoutes().filter((r) => routeKey(r) in samples);
    const attempts: Attempt[] = [];
    const generator = fc.tuple(fc.nat(eligible.length - 1), mutation);
    let seed = Date.now() % 1_000_000;
    while (attempts.length < REQUESTS) {
      for (const [index, m] of fc.sample(generator, { numRuns: 2_000, seed: seed++ })) {
        const route = eligible[index] as RouteDefinition;
        const attempt = build(route, samples[routeKey(route)] as Sample, m);
        if (attempt) attempts.push(attempt);
        if (attempts.length >= REQUESTS) break;
      }
    }
    const before = await itemCount();
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < attempts.length) {
        const a = attempts[next++] as Attempt;
        const method = a.route.split(' ')[0] as string;
        const response = await call(method, a.path, {
          token: a.token,
          rawBody: a.raw,
          headers: { ...a.headers, ...(a.contentType ? { 'content-type': a.contentType } : {}) },
        });
        byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
        const problem = response.headers.get('content-type') === 'application/problem+json';
        const apiGatewayNotFound = response.status === 404 && response.body?.message === 'Not Found';
        if (response.status < 400 || response.status >= 500 || (!problem && !apiGatewayNotFound)) {
          if (failures.length < 20) failures.push(`${a.route} ${a.path} ${a.raw.slice(0, 200)} → ${response.status} ${response.text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`hostile input: ${attempts.length} requests, statuses ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`);
    expect(failures).toEqual([]);
    expect(await itemCount()).toBe(before);
  }, 300_000);
});
