/**
 * Mutations of a route's valid sample, driven by the route's own schemas: each produces an attempt that the schemas
 * classify as valid (hostile content the route must take or refuse cleanly) or invalid (it must refuse). Nothing
 * here knows a route by name; a new route is fuzzed from its schemas and its sample.
 */
import fc from 'fast-check';
import type * as z from 'zod';
import type { RouteDefinition } from '../../shared/api/route-contract.js';
import { fill, filler, hostileText, refusedText } from './hostile-text.js';
import { type Attempt, type Body, type Parts, queryObject } from './requests.js';
import type { Sample } from './samples.js';

/** Seeded choices: every random decision of a run derives from its seed. */
export class Choices {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  value<T>(arbitrary: fc.Arbitrary<T>): T {
    return fc.sample(arbitrary, { seed: this.int(2 ** 31), numRuns: 1 })[0] as T;
  }
}

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
const getAt = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const passes = (schema: z.ZodType | undefined, value: unknown) => !schema || schema.safeParse(value).success;

const anyJson = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'status',
    'dealerId',
    'version',
    'protectedUntil',
    'PK',
    'SK',
    'GSI1PK',
    'holder',
  ),
  hostileText,
);
/** Path ids sent unencoded: an encoded slash, a NUL, a broken UTF-8 escape, a dot segment. */
const RAW_IDS = ['..%2F..', '%00', '%E0%A4%A', '%2e%2e', '%uFFFF'];
/** Query values at and beyond the calendar's and the ranges' edges. */
const EDGE_VALUES = [
  '0',
  '-1',
  '1e3',
  '5001',
  '101',
  'NaN',
  '',
  ' ',
  '0000-01',
  '9999-12',
  '0000-Q1',
  '9999-Q4',
  '0000',
  '9999',
  '2031-13',
  '2031-Q0',
  'null',
  '[]',
  '{}',
];
const WRONG_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'image/png',
  'application/jsonx',
];
/** JSON by another spelling: the API takes any `+json` type and ignores parameters and case. */
const JSON_TYPES = ['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/json;;x=1'];

/** The longest string (in UTF-16 code units) a field takes, found from its schema; undefined if 'a's never pass. */
const maxCache = new Map<string, number | undefined>();
function maxLength(key: string, test: (s: string) => boolean): number | undefined {
  if (maxCache.has(key)) return maxCache.get(key);
  let found: number | undefined;
  if (test('a')) {
    let low = 1;
    let high = 1;
    while (high < 200_000 && test('a'.repeat(high * 2))) high *= 2;
    if (high < 200_000) {
      high *= 2;
      while (low + 1 < high) {
        const mid = (low + high) >> 1;
        if (test('a'.repeat(mid))) low = mid;
        else high = mid;
      }
      found = low;
    }
  }
  maxCache.set(key, found);
  return found;
}

export interface RouteFuzz {
  route: RouteDefinition;
  sample: Sample;
  base: Parts;
  /** Valid cursors this route's list gave out, if it pages. */
  cursors: string[];
}

const withParts = (base: Parts, change: Partial<Parts>): Parts => ({ ...base, ...change });

function bodyValue(body: Body | undefined): unknown {
  if (!body) return undefined;
  if (body.kind === 'json') return body.value;
  if (body.kind === 'form') return Object.fromEntries(body.fields);
  if (body.kind === 'csv') return { items: body.items };
  return undefined;
}
function asBody(original: Body, value: unknown): Body {
  if (original.kind === 'form') return { kind: 'form', fields: Object.entries(value as Record<string, string>) };
  if (original.kind === 'csv') return { kind: 'csv', items: (value as { items: Record<string, unknown>[] }).items };
  return { kind: 'json', value };
}

/** The schema the body is judged by: the route's, or the sample's form schema. */
const bodySchema = (f: RouteFuzz) => (f.sample.form ?? f.route.body) as z.ZodType | undefined;

/** One mutation of the route's sample, or undefined when this kind does not apply to the route. */
export function mutate(f: RouteFuzz, c: Choices): Attempt | undefined {
  const { route, base } = f;
  const schema = bodySchema(f);
  const value = bodyValue(base.body);
  const leaves = value === undefined ? [] : leafPaths(value);
  const strings = leaves.filter((p) => typeof getAt(value, p) === 'string');
  const judged = (label: string, parts: Parts, valid: boolean): Attempt => ({ route, parts, expect: valid ? 'valid' : 'invalid', label });
  const withBody = (next: unknown, label: string) =>
    judged(label, withParts(base, { body: asBody(base.body as Body, next) }), passes(schema, next));
  const kind = c.int(20);
  switch (kind) {
    // ── Hostile text where text goes (valid when the field takes it) ─────────────────────────────────────────────
    case 0:
    case 1:
    case 2:
    case 3: {
      if (!strings.length) return undefined;
      const path = c.pick(strings);
      return withBody(setAt(value, path, c.value(hostileText)), `text ${path.join('/')}`);
    }
    case 4:
    case 5: {
      if (!strings.length) return undefined;
      const path = c.pick(strings);
      const max = maxLength(`${route.method} ${route.path} ${path.join('/')}`, (s) => passes(schema, setAt(value, path, s)));
      if (!max) return undefined;
      const over = c.int(3) === 0;
      return withBody(
        setAt(value, path, fill(c.value(filler), over ? max + 1 : max)),
        `${over ? 'max+1' : 'max'} ${max} ${path.join('/')}`,
      );
    }
    case 6: {
      if (!strings.length) return undefined;
      const path = c.pick(strings);
      return withBody(setAt(value, path, c.value(refusedText)), `refused text ${path.join('/')}`);
    }
    // ── Wrong shapes ─────────────────────────────────────────────────────────────────────────────────────────────
    case 7: {
      if (!leaves.length) return undefined;
      const path = c.pick(leaves);
      const replacement = c.value(anyJson);
      if (typeOf(replacement) === typeOf(getAt(value, path))) return undefined;
      if (base.body?.kind !== 'json') return undefined;
      return withBody(setAt(value, path, replacement), `wrong type ${path.join('/')}`);
    }
    case 8: {
      if (base.body?.kind !== 'json') return undefined;
      const objects = leaves.filter((p) => typeOf(getAt(value, p)) === 'object');
      if (!objects.length) return undefined;
      const path = c.pick(objects);
      const target = { ...(getAt(value, path) as object) };
      Object.defineProperty(target, c.value(hostileKey), { value: c.value(anyJson), enumerable: true, configurable: true, writable: true });
      const raw = JSON.stringify(setAt(value, path, target));
      return judged(`extra key ${path.join('/')}`, withParts(base, { body: { kind: 'raw', text: raw } }), passes(schema, JSON.parse(raw)));
    }
    case 9: {
      if (!base.body) return undefined;
      const random = c.value(anyJson);
      if (base.body.kind !== 'json')
        return judged('random body', withParts(base, { body: { kind: 'raw', text: JSON.stringify(random) } }), false);
      return withBody(random, 'random body');
    }
    case 10: {
      if (!base.body) return undefined;
      const raw = base.body.kind === 'json' ? JSON.stringify(base.body.value) : '';
      return judged(
        'broken JSON',
        withParts(base, { body: { kind: 'raw', text: raw.slice(0, c.int(Math.max(raw.length - 1, 1))) } }),
        false,
      );
    }
    case 11: {
      if (!base.body) return undefined;
      if (base.body.kind === 'form') return undefined;
      const type = c.pick([...WRONG_TYPES, ...JSON_TYPES]);
      return judged(`content type ${type}`, withParts(base, { contentType: type }), JSON_TYPES.includes(type) && passes(schema, value));
    }
    // ── Path ids ─────────────────────────────────────────────────────────────────────────────────────────────────
    case 12: {
      if (!route.params) return undefined;
      const name = c.pick(Object.keys(route.params.shape));
      const id = c.pick([
        c.value(fc.string({ maxLength: 80, unit: 'binary' })),
        c.value(hostileText),
        "' OR 1=1 --",
        `reg_${'A'.repeat(60)}`,
        'x'.repeat(3000),
      ]);
      if (!id) return undefined;
      const valid = passes(route.params, { ...base.params, [name]: id });
      if (valid && route.method === 'PUT') return undefined; // a well-formed new id is an upsert of the same body: the sample covers it
      return judged(`path ${name}`, withParts(base, { params: { ...base.params, [name]: id } }), valid);
    }
    case 13: {
      if (!route.params) return undefined;
      const name = c.pick(Object.keys(route.params.shape));
      return judged(`raw path ${name}`, withParts(base, { rawParams: { [name]: c.pick(RAW_IDS) } }), false);
    }
    // ── Query strings ────────────────────────────────────────────────────────────────────────────────────────────
    case 14:
    case 15: {
      const variants = Object.entries(f.sample.queryVariants ?? {});
      if (!route.query) {
        // A route without query parameters ignores any it gets: still a valid request.
        return judged('ignored query', withParts(base, { query: [[c.value(hostileText), c.value(hostileText)]] }), true);
      }
      const query = new Map(base.query);
      const picks = 1 + c.int(2);
      for (let i = 0; i < picks; i++) {
        if (variants.length && c.int(2) === 0) {
          const [key, values] = c.pick(variants);
          query.set(key, c.pick(values));
        } else {
          const key = c.pick([...Object.keys(route.query.shape), c.value(hostileKey)]);
          query.set(key, c.pick([...EDGE_VALUES, c.value(hostileText), c.value(fc.string({ unit: 'binary', maxLength: 20 }))]));
        }
      }
      const pairs = [...query];
      return judged('query', withParts(base, { query: pairs }), passes(route.query, queryObject(pairs)));
    }
    case 16: {
      if (!route.query || !('cursor' in route.query.shape)) return undefined;
      const query = new Map(base.query);
      const real = f.cursors.length ? c.pick(f.cursors) : undefined;
      const cursor = real && c.int(3) === 0 ? real : forgedCursor(real, c);
      query.set('cursor', cursor);
      const pairs = [...query];
      return judged(
        cursor === real ? 'cursor' : 'forged cursor',
        withParts(base, { query: pairs }),
        passes(route.query, queryObject(pairs)),
      );
    }
    // ── Headers ──────────────────────────────────────────────────────────────────────────────────────────────────
    case 17: {
      const specs = Object.entries(f.sample.headers ?? {});
      if (!specs.length) return undefined;
      const [name, spec] = c.pick(specs);
      const valid = c.int(2) === 0;
      const header = c.value(valid ? spec.valid : spec.invalid);
      return judged(`header ${name}`, withParts(base, { headers: { ...base.headers, [name]: header } }), valid);
    }
    // ── Bulk rows as CSV ─────────────────────────────────────────────────────────────────────────────────────────
    case 18: {
      if (route.bodyType !== 'rows' || base.body?.kind !== 'json') return undefined;
      const items = (base.body.value as { items: Record<string, unknown>[] }).items;
      const csvBody: Body = { kind: 'csv', items };
      return c.int(2) === 0 ? judged('csv rows', withParts(base, { body: csvBody }), true) : mutate(withCsv(f, csvBody), c);
    }
    // ── Credentials ──────────────────────────────────────────────────────────────────────────────────────────────
    case 19: {
      if (route.auth !== 'jwt') return undefined;
      return judged('bad token', withParts(base, { token: c.pick(['', 'garbage', `${base.token}x`]) }), false);
    }
  }
  return undefined;
}

/** The same route with its rows sent as CSV, for the text and shape mutations to work on. */
const withCsv = (f: RouteFuzz, body: Body): RouteFuzz => ({ ...f, base: { ...f.base, body } });

/** A cursor this list never gave out: another list's, one with odd or extra attributes, or no cursor at all. */
function forgedCursor(real: string | undefined, c: Choices): string {
  const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  let decoded: Record<string, unknown> = {};
  try {
    decoded = real ? (JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    decoded = {};
  }
  const keys = Object.keys(decoded);
  const forgeries: (() => string)[] = [
    () => encode({ ...decoded, [c.pick(['GSI9PK', 'PK', 'status', '__proto__', 'X'])]: c.pick(['x', 'REG#x', '']) }),
    () => encode({ ...decoded, ...(keys.length ? { [c.pick(keys)]: { S: 'x' } } : { PK: { S: 'x' } }) }),
    () => encode({ ...decoded, ...(keys.length ? { [c.pick(keys)]: 'x'.repeat(c.pick([1, 1025, 5000])) } : {}) }),
    () => encode(Object.fromEntries(keys.slice(1).map((k) => [k, decoded[k]]))),
    () =>
      encode(
        Object.fromEntries(keys.map((k) => [k, typeof decoded[k] === 'number' ? c.pick([1, 3, 4, 99, -1, 2 ** 40, 0.5]) : decoded[k]])),
      ),
    () => encode({ PK: 'PROGRAM', SK: 'PROGRAM', GSI1PK: 'DEALERS', GSI1SK: 'x' }),
    () => encode(c.value(anyJson)),
    () => c.value(fc.string({ unit: 'binary', maxLength: 60 })),
    () => 'A'.repeat(c.pick([1, 2047, 2049])),
    () => `${real ?? ''}${c.pick(['x', '=', '%', '.'])}`,
  ];
  return c.pick(forgeries)();
}
