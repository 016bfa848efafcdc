/** The caller from the verified JWT claims, and its role checked against the route's roles. */
import type { RouteDefinition } from '../../api/route-contract.js';
import { Forbidden } from '../../domain/errors.js';
import { callerFrom } from '../caller.js';
import type { RouteMiddleware } from '../route-stack.js';

export const authorization = (definition: RouteDefinition): RouteMiddleware => ({
  before: (request) => {
    const caller = callerFrom(request.event);
    if (!definition.roles.includes(caller.role)) {
      throw new Forbidden(`The role ${caller.role} may not use ${definition.method} ${definition.path}.`);
    }
    request.context.caller = caller;
  },
});
