/** Timed HTTP calls against the local API: the time covers the round trip and reading the body, not parsing it. */

export interface Timed<T> {
  status: number;
  ms: number;
  headers: Headers;
  body: T;
}

interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Timed<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const start = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const ms = performance.now() - start;
  let body: unknown = text;
  if (response.headers.get('content-type')?.includes('json') && text) body = JSON.parse(text);
  return { status: response.status, ms, headers: response.headers, body: body as T };
}

/** The call, or an error naming it when the status is not `expected`. */
export async function expectStatus<T = unknown>(
  expected: number,
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Timed<T>> {
  const result = await call<T>(baseUrl, method, path, options);
  if (result.status !== expected) {
    throw new Error(`${method} ${path} answered ${result.status}, expected ${expected}: ${JSON.stringify(result.body).slice(0, 500)}`);
  }
  return result;
}
