/**
 * Powertools Tracer (X-Ray) around each invocation, when POWERTOOLS_TRACE_ENABLED is `true`. The X-Ray SDK it
 * needs costs ~120 KB and ~50 ms of initialisation, so it is loaded on the first traced request only (in AWS from
 * the Powertools layer, not the bundle), and a function that is not traced never pays for it.
 */
import type { RouteMiddleware } from '../route-stack.js';

let capture: Promise<RouteMiddleware | undefined> | undefined;

const captureMiddleware = () =>
  (capture ??=
    process.env.POWERTOOLS_TRACE_ENABLED === 'true'
      ? import('../../observability/tracer.js').then(({ captureInvocations }) => captureInvocations())
      : Promise.resolve(undefined));

export const tracing = (): RouteMiddleware => ({
  before: async (request) => {
    await (await captureMiddleware())?.before?.(request);
  },
  after: async (request) => {
    await (await captureMiddleware())?.after?.(request);
  },
  onError: async (request) => {
    await (await captureMiddleware())?.onError?.(request);
  },
});
