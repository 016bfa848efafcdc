/** The one place that turns errors into HTTP answers: RFC 9457 problem details, never a stack trace. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { DomainError, type ErrorKind, type FieldError, RateLimited } from '../domain/errors.js';

/** Every error kind's status: a kind without one does not compile. */
const STATUS: Record<ErrorKind, { status: number; title: string }> = {
  'invalid-input': { status: 400, title: 'Invalid request' },
  'malformed-request': { status: 400, title: 'Malformed request' },
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'illegal-transition': { status: 409, title: 'Not allowed in the current state' },
  'state-conflict': { status: 409, title: 'Conflict' },
  'version-mismatch': { status: 412, title: 'Version mismatch' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  'precondition-required': { status: 428, title: 'Precondition required' },
  throttled: { status: 503, title: 'Busy' },
  'rate-limited': { status: 429, title: 'Too many requests' },
};

export function problem(
  status: number,
  title: string,
  detail: string,
  options: { type?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...options.headers },
    body: JSON.stringify({
      type: options.type ?? 'about:blank',
      title,
      status,
      detail,
      ...(options.errors?.length ? { errors: options.errors } : {}),
    }),
  };
}

/** One JSON Pointer reference token (RFC 6901): `~` and `/` inside a key are escaped. */
const token = (key: PropertyKey) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** A zod issue's path as a JSON Pointer, with one entry per unrecognised key so each names its field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.flatMap((issue) => {
    const path = prefix + issue.path.map((p) => `/${token(p)}`).join('');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${path}/${token(key)}`, message: 'is not a field of this request' }));
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.path.length > 0) {
      return [{ path, message: issue.message }];
    }
    return [{ path: path || '/', message: issue.message }];
  });
}

/**
 * Errors that mean "busy, retry": they answer like the domain's own `throttled`. `TimeoutError` is middy's early
 * answer before the function's time runs out (and the SDK's for a request that took too long): the database or
 * the mail service answered too slowly, nothing the client sent; a retry is safe because writes carry idempotency
 * keys or conditions.
 */
const THROTTLING_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'TimeoutError',
]);

export const isThrottling = (error: unknown) =>
  (error instanceof DomainError && error.kind === 'throttled') ||
  THROTTLING_AWS_ERRORS.has((error as { name?: string } | null)?.name ?? '');

/** The answer to a typed domain error or to throttling; undefined for anything else (a 500 of the caller's). */
export function problemFromError(error: unknown): APIGatewayProxyStructuredResultV2 | undefined {
  const kind: ErrorKind | undefined = error instanceof DomainError ? error.kind : isThrottling(error) ? 'throttled' : undefined;
  if (!kind) return undefined;
  const mapped = STATUS[kind];
  const domain = error instanceof DomainError ? error : undefined;
  return problem(mapped.status, mapped.title, domain?.message ?? 'The service is busy; retry shortly.', {
    type: `https://dealer-channel.example/problems/${kind}`,
    ...(domain?.errors ? { errors: domain.errors } : {}),
    ...(kind === 'throttled' ? { headers: { 'retry-after': '1' } } : {}),
    ...(error instanceof RateLimited ? { headers: { 'retry-after': String(error.retryAfterSeconds) } } : {}),
  });
}
