/**
 * Serves the built portal (`portal/dist`) as CloudFront does in AWS: static files with the same security headers,
 * the single-page app's fallback to index.html, the runtime `/config.json`, and the API under `/api/*` on the same
 * origin (see portal/HOSTING.md).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { RunningProcess } from './dynamodb-local.js';

export const PORTAL_DIST = path.resolve(import.meta.dirname, '../../portal/dist');

/** What the portal reads at start (written at deploy in AWS). */
export interface PortalConfig {
  apiUrl: string;
  authority: string;
  clientId: string;
  redirectUri?: string;
  postLogoutRedirectUri?: string;
  scope?: string;
}

export interface PortalServerOptions {
  port: number;
  apiUrl: string;
  /** The OpenID provider's issuer URL. */
  authority: string;
  clientId: string;
  /** The S3 emulator, where uploads go straight from the browser. */
  filesUrl?: string;
  distDir?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The headers CloudFront's response headers policy adds (HOSTING.md lists the same). `filesUrl`: the files bucket's
 * endpoint, which the browser PUTs uploads to through presigned URLs.
 */
export function securityHeaders(authority: string, filesUrl?: string): Record<string, string> {
  const identity = new URL(authority).origin;
  const files = filesUrl ? ` ${new URL(filesUrl).origin}` : '';
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self' ${identity}${files}`,
      `form-action 'self' ${identity}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
    'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

function proxyToApi(request: IncomingMessage, response: ServerResponse, apiUrl: string, pathAndQuery: string) {
  const target = new URL(pathAndQuery, apiUrl);
  const upstream = httpRequest(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: 'Bad Gateway' }));
  });
  request.pipe(upstream);
}

async function fileFor(distDir: string, pathname: string): Promise<string | undefined> {
  const resolved = path.resolve(distDir, `.${decodeURIComponent(pathname)}`);
  if (!resolved.startsWith(distDir + path.sep)) return undefined;
  const info = await stat(resolved).catch(() => undefined);
  return info?.isFile() ? resolved : undefined;
}

export async function startPortalServer(options: PortalServerOptions): Promise<RunningProcess> {
  const distDir = options.distDir ?? PORTAL_DIST;
  const origin = `http://localhost:${options.port}`;
  const config: PortalConfig = {
    apiUrl: '/api',
    authority: options.authority,
    clientId: options.clientId,
    redirectUri: `${origin}/auth/callback`,
    postLogoutRedirectUri: `${origin}/`,
    scope: 'openid email profile',
  };
  const headers = securityHeaders(options.authority, options.filesUrl);

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return proxyToApi(request, response, options.apiUrl, `${url.pathname.slice(4) || '/'}${url.search}`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/config.json') {
      response.writeHead(200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-cache' });
      response.end(JSON.stringify(config));
      return;
    }
    void (async () => {
      const file = (await fileFor(distDir, url.pathname)) ?? (path.extname(url.pathname) ? undefined : path.join(distDir, 'index.html'));
      const found = file && (await stat(file).catch(() => undefined));
      if (!file || !found) {
        response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const immutable = url.pathname.startsWith('/assets/');
      response.writeHead(200, {
        ...headers,
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': String(found.size),
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: origin,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
