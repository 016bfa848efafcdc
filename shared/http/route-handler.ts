/**
 * Wraps a thin route handler in the middy stack every route shares: header normalisation, the caller's role
 * checked against the route table, JSON body parsing with a size limit, zod validation of path, query and body,
 * and errors mapped to problem+json.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import type { BodyOf, ParamsOf, QueryOf, RouteDefinition, RowsBody } from '../api/route-contract.js';
import { Forbidden, InvalidInput, MalformedRequest, PayloadTooLarge, UnsupportedMediaType } from '../domain/errors.js';
import { logger } from '../observability/logger.js';
import { countPortalLogin } from './portal-logins.js';
import type { Caller } from '../domain/caller.js';
import { callerFrom } from './caller.js';
import { fieldErrors, problem, problemFromError } from './problem.js';


/** Far above any valid request (a registration with 50 products and long notes is ~20 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

export interface HttpRequest<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  caller: Caller;
  headers: Record<string, string | undefined>;
  requestId: string;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

function validate<T>(schema: z.ZodType | undefined, input: unknown, prefix: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInput(fieldErrors(result.error.issues, prefix));
  return result.data as T;
}

function parameterErrors<T>(schema: z.ZodType | undefined, input: unknown): T {
  if (!schema) return {} as T;
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InvalidInput(
      fieldErrors(result.error.issues).map((e) => ({ ...e, path: e.path.replace(/^\//, '') })),
      'The request has invalid parameters.',
    );
  }
  return result.data as T;
}

function bodyText(event: Event, limit = MAX_BODY_BYTES): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > limit) {
    throw new PayloadTooLarge(`The body must be at most ${limit} bytes.`);
  }
  return text;
}

const contentTypeOf = (event: Event) => (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Form posts (the review page) arrive as fields of strings; the handler validates them. */
function readFormBody(event: Event): Record<string, string> {
  const text = bodyText(event);
  if (text !== '' && contentTypeOf(event) !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaType('The body must be a form, sent as application/x-www-form-urlencoded.');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function readJsonBody(event: Event): unknown {
  const text = bodyText(event);
  const contentType = contentTypeOf(event);
  if (text.trim() === '') throw new MalformedRequest('The request needs a JSON body.');
  if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
    throw new UnsupportedMediaType('The body must be JSON, sent as Content-Type: application/json.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequest('The body is not valid JSON.');
  }
}

function readRowsBody(event: Event, limit: number): RowsBody {
  const text = bodyText(event, limit);
  const contentType = contentTypeOf(event);
  if (text.trim() === '') throw new MalformedRequest('The request needs a body: JSON { "items": [...] } or CSV.');
  if (contentType === 'text/csv') return { format: 'csv', text };
  if (contentType === 'application/json' || contentType.endsWith('+json')) return { format: 'json', text };
  throw new UnsupportedMediaType('The body must be JSON (application/json) or CSV (text/csv).');
}

function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const headers = { 'cache-control': 'no-store', ...result.headers };
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (typeof result.body === 'string') return { statusCode: result.status, headers, body: result.body };
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(result.body),
  };
}

function errorResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const mapped = problemFromError(error);
  if (mapped) return mapped;
  const name = (error as { name?: string } | null)?.name ?? '';
  if (RETRYABLE_AWS_ERRORS.has(name)) {
    logger.warn('Retryable database error', { error: name });
    return problem(503, 'Busy', 'The service is busy; retry shortly.', { headers: { 'retry-after': '1' } });
  }
  logger.error('Unhandled error', error as Error);
  return problem(500, 'Internal error', `Something went wrong on our side (request ${requestId}).`);
}

/** A Lambda handler for `definition`, a route of its area's contract; body, query and params typed by its schemas. */
export function httpRoute<Route extends RouteDefinition>(
  definition: Route,
  handle: (request: HttpRequest<BodyOf<Route>, QueryOf<Route>, ParamsOf<Route>>) => Promise<HttpResult>,
) {
  type Body = BodyOf<Route>;
  type Query = QueryOf<Route>;
  type Params = ParamsOf<Route>;
  const key = `${definition.method} ${definition.path}`;
  const core = async (event: Event, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const caller = definition.auth === 'jwt' ? callerFrom(event) : ({ role: 'public', regions: [] } as unknown as Caller);
    if (definition.auth === 'jwt' && !definition.roles.includes(caller.role)) {
      throw new Forbidden(`The role ${caller.role} may not use ${key}.`);
    }
    const params = parameterErrors<Params>(definition.params, event.pathParameters ?? {});
    const query = parameterErrors<Query>(definition.query, event.queryStringParameters ?? {});
    // A dealer user's first authenticated request of the day counts as a portal login; never fails the request.
    const login = caller.role === 'dealer' && caller.dealerId ? countPortalLogin(caller.dealerId, caller.subject) : undefined;
    const body =
      definition.bodyType === 'form'
        ? (readFormBody(event) as Body)
        : definition.bodyType === 'rows'
          ? (readRowsBody(event, definition.maxBodyBytes ?? MAX_BODY_BYTES) as Body)
        : definition.body
          ? validate<Body>(definition.body, readJsonBody(event), '')
          : (undefined as Body);
    const result = await handle({ body, query, params, caller, headers: event.headers, requestId: context.awsRequestId });
    await login;
    return toResponse(result);
  };
  return middy<Event, APIGatewayProxyStructuredResultV2>(core)
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use({
      onError: async (request) => {
        request.response = errorResponse(request.error, request.context.awsRequestId);
      },
    });
}
