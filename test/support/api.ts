/** A small HTTP client for the local stack, tokens for every role, and per-test tenants so test files never collide. */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { inject } from 'vitest';
import { issuerFromJwk, newSigningKey, type TokenRequest } from '../../infra/local/local-issuer.js';
import type { Role } from '../../shared/api/routes.js';

const stack = inject('stack');
export const apiUrl = stack.apiUrl;
export const sesUrl = stack.sesUrl;

const issuer = issuerFromJwk(stack.signingKey);

export const tokenFor = async (request: TokenRequest) => (await issuer).sign(request);

/** A token signed with a key the API does not trust. */
export const forgedToken = async (request: TokenRequest) => (await issuerFromJwk(await newSigningKey())).sign(request);

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${apiUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A valid registration body; `overrides` replace top-level fields. */
export function registrationBody(overrides: Record<string, unknown> = {}, sku = 'MX-200') {
  return {
    customer: { name: `Kunde ${randomUUID().slice(0, 6)} GmbH`, country: 'DE', city: 'Stuttgart', postalCode: '70173' },
    contact: { name: 'Eva Müller', email: 'eva@kunde.example', phone: '+49 711 123456', role: 'Head of production' },
    products: [{ sku, quantity: 2 }],
    expectedValue: { amount: 40_000_000, currency: 'EUR' },
    expectedCloseDate: inDays(60),
    stage: 'mid',
    competitors: ['Acme Machines'],
    nextSteps: 'Demo at the customer site',
    ...overrides,
  };
}

export const partnerManagerOf = (regionId: string) => `pm-${regionId}@manufacturer.example`;
export const directorOf = (regionId: string) => `rd-${regionId}@manufacturer.example`;
export const dealerEmailOf = (dealerId: string) => `${dealerId}@dealer.example`;

export interface Mail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/**
 * Each test file makes its own tenants, so its mails are sent after it loaded: asking the emulator only for those
 * keeps the answer small when the suite has sent thousands before.
 */
const fileLoadedAt = Math.floor(Date.now() / 1000) - 1;

/** Mail captured by the SES emulator, sent to `to`, as of now. */
export async function mailsTo(to: string): Promise<Mail[]> {
  const store = (await (await fetch(`${sesUrl}/store?since=${fileLoadedAt}`)).json()) as { emails: Mail[] };
  return store.emails.filter((m) => m.destination.to.includes(to));
}

/**
 * Reads `read` until `until` accepts what it returned, or fails after `timeoutMs`. The pause between reads grows
 * (50 ms to 500 ms) so that a long wait does not load the stack it is waiting for.
 */
export async function waitFor<T>(read: () => Promise<T>, until: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let pauseMs = 50; ; pauseMs = Math.min(500, pauseMs * 1.5)) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * The mails to `to` that `match`, once at least `count` of them have arrived: mail leaves through the outbox's
 * stream consumer, moments after the request that caused it.
 */
export const mailsArrived = (to: string, match: (mail: Mail) => boolean = () => true, count = 1, timeoutMs?: number) =>
  waitFor(
    async () => (await mailsTo(to)).filter(match),
    (mails) => mails.length >= count,
    `${count} mail(s) to ${to}`,
    timeoutMs,
  );

/** The one review link of a mail's text part, as a path on the API. */
export function reviewLinkIn(mail: Mail): string {
  const links = [...(mail.body.text ?? '').matchAll(/https?:\/\/\S+\/review\/(\S+)/g)];
  if (links.length !== 1) throw new Error(`expected one review link in: ${mail.body.text}`);
  return `/review/${links[0]?.[1]}`;
}

/** Runs a scheduled job on the local stack as if at `at`. */
export async function runJob(
  name:
    | 'reviews'
    | 'protections'
    | 'outbox'
    | 'webhooks'
    | 'forecast-snapshot'
    | 'tiers'
    | 'improvement-plans'
    | 'leads'
    | 'funds'
    | 'training',
  at: Date,
) {
  const response = await fetch(`${apiUrl}/_local/jobs/${name}?at=${encodeURIComponent(at.toISOString())}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`job ${name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { report: Record<string, number> }).report;
}

export type LocalEvent = { detailType: string; detail: Record<string, unknown> };

export async function localEvents(): Promise<LocalEvent[]> {
  return ((await (await fetch(`${apiUrl}/_local/events`)).json()) as { items: LocalEvent[] }).items;
}

/** The published events that `match`, once at least `count` of them have been published (see `mailsArrived`). */
export const eventsArrived = (match: (event: LocalEvent) => boolean, count = 1) =>
  waitFor(
    async () => (await localEvents()).filter(match),
    (events) => events.length >= count,
    `${count} event(s)`,
  );

export const reviewTokenSecret = stack.reviewTokenSecret;

export interface Tenant {
  regionId: string;
  otherRegionId: string;
  /** The dealer under test, in `regionId`. */
  dealerId: string;
  /** A dealer of the other region. */
  otherDealerId: string;
  /** A second dealer of the dealer's own region: the same managers see both, neither may see the other. */
  sameRegionDealerId: string;
  /** A second dealer of the other region. */
  otherRegionSecondDealerId: string;
  sku: string;
  /** `dealer` and the other dealers' tokens are their dealers' admins (`custom:dealer_role` admin); `dealerUser` is not. */
  tokens: Record<
    | 'dealer'
    | 'dealerUser'
    | 'otherDealer'
    | 'sameRegionDealer'
    | 'otherRegionSecondDealer'
    | 'manager'
    | 'director'
    | 'otherManager'
    | 'finance'
    | 'admin',
    string
  >;
}

/** Two regions with two dealers each, and a product, all with fresh ids. */
export async function createTenant(): Promise<Tenant> {
  const admin = await tokenFor({ role: 'channel_admin' });
  const regionId = uniqueId('region');
  const otherRegionId = uniqueId('region');
  const dealerId = uniqueId('dealer');
  const otherDealerId = uniqueId('dealer');
  const sameRegionDealerId = uniqueId('dealer');
  const otherRegionSecondDealerId = uniqueId('dealer');
  const sku = uniqueId('SKU');
  const put = async (path: string, body: unknown) => {
    const response = await call('PUT', path, { token: admin, body });
    if (response.status !== 200) throw new Error(`PUT ${path} -> ${response.status} ${response.text}`);
  };
  await put(`/regions/${regionId}`, {
    name: 'Test region',
    countries: ['DE', 'AT'],
    partnerManagerEmail: partnerManagerOf(regionId),
    regionalDirectorEmail: directorOf(regionId),
  });
  await put(`/regions/${otherRegionId}`, {
    name: 'Other region',
    countries: ['NL'],
    partnerManagerEmail: partnerManagerOf(otherRegionId),
    regionalDirectorEmail: directorOf(otherRegionId),
  });
  await put(`/dealers/${dealerId}`, { name: 'Test Dealer', regionId, email: `${dealerId}@dealer.example`, status: 'active' });
  await put(`/dealers/${otherDealerId}`, {
    name: 'Other Dealer',
    regionId: otherRegionId,
    email: `${otherDealerId}@dealer.example`,
    status: 'active',
  });
  await put(`/dealers/${sameRegionDealerId}`, {
    name: 'Neighbour Dealer',
    regionId,
    email: `${sameRegionDealerId}@dealer.example`,
    status: 'active',
  });
  await put(`/dealers/${otherRegionSecondDealerId}`, {
    name: 'Other Neighbour Dealer',
    regionId: otherRegionId,
    email: `${otherRegionSecondDealerId}@dealer.example`,
    status: 'active',
  });
  await put(`/products/${sku}`, { name: 'Test machine', productLine: 'milling' });
  const role = (r: Role, extra: Partial<TokenRequest> = {}) => tokenFor({ role: r, ...extra });
  return {
    regionId,
    otherRegionId,
    dealerId,
    otherDealerId,
    sameRegionDealerId,
    otherRegionSecondDealerId,
    sku,
    tokens: {
      dealer: await role('dealer', { dealerId, dealerRole: 'admin' }),
      dealerUser: await role('dealer', { dealerId, dealerRole: 'user' }),
      otherDealer: await role('dealer', { dealerId: otherDealerId, dealerRole: 'admin' }),
      sameRegionDealer: await role('dealer', { dealerId: sameRegionDealerId, dealerRole: 'admin' }),
      otherRegionSecondDealer: await role('dealer', { dealerId: otherRegionSecondDealerId, dealerRole: 'admin' }),
      manager: await role('partner_manager', { regions: [regionId] }),
      director: await role('regional_director', { regions: [regionId] }),
      otherManager: await role('partner_manager', { regions: [otherRegionId] }),
      finance: await role('finance'),
      admin,
    },
  };
}

/** A loopback address of its own (127.x.y.z), so that per-source limits of one test do not meet another's. */
export const ownSourceAddress = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;

/** A JSON POST from the given local address (every 127.0.0.0/8 address reaches the local API on Linux). */
export function postFrom<T = any>(sourceAddress: string, path: string, body: unknown): Promise<ApiResponse<T>> {
  const url = new URL(`${apiUrl}${path}`);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        localAddress: sourceAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
          resolve({ status: response.statusCode ?? 0, headers, body: parsed as T, text });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** A partner application, sent from an address of its own, and its id as channel admins see it. */
export async function partnerApplication(overrides: { email?: string; language?: 'en' | 'de' | 'nl' } = {}) {
  const company = `Bewerber ${randomUUID().slice(0, 8)} GmbH`;
  const email = overrides.email ?? `${uniqueId('applicant')}@applicant.example`;
  const sent = await postFrom(ownSourceAddress(), '/partner-applications', {
    company: { name: company, country: 'DE', city: 'Ulm' },
    contact: { name: 'Jana Roth', email },
    message: 'We sell milling machines in Swabia.',
    language: overrides.language ?? 'de',
  });
  if (sent.status !== 202) throw new Error(`fixture application: ${sent.status} ${sent.text}`);
  const admin = await tokenFor({ role: 'channel_admin' });
  const found = await waitFor(
    async () =>
      (
        (await call('GET', '/partner-applications?status=submitted&limit=100', { token: admin })).body.items as {
          id: string;
          company: { name: string };
        }[]
      ).find((a) => a.company.name === company),
    (a) => a !== undefined,
    `application ${company}`,
  );
  return { id: (found as { id: string }).id, company, email };
}
