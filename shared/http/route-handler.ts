/**
 * A Lambda handler for a route that needs a signed-in caller (`auth: 'jwt'`): the shared stack plus tracing, the
 * caller and its role, and, on routes dealers use, the portal-login count after the answer. Public routes use
 * public-route.ts, so they never load what signed-in routes need (the X-Ray SDK alone is ~115 KB).
 */
import type { BodyOf, ParamsOf, QueryOf, RouteDefinition } from '../api/route-contract.js';
import type { Caller } from '../domain/caller.js';
import { authorization } from './middleware/authorization.js';
import { portalLoginCounting } from './middleware/portal-login-counting.js';
import { tracing } from './middleware/tracing.js';
import { type HttpRequest, type HttpResult, routeStack } from './route-stack.js';

/** `definition` is a route of the handler's area contract; body, query and params are typed by its schemas. */
export function httpRoute<Route extends RouteDefinition & { auth: 'jwt' }>(
  definition: Route,
  handle: (request: HttpRequest<BodyOf<Route>, QueryOf<Route>, ParamsOf<Route>> & { caller: Caller }) => Promise<HttpResult>,
) {
  return routeStack(
    definition,
    {
      observe: [tracing()],
      access: [authorization(definition)],
      after: definition.roles.includes('dealer') ? [portalLoginCounting()] : [],
    },
    (event, context) =>
      handle({
        body: context.input.body as BodyOf<Route>,
        query: context.input.query as QueryOf<Route>,
        params: context.input.params as ParamsOf<Route>,
        caller: context.caller as Caller,
        headers: event.headers,
        requestId: context.awsRequestId,
      }),
  );
}
