/** What a handler answers, and how it becomes API Gateway's response (shared by every kind of route handler). */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  const headers = { 'cache-control': 'no-store', ...result.headers };
  if (result.body === undefined) return { statusCode: result.status, headers };
  if (typeof result.body === 'string') return { statusCode: result.status, headers, body: result.body };
  return {
    statusCode: result.status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(result.body),
  };
}
