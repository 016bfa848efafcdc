/**
 * The middy stack every route shares, built from middlewares with one job each (shared/http/middleware/): log
 * context (and tracing, on signed-in routes), header normalisation, errors → problem+json, then per route what its contract needs — caller and
 * role, body parsing for its body type, validation of parameters and body — and the thin handler last.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { RouteDefinition } from '../api/route-contract.js';
import type { Caller } from '../domain/caller.js';
import { logger } from '../observability/logger.js';
import { type HttpResult, toResponse } from './http-result.js';
import { bodyParser } from './middleware/body-parsers.js';
import { problemResponses } from './middleware/problem-responses.js';
import { bodyValidation, parameterValidation } from './middleware/validation.js';

export type RouteEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type RouteResponse = APIGatewayProxyStructuredResultV2;

/** What the middlewares hand on to the handler. */
export interface RouteContext extends Context {
  caller?: Caller;
  input: { body: unknown; query: unknown; params: unknown };
}

export type RouteMiddleware = middy.MiddlewareObj<RouteEvent, RouteResponse, Error, RouteContext>;

export interface HttpRequest<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  headers: Record<string, string | undefined>;
  requestId: string;
}

export type { HttpResult } from './http-result.js';

/**
 * `observe` wrap the invocation (tracing); `access` establish who calls (none for public routes); `after` run once
 * the handler answered.
 */
export function routeStack(
  definition: RouteDefinition,
  stages: { observe?: RouteMiddleware[]; access: RouteMiddleware[]; after?: RouteMiddleware[] },
  handle: (event: RouteEvent, context: RouteContext) => Promise<HttpResult>,
) {
  const stack = middy<RouteEvent, RouteResponse, Error, RouteContext>(async (event: RouteEvent, context: RouteContext) =>
    toResponse(await handle(event, context)),
  )
    .use(injectLambdaContext(logger))
    .use(stages.observe ?? [])
    .use(httpHeaderNormalizer())
    .use(problemResponses())
    .use({
      before: (request) => {
        request.context.input = { body: undefined, query: {}, params: {} };
      },
    });
  for (const middleware of [
    ...stages.access,
    parameterValidation(definition),
    ...bodyParser(definition),
    ...bodyValidation(definition),
    ...(stages.after ?? []),
  ]) {
    stack.use(middleware);
  }
  return stack;
}
