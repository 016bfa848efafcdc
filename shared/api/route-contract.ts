/**
 * What a route is: method and path, who may call it, what it may do with the table, and the zod schemas of its
 * input and answer. `defineRoute` keeps each schema's own type, so `httpRoute(route, fn)` hands the handler a
 * typed body, query and params and a handler that drifts from its schema does not compile.
 */
import type * as z from 'zod';
import type { ApiScope } from '../domain/api-scopes.js';
import type { Role } from '../domain/caller.js';

/** Bulk uploads (`bodyType: 'rows'`): JSON or CSV text, handed over unparsed for row-by-row validation. */
export interface RowsBody {
  format: 'json' | 'csv';
  text: string;
}

export type FileGrant = 'upload' | 'confirm' | 'download';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  method: HttpMethod;
  path: string;
  /** Module under the repository root and the export that handles the route. */
  entry: string;
  handler: string;
  summary: string;
  /** `jwt`: the API's authorizer checks the bearer token; `public`: no credential. */
  auth: 'jwt' | 'public';
  roles: readonly Role[];
  /** The scope an API client's token needs here (a dealer's CRM); a route without one is closed to API clients. */
  scope?: ApiScope;
  /**
   * What the function may do with the table; the CDK stack grants exactly this. `record-reads`: read, and append
   * read records (who looked, when) to registrations' history — a GET that records reads may write nothing else.
   */
  table: 'none' | 'read' | 'record-reads' | 'write';
  /**
   * What the function may do with the files bucket; the CDK stack grants exactly this. `upload`: sign upload URLs;
   * `confirm`: look at an arrived object, keep it or delete it; `download`: sign download URLs.
   */
  files?: readonly FileGrant[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * How the body is encoded; `form` bodies reach the handler as a record of strings for it to validate; `rows`
   * bodies (bulk uploads) as the raw JSON or CSV text (`RowsBody`), which the handler validates row by row.
   */
  bodyType?: 'json' | 'form' | 'rows';
  /** A larger body limit than the default 64 KiB, for bulk uploads. */
  maxBodyBytes?: number;
  /** When the route answers 409 because the resource's state does not allow the change; absent: it never does. */
  conflict?: string;
  /** When the route answers 422 because what the request refers to cannot be used as it is; absent: it never does. */
  unprocessable?: string;
  /** When the route answers 429 because one source or user sent too many requests in a window; absent: it never does. */
  rateLimit?: string;
  /** The error pages a page-serving route answers with (text/html), by status. */
  pages?: Readonly<Record<number, string>>;
  /** Request headers the route reads, for the API description. */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  /** Any zod schema, classic or mini (a route that must stay small describes its answer with zod/mini). */
  response: { status: number; schema?: z.core.$ZodType; description: string; contentType?: string };
}

/** A route of the table, its schemas' types kept. */
export const defineRoute = <const Route extends RouteDefinition>(route: Route): Route => route;

/** What the handler receives as the body: validated JSON, form fields, or the raw rows text. */
export type BodyOf<Route extends RouteDefinition> = Route extends { bodyType: 'form' }
  ? Record<string, string>
  : Route extends { bodyType: 'rows' }
    ? RowsBody
    : Route extends { body: infer Schema extends z.ZodType }
      ? z.output<Schema>
      : undefined;

export type QueryOf<Route extends RouteDefinition> = Route extends { query: infer Schema extends z.ZodObject }
  ? z.output<Schema>
  : Record<string, never>;

export type ParamsOf<Route extends RouteDefinition> = Route extends { params: infer Schema extends z.ZodObject }
  ? z.output<Schema>
  : Record<string, never>;

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;
