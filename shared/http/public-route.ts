/** A Lambda handler for a public route (`auth: 'public'`: no credential, so no caller and no login count). */
import type { BodyOf, ParamsOf, QueryOf, RouteDefinition } from '../api/route-contract.js';
import { type HttpRequest, type HttpResult, routeStack } from './route-stack.js';

export function publicRoute<Route extends RouteDefinition & { auth: 'public' }>(
  definition: Route,
  handle: (request: HttpRequest<BodyOf<Route>, QueryOf<Route>, ParamsOf<Route>> & { sourceIp: string }) => Promise<HttpResult>,
) {
  return routeStack(definition, { access: [] }, (event, context) =>
    handle({
      body: context.input.body as BodyOf<Route>,
      query: context.input.query as QueryOf<Route>,
      params: context.input.params as ParamsOf<Route>,
      headers: event.headers,
      requestId: context.awsRequestId,
      // The address API Gateway saw the request come from (not a header the client could set).
      sourceIp: event.requestContext.http.sourceIp,
    }),
  );
}
