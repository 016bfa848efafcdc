/** The one API client: the caller's ID token, JSON in and out, problem+json errors as `ApiError`. */
import { runtimeConfig } from '../config/runtime-config.js';

export interface FieldProblem {
  /** A JSON Pointer into the request body (`/contact/email`) or a parameter name. */
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status() {
    return this.problem.status;
  }
}

type TokenSource = () => string | undefined;
type Unauthorized = () => void;

let tokenOf: TokenSource = () => undefined;
let onUnauthorized: Unauthorized = () => undefined;

/** Called by the session provider: where the token comes from and what a 401 does. */
export function connectApiClient(token: TokenSource, unauthorized: Unauthorized) {
  tokenOf = token;
  onUnauthorized = unauthorized;
}

export interface ApiResponse<T> {
  data: T;
  etag?: string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const token = tokenOf();
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtimeConfig().apiUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    throw new ApiError({ ...problem, status: response.status });
  }
  const etag = response.headers.get('etag') ?? undefined;
  return { data: parsed as T, ...(etag ? { etag } : {}) };
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, signal ? { signal } : {}).then((r) => r.data),
  post: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    apiRequest<T>('POST', path, { body, ...(headers ? { headers } : {}) }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, headers: Record<string, string>) =>
    apiRequest<T>('PATCH', path, { body, headers }).then((r) => r.data),
};

/** A text answer (CSV) of a GET, with the caller's token; problems as `ApiError`. */
export async function fetchText(path: string): Promise<string> {
  const token = tokenOf();
  const response = await fetch(`${runtimeConfig().apiUrl}${path}`, {
    headers: { accept: 'text/csv, application/problem+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await response.text();
  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw new ApiError({ ...(safeJson(text) ?? {}), status: response.status });
  return text;
}

/** Posts a text body (a CSV upload) and reads the JSON answer. */
export async function postText<T>(path: string, body: string, contentType: string): Promise<T> {
  const token = tokenOf();
  const response = await fetch(`${runtimeConfig().apiUrl}${path}`, {
    method: 'POST',
    headers: {
      accept: 'application/json, application/problem+json',
      'content-type': contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const text = await response.text();
  if (response.status === 401) onUnauthorized();
  const parsed = safeJson(text);
  if (!response.ok) throw new ApiError({ ...(parsed ?? {}), status: response.status });
  return parsed as T;
}

function safeJson(text: string): Partial<Problem> | undefined {
  try {
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Problem>) : undefined;
  } catch {
    return undefined;
  }
}

/** A query string of the defined values only. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
