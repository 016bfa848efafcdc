/** API Gateway HTTP API (payload 2.0) events and Lambda contexts, as the local server and in-process tests make them. */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { type RouteDefinition, routeKey } from '../../shared/api/routes.js';

export interface HttpCall {
  route: Pick<RouteDefinition, 'method' | 'path'>;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /** The claims as API Gateway's JWT authorizer hands them over (strings). */
  claims?: Record<string, string>;
  body?: { text: string; base64: boolean };
  sourceIp?: string;
}

export function apiGatewayEvent(call: HttpCall): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = new Date();
  const headers = call.headers ?? {};
  const key = routeKey(call.route);
  const query = call.query ?? '';
  const queryParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    queryParameters[name] = name in queryParameters ? `${queryParameters[name]},${value}` : value;
  }
  return {
    version: '2.0',
    routeKey: key,
    rawPath: call.path,
    rawQueryString: query,
    headers,
    ...(query ? { queryStringParameters: queryParameters } : {}),
    ...(call.pathParameters && Object.keys(call.pathParameters).length ? { pathParameters: call.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: call.route.method,
        path: call.path,
        protocol: 'HTTP/1.1',
        sourceIp: call.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: call.claims ?? {}, scopes: [] } },
    },
    ...(call.body ? { body: call.body.text } : {}),
    isBase64Encoded: call.body?.base64 ?? false,
  };
}

export function lambdaContext(functionName: string, timeoutMs = 10_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: 'local',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
