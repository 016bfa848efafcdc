/** Errors → RFC 9457 problem+json (shared/http/problem.ts); anything untyped is a logged 500 without details. */
import { logger } from '../../observability/logger.js';
import { isThrottling, problem, problemFromError } from '../problem.js';
import type { RouteMiddleware } from '../route-stack.js';

export const problemResponses = (): RouteMiddleware => ({
  onError: async (request) => {
    const { error } = request;
    if (isThrottling(error))
      logger.warn('Busy: the database throttled, a transaction conflicted or the function ran out of time', { error: error?.name });
    const mapped = problemFromError(error);
    if (mapped) {
      request.response = mapped;
      return;
    }
    logger.error('Unhandled error', error as Error);
    request.response = problem(500, 'Internal error', `Something went wrong on our side (request ${request.context.awsRequestId}).`);
  },
});
