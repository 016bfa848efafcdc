import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { RouteMiddleware } from '../http/route-stack.js';

/** One tracer per cold start (Powertools; X-Ray in AWS). */
export const tracer = new Tracer({ serviceName: 'dealer-channel' });

/** A segment per invocation, with the cold start and the answer or error annotated. */
export const captureInvocations = () => captureLambdaHandler(tracer) as unknown as RouteMiddleware;
