/**
 * The caller from the verified JWT claims, and its role checked against the route's roles. An API client's token
 * (a dealer's CRM) acts for its dealer on the routes that declare a scope, and only with that scope (RFC 6750
 * `insufficient_scope`: 403).
 */
import type { RouteDefinition } from '../../api/route-contract.js';
import { Forbidden } from '../../domain/errors.js';
import { apiClientCaller, isClientCredentialsToken } from '../api-client-caller.js';
import { callerFrom, claimsOf } from '../caller.js';
import type { RouteMiddleware } from '../route-stack.js';

export const authorization = (definition: RouteDefinition): RouteMiddleware => ({
  before: async (request) => {
    const claims = claimsOf(request.event);
    const caller = isClientCredentialsToken(claims) ? await apiClientCaller(claims) : callerFrom(request.event);
    if (!definition.roles.includes(caller.role)) {
      throw new Forbidden(`The role ${caller.role} may not use ${definition.method} ${definition.path}.`);
    }
    if (caller.apiClient) {
      if (!definition.scope) throw new Forbidden(`API clients may not use ${definition.method} ${definition.path}.`);
      if (!caller.apiClient.scopes.includes(definition.scope)) {
        throw new Forbidden(`${definition.method} ${definition.path} needs the scope ${definition.scope}.`);
      }
    }
    request.context.caller = caller;
  },
});
