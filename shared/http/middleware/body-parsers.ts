/**
 * One parser per body type of the route contract: JSON, form fields (the review page) or bulk rows (JSON or CSV,
 * handed over as text). Each enforces the body limit and its content types; a route without a body reads none.
 */
import type { RouteDefinition, RowsBody } from '../../api/route-contract.js';
import { MalformedRequest, PayloadTooLarge, UnsupportedMediaType } from '../../domain/errors.js';
import type { RouteEvent, RouteMiddleware } from '../route-stack.js';

/** Far above any valid request (a registration with 50 products and long notes is ~20 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

function bodyText(event: RouteEvent, limit: number): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > limit) throw new PayloadTooLarge(`The body must be at most ${limit} bytes.`);
  return text;
}

const contentTypeOf = (event: RouteEvent) => (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
const isJson = (contentType: string) => contentType === 'application/json' || contentType.endsWith('+json');

export const jsonBody = (limit = MAX_BODY_BYTES): RouteMiddleware => ({
  before: (request) => {
    const text = bodyText(request.event, limit);
    if (text.trim() === '') throw new MalformedRequest('The request needs a JSON body.');
    if (!isJson(contentTypeOf(request.event))) {
      throw new UnsupportedMediaType('The body must be JSON, sent as Content-Type: application/json.');
    }
    try {
      request.context.input.body = JSON.parse(text);
    } catch {
      throw new MalformedRequest('The body is not valid JSON.');
    }
  },
});

/** Form posts arrive as fields of strings; the handler validates them (a page answers, not a problem). */
export const formBody = (limit = MAX_BODY_BYTES): RouteMiddleware => ({
  before: (request) => {
    const text = bodyText(request.event, limit);
    if (text !== '' && contentTypeOf(request.event) !== 'application/x-www-form-urlencoded') {
      throw new UnsupportedMediaType('The body must be a form, sent as application/x-www-form-urlencoded.');
    }
    request.context.input.body = Object.fromEntries(new URLSearchParams(text));
  },
});

export const rowsBody = (limit = MAX_BODY_BYTES): RouteMiddleware => ({
  before: (request) => {
    const text = bodyText(request.event, limit);
    const contentType = contentTypeOf(request.event);
    if (text.trim() === '') throw new MalformedRequest('The request needs a body: JSON { "items": [...] } or CSV.');
    const rows: RowsBody | undefined =
      contentType === 'text/csv' ? { format: 'csv', text } : isJson(contentType) ? { format: 'json', text } : undefined;
    if (!rows) throw new UnsupportedMediaType('The body must be JSON (application/json) or CSV (text/csv).');
    request.context.input.body = rows;
  },
});

/** The parser of the route's body type, if it has a body. */
export function bodyParser(definition: RouteDefinition): RouteMiddleware[] {
  const limit = definition.maxBodyBytes ?? MAX_BODY_BYTES;
  if (definition.bodyType === 'form') return [formBody(limit)];
  if (definition.bodyType === 'rows') return [rowsBody(limit)];
  return definition.body ? [jsonBody(limit)] : [];
}
