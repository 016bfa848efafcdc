import type { RouteMiddleware } from '../http/route-stack.js';

/**
 * A segment per invocation (Powertools Tracer; X-Ray in AWS), with the cold start and the answer or error
 * annotated. The packages are imported here, when tracing is first used, and not at the top: the bundles leave
 * them to the Powertools layer (infra/constructs/lambda-bundling.ts), and esbuild would hoist a static import of
 * an external package into every function's initialisation.
 */
export async function captureInvocations(): Promise<RouteMiddleware> {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  return captureLambdaHandler(new Tracer({ serviceName: 'dealer-channel' })) as unknown as RouteMiddleware;
}
