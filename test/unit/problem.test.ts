import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fieldErrors, problemFromError } from '../../shared/http/problem.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues;
};

const Body = z.strictObject({
  customer: z.strictObject({ name: z.string().min(1, 'must not be blank') }),
  lines: z.array(z.strictObject({ sku: z.string() })),
});

describe('fieldErrors', () => {
  it('turns nested object and array paths into JSON pointers', () => {
    expect(fieldErrors(issuesOf(Body, { customer: { name: '' }, lines: [{ sku: 'a' }, { sku: 5 }] }))).toEqual([
      { path: '/customer/name', message: 'must not be blank' },
      { path: '/lines/1/sku', message: expect.any(String) },
    ]);
  });

  it('uses "/" for an issue about the whole document', () => {
    expect(fieldErrors(issuesOf(Body, 'nope'))).toEqual([{ path: '/', message: expect.any(String) }]);
  });

  it('gives one entry per unrecognised key, each naming its own field', () => {
    const errors = fieldErrors(issuesOf(Body, { customer: { name: 'a', vip: true }, lines: [], status: 'x', version: 1 }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: '/customer/vip', message: 'is not a field of this request' },
        { path: '/status', message: 'is not a field of this request' },
        { path: '/version', message: 'is not a field of this request' },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('prefixes every path', () => {
    const Query = z.strictObject({ limit: z.number() });
    expect(fieldErrors(issuesOf(Query, { limit: 'x', sort: 1 }), '/query')).toEqual([
      { path: '/query/limit', message: expect.any(String) },
      { path: '/query/sort', message: 'is not a field of this request' },
    ]);
  });

  it('points a failed discriminator at the discriminator field', () => {
    const Union = z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })], {
      error: 'must be a or b',
    });
    expect(fieldErrors(issuesOf(z.object({ item: Union }), { item: { kind: 'c' } }))).toEqual([
      { path: '/item/kind', message: 'must be a or b' },
    ]);
  });

  it('keeps a union failure at its own path', () => {
    const Either = z.object({ value: z.union([z.string(), z.number()], { error: 'must be text or a number' }) });
    expect(fieldErrors(issuesOf(Either, { value: true }))).toEqual([{ path: '/value', message: 'must be text or a number' }]);
  });

  it('returns nothing for no issues', () => {
    expect(fieldErrors([])).toEqual([]);
  });

  // RFC 6901: "~" is written "~0" and "/" is written "~1" inside a reference token. Without escaping, an unknown key
  // "a/b" is reported at "/a/b", which points at a different (nested) field.
  it('escapes "~" and "/" in keys as JSON Pointer requires (RFC 6901)', () => {
    const Strict = z.strictObject({ rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number()) });
    expect(fieldErrors(issuesOf(Strict, { rates: {}, 'a/b': 1, 'x~y': 2 })).map((e) => e.path)).toEqual(['/a~1b', '/x~0y']);
    expect(fieldErrors(issuesOf(Strict, { rates: { 'EUR/USD': 1 } })).map((e) => e.path)).toEqual(['/rates/EUR~1USD']);
  });
});

describe('problemFromError', () => {
  it('answers 503 with Retry-After when the database throttles or the function runs out of time, never 500', () => {
    const timeout = Object.assign(new Error('[AbortError]: The operation was aborted.'), { name: 'TimeoutError' });
    for (const error of [timeout, Object.assign(new Error('slow down'), { name: 'ThrottlingException' })]) {
      const answer = problemFromError(error);
      expect(answer?.statusCode, error.name).toBe(503);
      expect(answer?.headers?.['retry-after'] ?? answer?.headers?.['Retry-After'], error.name).toBeDefined();
    }
  });

  it('leaves an unknown error to the caller (a logged 500)', () => {
    expect(problemFromError(new TypeError('x is undefined'))).toBeUndefined();
  });
});
