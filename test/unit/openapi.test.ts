/**
 * The API description integrators use: named components referenced by $ref, an example for every request and
 * answer (each valid against the route's own schema), the error statuses each route really answers, Redocly's
 * recommended rules without an error, and a TypeScript client generated from it that compiles a call.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { EXAMPLES } from '../../shared/api/examples.js';
import { errorStatuses, openApiDocument } from '../../shared/api/openapi.js';
import { routeKey, routes } from '../../shared/api/routes.js';

interface Operation {
  requestBody?: { content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown>; example?: unknown }> }>;
}
const document = openApiDocument() as unknown as {
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
};
const operationOf = (method: string, route: string) => document.paths[route]?.[method.toLowerCase()] as Operation;

describe('examples', () => {
  it.each(routes.map((r) => [routeKey(r), r] as const))('%s has examples its own schemas accept', (_key, route) => {
    const example = EXAMPLES[routeKey(route)];
    expect(example).toBeDefined();
    if (route.body || route.bodyType) expect(example?.request).toBeDefined();
    if (route.body) {
      const parsed = route.body.safeParse(example?.request);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    if (route.response.schema) {
      const parsed = z.safeParse(route.response.schema, example?.response);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('lists no route the table lacks', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(routes.map(routeKey).sort());
  });
});

describe('components', () => {
  const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];

  it('names the API types and refers to them', () => {
    for (const name of [
      'Registration',
      'RegistrationInput',
      'Money',
      'Customer',
      'Conflict',
      'Program',
      'ProgramInput',
      'Scorecard',
      'RegistrationPage',
      'Problem',
    ]) {
      expect(document.components.schemas[name], name).toBeDefined();
    }
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(50);
    expect(refs.length).toBeGreaterThan(100);
  });

  it('resolves every $ref', () => {
    for (const ref of new Set(refs)) expect(document.components.schemas[ref.slice(22, -1)], ref).toBeDefined();
    const responseRefs = JSON.stringify(document).match(/"#\/components\/responses\/[^"]+"/g) ?? [];
    for (const ref of new Set(responseRefs)) expect(document.components.responses[ref.slice(24, -1)], ref).toBeDefined();
  });

  it('gives every JSON body a named component and an example', () => {
    for (const route of routes) {
      const op = operationOf(route.method, route.path);
      const json = op.requestBody?.content['application/json'];
      if (route.body) {
        expect(json?.schema.$ref, routeKey(route)).toMatch(/^#\/components\/schemas\//);
        expect(json?.example, routeKey(route)).toBeDefined();
      }
      const answer = op.responses[route.response.status]?.content?.['application/json'];
      if (route.response.schema) {
        expect(answer?.schema.$ref, routeKey(route)).toMatch(/^#\/components\/schemas\//);
        expect(answer?.example, routeKey(route)).toBeDefined();
      }
    }
  });
});

describe('error statuses', () => {
  const statusesOf = (method: string, route: string) => Object.keys(operationOf(method, route).responses).map(Number);

  it('follow what each route has', () => {
    expect(statusesOf('POST', '/registrations')).toEqual([201, 400, 401, 403, 409, 413, 415, 422, 503]);
    expect(statusesOf('PATCH', '/registrations/{id}')).toEqual([200, 400, 401, 403, 404, 409, 412, 413, 415, 428, 503]);
    expect(statusesOf('GET', '/registrations')).toEqual([200, 400, 401, 403, 503]);
    expect(statusesOf('GET', '/registrations/{id}')).toEqual([200, 400, 401, 403, 404, 503]);
    expect(statusesOf('PUT', '/regions/{regionId}')).toEqual([200, 400, 401, 403, 413, 415, 503]);
    expect(statusesOf('POST', '/kpi-inputs/revenue')).toEqual([200, 400, 401, 403, 413, 415, 503]);
    expect(statusesOf('GET', '/health')).toEqual([200]);
    expect(statusesOf('HEAD', '/review/{token}')).toEqual([200, 400]);
    expect(statusesOf('POST', '/files/{fileId}/confirm')).toEqual([200, 400, 401, 403, 404, 409, 422, 503]);
    // Its 422 is the upload's mismatch, not a reused idempotency key.
    expect((operationOf('POST', '/files/{fileId}/confirm').responses as Record<number, unknown>)[422]).toEqual({
      $ref: '#/components/responses/Unprocessable',
    });
  });

  it('never claim a 409 for a route whose state cannot refuse, nor 412 without If-Match', () => {
    for (const route of routes) {
      const statuses = errorStatuses(route);
      expect(statuses.includes(409), routeKey(route)).toBe(Boolean(route.conflict || route.pages?.[409]));
      expect(statuses.includes(412), routeKey(route)).toBe(Boolean(route.headers?.includes('If-Match')));
      expect(statuses.includes(422), routeKey(route)).toBe(Boolean(route.headers?.includes('Idempotency-Key') || route.unprocessable));
    }
  });

  it('describe every problem answer with the Problem schema and an example', () => {
    for (const [name, response] of Object.entries(document.components.responses) as [
      string,
      { content: Record<string, { schema: unknown; example: unknown }> },
    ][]) {
      const media = response.content['application/problem+json'] ?? response.content['application/json'];
      expect(media?.example, name).toBeDefined();
    }
  });
});

describe('tooling', () => {
  const dir = path.resolve(import.meta.dirname, '../../.tmp');
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(path.join(dir, 'openapi-client-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('passes Redocly lint (recommended rules) without an error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  });

  it('generates a TypeScript client that compiles a call, and rejects a wrong body', async () => {
    writeFileSync(path.join(work, 'api.d.ts'), astToString(await openapiTS(JSON.stringify(document))));
    const call = (body: string) => `
      import createClient from 'openapi-fetch';
      import type { components, paths } from './api.js';
      const client = createClient<paths>({ baseUrl: 'https://api.dealer-channel.example' });
      export async function register(): Promise<components['schemas']['Registration'] | undefined> {
        const { data, error } = await client.POST('/registrations', {
          params: { header: { 'Idempotency-Key': 'order-4711' } },
          body: ${body},
        });
        if (error) throw new Error(JSON.stringify(error));
        return data;
      }`;
    const body = JSON.stringify(EXAMPLES['POST /registrations']?.request);
    const compile = (source: string) => {
      writeFileSync(path.join(work, 'call.ts'), source);
      const program = ts.createProgram([path.join(work, 'call.ts')], {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        skipLibCheck: true,
      });
      return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    };
    expect(compile(call(body))).toEqual([]);
    const wrong = compile(call(body.replace('"quantity":2', '"quantity":"two"')));
    expect(wrong.join('\n')).toMatch(/quantity|not assignable/);
  }, 60_000);
});
