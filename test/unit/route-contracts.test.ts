/**
 * Handlers take their types from their area's contract: `httpRoute(route, fn)` (and `publicRoute`) infers body, query and params, so
 * none is written by hand in functions/, and a handler imports only the contract of its own area.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
  );
const handlerFiles = sources('functions');
const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

/** What a hand-written route type looks like: explicit type arguments, empty-record stand-ins, typed requests. */
const HAND_WRITTEN = [
  { name: 'route type arguments', pattern: /(httpRoute|publicRoute)\s*</ },
  { name: 'Record<string, never>', pattern: /Record<\s*string\s*,\s*never\s*>/ },
  { name: 'a typed request object', pattern: /HttpRequest\s*</ },
  { name: 'an annotated handler argument', pattern: /(httpRoute|publicRoute)\([^,]+,\s*async\s*\(\s*(\{[^}]*\}|\w+)\s*:/ },
  { name: 'a params or query type alias', pattern: /\btype\s+(Params|Query|Body)\b/ },
  { name: 'a cast of the body, query or params', pattern: /\b(body|query|params)(\.\w+)*\s+as\s+(?!const\b)/ },
  { name: "an annotated setup collection's check", pattern: /check:\s*async\s*\(\s*\w+\s*:/ },
];

describe('route types in functions/', () => {
  it('finds the handler modules', () => {
    expect(handlerFiles.length).toBeGreaterThan(15);
  });

  it.each(HAND_WRITTEN)('no handler writes $name', ({ pattern }) => {
    const offenders = handlerFiles.filter((file) => pattern.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('the grep recognises each kind of hand-written annotation', () => {
    const samples = [
      "httpRoute<Decision>('POST /x', async () => ok)",
      'httpRoute<undefined, Record<string, never>, { id: string }>(',
      'const f = (r: HttpRequest<A, B, C>) => r;',
      'httpRoute(reviewRoutes.decide, async ({ body }: { body: Decision }) => ok)',
      'type Params = { id: string };',
      "period: query.groupBy.period as 'month' | 'quarter',",
      'check: async (dealer: Dealer) => {',
    ];
    expect(samples).toHaveLength(HAND_WRITTEN.length);
    for (const [i, { pattern }] of HAND_WRITTEN.entries()) expect(pattern.test(samples[i] as string)).toBe(true);
  });

  it('the grep passes a handler that takes its types from the contract', () => {
    const inferred = [
      'export const decide = httpRoute(reviewRoutes.decide, async ({ body, params, caller }) => {',
      '  const page = await list({ limit: query.limit, cursor: query.cursor });',
      "  return { status: 200, body: { ...item, kind: 'x' as const } };",
      'export const { put, get, list } = setupHandlers({ routes: dealerRoutes, repository: dealers, check: async (dealer) => {',
    ].join('\n');
    expect(HAND_WRITTEN.filter(({ pattern }) => pattern.test(inferred)).map(({ name }) => name)).toEqual([]);
  });
});

describe('a handler imports only its own area contract', () => {
  const contractImports = (file: string) =>
    [...read(file).matchAll(/from '(?:\.\.\/)+shared\/api\/([\w-]+)\.js'/g)].map((m) => m[1] as string);

  it('no handler imports the whole route table', () => {
    expect(handlerFiles.filter((file) => contractImports(file).includes('routes'))).toEqual([]);
  });

  it.each([...new Set(routes.map((r) => r.entry))])('%s imports one contract, the one that declares it', (entry) => {
    const imported = contractImports(entry).filter((m) => m !== 'openapi');
    const setupCollection = /^functions\/(setup|rules)\/(regions|dealers|products|territories|named-accounts)\.ts$/.test(entry);
    const declaresEntry = (area: string) =>
      read(`shared/api/${area}.ts`).includes(setupCollection ? `entry: '${entry.replace(/^functions\/|\.ts$/g, '')}'` : `'${entry}'`);
    expect(imported).toHaveLength(1);
    expect(declaresEntry(imported[0] as string)).toBe(true);
  });
});
