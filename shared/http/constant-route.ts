/**
 * A Lambda handler for a public route whose answer never depends on the request (GET /health). It reads no
 * credential, parameters or body and cannot fail, so it needs none of the middy stack (log context, problem
 * answers, parsers, validation): the function stays a few KB and starts in a few ms. A route that reads anything
 * of the request uses publicRoute.
 */
import type { RouteDefinition } from '../api/route-contract.js';
import { type HttpResult, toResponse } from './http-result.js';

type ConstantRouteDefinition = RouteDefinition & { auth: 'public'; params?: never; query?: never; body?: never };

export function constantRoute(_definition: ConstantRouteDefinition, result: HttpResult) {
  return async () => toResponse(result);
}
