/**
 * A fuzzed request in parts (path parameters, query, body, headers) so that mutations can change one part and the
 * route's own schemas can say whether the result is still valid; rendered to HTTP only when sent.
 */
import { stringify } from 'csv-stringify/sync';
import type { RouteDefinition } from '../../shared/api/route-contract.js';
import { type ApiResponse, call } from '../support/api.js';

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'csv'; items: Record<string, unknown>[] }
  | { kind: 'raw'; text: string };

export interface Parts {
  token?: string;
  params: Record<string, string>;
  /** Path segments sent as they are, unencoded (broken escapes, encoded slashes). */
  rawParams?: Record<string, string>;
  query: [string, string][];
  body?: Body;
  /** `null`: no Content-Type at all; undefined: the body kind's own. */
  contentType?: string | null;
  headers: Record<string, string>;
}

/** valid: passes the route's schemas (may still be refused by a rule: 4xx); invalid: must be refused. */
export type Expectation = 'valid' | 'invalid';

export interface Attempt {
  route: RouteDefinition;
  parts: Parts;
  expect: Expectation;
  /** What the mutation did, for a readable failure. */
  label: string;
}

export function renderPath(route: RouteDefinition, parts: Parts): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    parts.rawParams && name in parts.rawParams ? (parts.rawParams[name] as string) : encodeURIComponent(parts.params[name] ?? ''),
  );
}

export const renderQuery = (query: [string, string][]) => (query.length ? `?${new URLSearchParams(query).toString()}` : '');

function renderBody(body: Body): { text: string; contentType: string } {
  switch (body.kind) {
    case 'json':
      return { text: JSON.stringify(body.value), contentType: 'application/json' };
    case 'form':
      return { text: new URLSearchParams(body.fields).toString(), contentType: 'application/x-www-form-urlencoded' };
    case 'csv': {
      const columns = [...new Set(body.items.flatMap((i) => Object.keys(i)))];
      return { text: stringify(body.items, { header: true, columns, cast: { boolean: (b) => String(b) } }), contentType: 'text/csv' };
    }
    case 'raw':
      return { text: body.text, contentType: 'application/json' };
  }
}

/** The query as API Gateway hands it to the handler: repeated names joined with commas. */
export function queryObject(query: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

/**
 * A header value as the bytes a client puts on the wire: UTF-8, one byte per character for fetch (which takes only
 * Latin-1); control characters other than tab cannot be sent in a header at all.
 */
const wireHeader = (value: string) => Buffer.from(value.replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, ''), 'utf8').toString('latin1');

export async function send(attempt: Attempt): Promise<ApiResponse> {
  const { route, parts } = attempt;
  const body = parts.body ? renderBody(parts.body) : undefined;
  const contentType = parts.contentType === null ? undefined : (parts.contentType ?? body?.contentType);
  return call(route.method, `${renderPath(route, parts)}${renderQuery(parts.query)}`, {
    ...(parts.token ? { token: parts.token } : {}),
    ...(body ? { rawBody: body.text } : {}),
    headers: Object.fromEntries(
      Object.entries({ ...parts.headers, ...(contentType ? { 'content-type': contentType } : {}) }).map(([k, v]) => [k, wireHeader(v)]),
    ),
  });
}

/**
 * A clean answer: problem+json for the API (HTML for the review pages), or the gateway's own JSON for what never
 * reaches a function (401 without a valid token, 404 for no route, 413 over the payload limit).
 */
export function isClean(route: RouteDefinition, response: ApiResponse): boolean {
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 500) return false;
  if (response.status < 400) return true;
  if (type.startsWith('application/problem+json')) return true;
  if (route.response.contentType === 'text/html' && type.startsWith('text/html')) return true;
  // A HEAD answer has no body to carry a problem.
  if (route.method === 'HEAD') return true;
  const gateway = [401, 404, 413].includes(response.status) && typeof response.body?.message === 'string';
  return gateway;
}
