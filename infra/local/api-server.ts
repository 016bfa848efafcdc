/**
 * The local HTTP API: the route table served by the same handler code, fed API Gateway HTTP API (payload 2.0)
 * events, behind a JWT check that behaves like the API's authorizer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type RouteDefinition, routeKey, routes } from '../../shared/api/routes.js';
import { claimsAsApiGatewayPassesThem } from '../../shared/http/bearer-token.js';
import type { RunningProcess } from './dynamodb-local.js';
import { apiGatewayEvent, lambdaContext } from './lambda-invocation.js';
import type { LocalIssuer } from './local-issuer.js';

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_CONTENT = /^(text\/|application\/(json|.*\+json|x-www-form-urlencoded|xml))/i;

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  definition: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

function compile(definition: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = definition.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { definition, pattern: new RegExp(`^${source}$`), names };
}

/** Literal routes win over parameterised ones, as in API Gateway. */
const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);

const handlers = new Map<string, Promise<Handler>>();
function handlerFor(definition: RouteDefinition): Promise<Handler> {
  const key = `${definition.entry}#${definition.handler}`;
  let loaded = handlers.get(key);
  if (!loaded) {
    loaded = import(pathToFileURL(path.join(repositoryRoot, definition.entry)).href).then((module) => {
      const handler = (module as Record<string, unknown>)[definition.handler];
      if (typeof handler !== 'function') throw new Error(`${key} exports no handler`);
      return handler as Handler;
    });
    handlers.set(key, loaded);
  }
  return loaded;
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function singleValued(entries: Iterable<[string, string]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of entries) result[name] = name in result ? `${result[name]},${value}` : value;
  return result;
}

/**
 * Whether a request to a local-only write route comes from a command-line client rather than from a web page a
 * developer happens to visit. A browser sends `Origin` with every POST (and `Sec-Fetch-Site`), and it can only send
 * `application/json` cross-site after a CORS preflight, which this server never grants; `npm run job` and the tests
 * send neither header and the JSON content type.
 */
function fromCommandLine(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  return (
    request.headers.origin === undefined &&
    (site === undefined || site === 'none') &&
    /^application\/json(;|$)/i.test(request.headers['content-type'] ?? '')
  );
}

/**
 * Local-only routes, never deployed: run a scheduled job as if at an instant (what `npm run job` calls), read the
 * journal of domain events that EventBridge would carry in AWS, and hand the mail-feedback function an SES event
 * (the SES emulator reports no bounces or complaints).
 */
async function handleLocalRoute(url: URL, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/_local/events') {
    const { localEventJournal } = await import('../../shared/outbox/event-publisher.js');
    send(response, 200, JSON.stringify({ items: localEventJournal }));
    return true;
  }
  if (method === 'POST' && url.pathname === '/_local/ses-events') {
    if (!fromCommandLine(request)) {
      send(response, 403, JSON.stringify({ message: 'Local SES events come from the command line only' }));
      return true;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let event: unknown;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      event = undefined;
    }
    if (typeof event !== 'object' || event === null) {
      send(response, 400, JSON.stringify({ message: 'The body must be an SES event as EventBridge delivers it (JSON)' }));
      return true;
    }
    const { handler } = await import('../../functions/outbox/mail-feedback.js');
    send(response, 200, JSON.stringify(await handler(event as Parameters<typeof handler>[0])));
    return true;
  }
  const job = /^\/_local\/jobs\/([a-z-]+)$/.exec(url.pathname);
  if (method === 'POST' && job) {
    if (!fromCommandLine(request)) {
      send(
        response,
        403,
        JSON.stringify({ message: 'Local jobs run from the command line only: POST with Content-Type application/json and no Origin' }),
      );
      return true;
    }
    const { scheduledJobs } = await import('../../shared/jobs/scheduled-jobs.js');
    const run = scheduledJobs[job[1] as keyof typeof scheduledJobs];
    const at = new Date(url.searchParams.get('at') ?? Date.now());
    if (!run || Number.isNaN(at.getTime())) {
      send(response, 400, JSON.stringify({ message: `Unknown job or bad ?at; jobs: ${Object.keys(scheduledJobs).join(', ')}` }));
      return true;
    }
    send(response, 200, JSON.stringify({ job: job[1], at: at.toISOString(), report: await run(at) }));
    return true;
  }
  return false;
}

async function handle(request: IncomingMessage, response: ServerResponse, issuer: LocalIssuer) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname.startsWith('/_local/') && (await handleLocalRoute(url, request, response))) return;
  const match = compiled
    .map((route) => ({ route, groups: route.pattern.exec(url.pathname) }))
    .find(({ route, groups }) => groups && route.definition.method === method);
  if (!match?.groups) return send(response, 404, JSON.stringify({ message: 'Not Found' }));
  const { definition, names } = match.route;

  let claims: Record<string, string> | undefined;
  if (definition.auth === 'jwt') {
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    try {
      if (!bearer) throw new Error('no token');
      claims = claimsAsApiGatewayPassesThem((await issuer.verify(bearer.trim())) as Record<string, unknown>);
    } catch {
      return send(response, 401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer' });
    }
  }

  const raw = await readBody(request);
  if (raw === 'too-large') return send(response, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
  const headers = singleValued(
    Object.entries(request.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => [name, v] as [string, string]),
    ),
  );
  const isText = TEXT_CONTENT.test(headers['content-type'] ?? 'application/json');
  const pathParameters = Object.fromEntries(names.map((name, index) => [name, safeDecode(match.groups?.[index + 1] ?? '')]));
  const event = apiGatewayEvent({
    route: definition,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    headers,
    pathParameters,
    ...(claims ? { claims } : {}),
    ...(raw.length ? { body: { text: isText ? raw.toString('utf8') : raw.toString('base64'), base64: !isText } } : {}),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  });

  let result: APIGatewayProxyStructuredResultV2;
  try {
    const handler = await handlerFor(definition);
    // Like Lambda, the function's timeout starts once its module is initialised.
    const context = lambdaContext(`local-${routeKey(definition)}`);
    result = await handler(event, context);
  } catch (error) {
    console.error(`${routeKey(definition)} failed:`, error);
    return send(response, 500, JSON.stringify({ message: 'Internal Server Error' }));
  }
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, {
    ...(result.headers as Record<string, string> | undefined),
    'apigw-requestid': event.requestContext.requestId,
  });
  response.end(body);
}

export async function startApiServer(options: { port: number; issuer: LocalIssuer }): Promise<RunningProcess & { server: Server }> {
  // Initialise every function before taking traffic, as a warm Lambda would be.
  await Promise.all(routes.map(handlerFor));
  const server = createServer((request, response) => {
    handle(request, response, options.issuer).catch((error: unknown) => {
      console.error('local API error:', error);
      if (!response.headersSent) send(response, 500, JSON.stringify({ message: 'Internal Server Error' }));
    });
  });
  // Longer than any client keeps an idle connection (undici 4 s, browsers and SDKs up to 60 s), so that the server
  // never closes a connection just as a client reuses it; like a load balancer's 60 s idle timeout plus a margin.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
