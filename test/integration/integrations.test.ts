/**
 * A dealer's integrations over the local stack: API clients whose client-credentials tokens (from the local OpenID
 * provider) act for their dealer within their scopes until revoked, and webhooks that deliver signed events to a
 * receiver on this machine (an origin allowed by the explicit WEBHOOK_ALLOWED_PRIVATE_ORIGINS setting), retry a
 * failed delivery and refuse private, loopback and link-local targets.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifySignature } from '../../shared/domain/webhook-signature.js';
import { call, createTenant, registrationBody, runJob, type Tenant, tokenFor, waitFor } from '../support/api.js';
import { leadOfferedTo, leadRegion } from '../support/leads.js';

const { oidcUrl, webhookReceiverOrigins } = inject('stack');

async function clientToken(clientId: string, clientSecret: string, scope: string) {
  const response = await fetch(`${oidcUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  return { status: response.status, body: (await response.json()) as { access_token?: string; scope?: string; error?: string } };
}

describe('API clients (CRM credentials)', () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant();
  });

  it('a client token reads its own dealer’s registrations, is refused outside its scopes, and stops working when revoked', async () => {
    const own = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
    const foreign = await call('POST', '/registrations', { token: t.tokens.sameRegionDealer, body: registrationBody({}, t.sku) });
    expect([own.status, foreign.status]).toEqual([201, 201]);

    const created = await call('POST', '/api-clients', {
      token: t.tokens.dealer,
      body: { name: 'Our CRM', scopes: ['registrations:read', 'catalog:read'] },
    });
    expect(created.status).toBe(201);
    const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
    expect(clientSecret.length).toBeGreaterThanOrEqual(40);
    expect(created.body.tokenUrl).toBe(`${oidcUrl}/token`);

    // The secret is shown once: the list never carries it.
    const listed = await call('GET', '/api-clients', { token: t.tokens.dealer });
    expect(listed.body.items).toEqual([
      expect.objectContaining({ clientId, status: 'active', scopes: ['registrations:read', 'catalog:read'] }),
    ]);
    expect(listed.text).not.toContain(clientSecret);
    expect((await call('GET', '/api-clients', { token: t.tokens.sameRegionDealer })).body.items).toEqual([]);

    expect((await clientToken(clientId, 'wrong-secret', 'dealer-channel/registrations:read')).status).toBe(401);
    // Scopes the client does not hold are not granted.
    const overreach = await clientToken(clientId, clientSecret, 'dealer-channel/registrations:write');
    expect(overreach.body.access_token).toBeUndefined();

    const issued = await clientToken(clientId, clientSecret, 'dealer-channel/registrations:read dealer-channel/catalog:read');
    expect(issued.status).toBe(200);
    const token = issued.body.access_token as string;

    const page = await call('GET', '/registrations?limit=100', { token });
    expect(page.status).toBe(200);
    const ids = (page.body.items as { id: string; dealerId: string }[]).map((r) => r.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(foreign.body.id);
    expect((await call('GET', `/registrations/${own.body.id}`, { token })).status).toBe(200);
    expect((await call('GET', `/registrations/${foreign.body.id}`, { token })).status).toBe(404);
    expect((await call('GET', '/catalog?limit=1', { token })).status).toBe(200);

    // Outside its scopes: writing registrations; and routes no scope opens (credentials, webhooks, others' routes).
    const write = await call('POST', '/registrations', { token, body: registrationBody({}, t.sku) });
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain('registrations:write');
    expect((await call('GET', '/api-clients', { token })).status).toBe(403);
    expect((await call('POST', '/api-clients', { token, body: { name: 'More', scopes: ['registrations:write'] } })).status).toBe(403);
    expect((await call('GET', '/webhooks', { token })).status).toBe(403);
    expect((await call('GET', '/reviews', { token })).status).toBe(403);

    // Another dealer cannot revoke it; its own admin can, and the issued token stops working at once.
    expect((await call('DELETE', `/api-clients/${clientId}`, { token: t.tokens.sameRegionDealer })).status).toBe(404);
    expect((await call('GET', '/registrations', { token })).status).toBe(200);
    expect((await call('DELETE', `/api-clients/${clientId}`, { token: t.tokens.dealer })).status).toBe(204);
    expect((await call('GET', '/registrations', { token })).status).toBe(401);
    expect((await clientToken(clientId, clientSecret, 'dealer-channel/registrations:read')).status).toBe(401);
    expect((await call('DELETE', `/api-clients/${clientId}`, { token: t.tokens.dealer })).status).toBe(204);
    expect((await call('GET', '/api-clients', { token: t.tokens.dealer })).body.items[0]).toMatchObject({ clientId, status: 'revoked' });
  });

  it('a client with write scope registers deals for its dealer through the same rules', async () => {
    const created = await call('POST', '/api-clients', {
      token: t.tokens.dealer,
      body: { name: 'Writer', scopes: ['registrations:write'] },
    });
    const issued = await clientToken(created.body.clientId, created.body.clientSecret, 'dealer-channel/registrations:write');
    const token = issued.body.access_token as string;
    const submitted = await call('POST', '/registrations', { token, body: registrationBody({}, t.sku) });
    expect(submitted.status).toBe(201);
    expect(submitted.body.dealerId).toBe(t.dealerId);
    expect((await call('GET', '/registrations', { token })).status).toBe(403);
  });

  it("is the dealer admin's: a plain dealer user may neither create API clients nor subscribe webhooks", async () => {
    const token = t.tokens.dealerUser;
    const client = await call('POST', '/api-clients', { token, body: { name: 'Shadow CRM', scopes: ['registrations:read'] } });
    expect(client.status).toBe(403);
    const hook = await call('POST', '/webhooks', {
      token,
      body: { url: 'https://crm.example.com/hooks', events: ['RegistrationApproved'] },
    });
    expect(hook.status).toBe(403);
    expect((await call('GET', '/api-clients', { token })).status).toBe(403);
    expect((await call('GET', '/webhooks', { token })).status).toBe(403);
    const own = await call('GET', '/api-clients', { token: t.tokens.dealer });
    expect(own.body.items.map((c: { name: string }) => c.name)).not.toContain('Shadow CRM');
  });

  it('refuses bad input naming the field', async () => {
    const bad = await call('POST', '/api-clients', { token: t.tokens.dealer, body: { name: ' ', scopes: ['everything'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/name', '/scopes/0']);
  });
});

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  path?: string | undefined;
}

describe('webhooks', () => {
  let t: Tenant;
  let server: Server;
  const received: Received[] = [];
  let answers: number[] = [];
  const origin = webhookReceiverOrigins[0] as string;

  beforeAll(async () => {
    t = await createTenant();
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), path: request.url });
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a signed RegistrationApproved; a 500 is retried and the event then delivered once', async () => {
    const created = await call('POST', '/webhooks', {
      token: t.tokens.dealer,
      body: { url: `${origin}/hooks/dealer-channel`, events: ['RegistrationApproved'] },
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const listed = await call('GET', '/webhooks', { token: t.tokens.dealer });
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(listed.text).not.toContain(secret);

    answers = [500];
    const registration = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
    const approved = await call('POST', `/registrations/${registration.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve', reason: 'First to register' },
    });
    expect(approved.status).toBe(200);

    // The first attempt comes from the stream, moments after the approval, and gets the 500.
    const log = () => call('GET', `/webhooks/${id}/deliveries`, { token: t.tokens.dealer });
    const first = await waitFor(log, (r) => r.body.items?.[0]?.attempts?.length === 1, 'the first attempt');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ eventType: 'RegistrationApproved', status: 'pending', attempts: [{ statusCode: 500 }] });
    const retryAt = new Date(first.body.items[0].nextAttemptAt);
    expect(retryAt.getTime() - Date.now()).toBeGreaterThan(30_000);

    // Not due yet: nothing is sent; due: delivered.
    await runJob('webhooks', new Date());
    expect(received).toHaveLength(1);
    await runJob('webhooks', new Date(retryAt.getTime() + 1_000));
    expect(received).toHaveLength(2);
    const done = await log();
    expect(done.body.items[0]).toMatchObject({ status: 'delivered', attempts: [{ statusCode: 500 }, { statusCode: 200 }] });
    await runJob('webhooks', new Date(retryAt.getTime() + 3_600_000));
    expect(received).toHaveLength(2);

    const [failedTry, delivery] = received as [Received, Received];
    expect(delivery.body).toBe(failedTry.body);
    expect(delivery.headers['dealer-channel-event-id']).toBe(failedTry.headers['dealer-channel-event-id']);
    const event = JSON.parse(delivery.body);
    expect(event).toMatchObject({
      type: 'RegistrationApproved',
      data: { registrationId: registration.body.id, status: 'approved' },
      links: { resource: expect.stringContaining(`/registrations/${registration.body.id}`) },
    });
    expect(event.id).toBe(delivery.headers['dealer-channel-event-id']);
    // The dealer's own view: no contact data, no region, nobody else.
    expect(delivery.body).not.toContain(registrationBody().contact.email);
    expect(delivery.body).not.toContain(t.regionId);
    expect(delivery.body).not.toContain('@');
    const signature = delivery.headers['dealer-channel-signature'] as string;
    expect(verifySignature(signature, delivery.body, secret, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature(signature, `${delivery.body} `, secret, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifySignature(signature, delivery.body, 'whsec_other', Math.floor(Date.now() / 1000))).toBe(false);
  });

  it('signs with both secrets while a rotation overlaps, and never delivers another dealer’s events', async () => {
    const created = await call('POST', '/webhooks', {
      token: t.tokens.dealer,
      body: { url: `${origin}/rotated`, events: ['RegistrationSubmitted'] },
    });
    const rotated = await call('POST', `/webhooks/${created.body.id}/secret`, { token: t.tokens.dealer });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.previousSecretValidUntil).toBeDefined();
    expect((await call('POST', `/webhooks/${created.body.id}/secret`, { token: t.tokens.sameRegionDealer })).status).toBe(404);

    const before = received.length;
    await call('POST', '/registrations', { token: t.tokens.sameRegionDealer, body: registrationBody({}, t.sku) });
    const mine = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
    const arrived = await waitFor(
      async () => received.slice(before).filter((r) => JSON.parse(r.body).type === 'RegistrationSubmitted'),
      (list) => list.length >= 1,
      'the submitted event',
    );
    expect(arrived).toHaveLength(1);
    const delivery = arrived[0] as Received;
    expect(JSON.parse(delivery.body).data.registrationId).toBe(mine.body.id);
    const signature = delivery.headers['dealer-channel-signature'] as string;
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(signature, delivery.body, rotated.body.secret, now)).toBe(true);
    expect(verifySignature(signature, delivery.body, created.body.secret, now)).toBe(true);

    expect((await call('GET', `/webhooks/${created.body.id}/deliveries`, { token: t.tokens.sameRegionDealer })).status).toBe(404);
    expect((await call('DELETE', `/webhooks/${created.body.id}`, { token: t.tokens.sameRegionDealer })).status).toBe(404);
    expect((await call('DELETE', `/webhooks/${created.body.id}`, { token: t.tokens.dealer })).status).toBe(204);
    expect((await call('GET', `/webhooks/${created.body.id}/deliveries`, { token: t.tokens.dealer })).status).toBe(404);
  });

  it('delivers lead events to the dealer the lead concerns only, as that dealer sees its own offer', async () => {
    const r = await leadRegion('LT', 2);
    const [first, second] = r.dealerIds as [string, string];
    const leadEvents = ['LeadOffered', 'LeadAccepted', 'LeadDeclined', 'LeadLapsed', 'LeadConverted'];
    const admins = new Map(
      await Promise.all(
        r.dealerIds.map(async (id) => [id, await tokenFor({ role: 'dealer', dealerId: id, dealerRole: 'admin' })] as const),
      ),
    );
    for (const dealerId of r.dealerIds) {
      const created = await call('POST', '/webhooks', {
        token: admins.get(dealerId) as string,
        body: { url: `${origin}/leads/${dealerId}`, events: leadEvents },
      });
      expect(created.status, created.text).toBe(201);
    }
    const before = received.length;
    const lead = await leadOfferedTo(r.admin, first, r.regionId, 'LT');
    const declined = await call('POST', `/leads/${lead.id}/decline`, {
      token: r.tokens.get(first) as string,
      body: { reason: 'Too far away' },
    });
    expect(declined.status, declined.text).toBe(200);
    // The only other dealer of the region gets it next; it accepts and converts.
    const secondToken = r.tokens.get(second) as string;
    expect((await call('GET', `/leads/${lead.id}`, { token: secondToken })).body.status).toBe('offered');
    expect((await call('POST', `/leads/${lead.id}/accept`, { token: secondToken })).status).toBe(200);
    const registration = await call('POST', `/leads/${lead.id}/convert`, {
      token: secondToken,
      body: {
        products: [{ sku: t.sku, quantity: 1 }],
        expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(registration.status, registration.text).toBe(201);

    const of = (dealerId: string) => received.slice(before).filter((x) => x.path === `/leads/${dealerId}`);
    await waitFor(
      async () => [of(first).length, of(second).length],
      ([a, b]) => a === 2 && b === 3,
      'the lead events of both dealers',
    );
    const events = (dealerId: string) =>
      of(dealerId)
        .map((x) => JSON.parse(x.body))
        .sort((a, b) => leadEvents.indexOf(a.type) - leadEvents.indexOf(b.type) || a.occurredAt.localeCompare(b.occurredAt));
    expect(events(first).map((e) => [e.type, e.data])).toEqual([
      ['LeadOffered', { leadId: lead.id, status: 'offered', acceptBy: expect.any(String) }],
      ['LeadDeclined', { leadId: lead.id, status: 'declined' }],
    ]);
    expect(events(second).map((e) => [e.type, e.data])).toEqual([
      ['LeadOffered', { leadId: lead.id, status: 'offered', acceptBy: expect.any(String) }],
      ['LeadAccepted', { leadId: lead.id, status: 'accepted' }],
      ['LeadConverted', { leadId: lead.id, status: 'converted', registrationId: registration.body.id }],
    ]);
    for (const [dealerId, other] of [
      [first, second],
      [second, first],
    ] as const) {
      for (const delivery of of(dealerId)) {
        // Never the other dealer, the region, the contact, the lead's version or its next status.
        expect(delivery.body).not.toContain(other);
        expect(delivery.body).not.toContain(r.regionId);
        expect(delivery.body).not.toContain('@');
        expect(delivery.body).not.toContain('"version"');
        const event = JSON.parse(delivery.body);
        expect(event.id).toMatch(/^evt_[\w-]{27}$/);
        expect(delivery.headers['dealer-channel-event-id']).toBe(event.id);
        expect(event.links.resource).toMatch(new RegExp(`/leads/${lead.id}$`));
      }
    }
  });

  it('refuses URLs at loopback, private or link-local addresses, and plain http, in normal settings', async () => {
    const notAllowed = `http://127.0.0.1:${Number(new URL(origin).port) === 9 ? 10 : 9}/hook`;
    for (const url of [
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'https://[::1]/hook',
      'https://[::ffff:169.254.169.254]/hook',
      'https://10.0.0.8/hook',
      'https://localhost/hook',
      notAllowed,
      'http://93.184.215.14/hook',
    ]) {
      const refused = await call('POST', '/webhooks', { token: t.tokens.dealer, body: { url, events: ['RegistrationApproved'] } });
      expect(refused.status, url).toBe(400);
      expect(refused.body.errors, url).toEqual([{ path: '/url', message: expect.any(String) }]);
    }
    const bad = await call('POST', '/webhooks', { token: t.tokens.dealer, body: { url: 'not a url', events: ['Nope'] } });
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/events/0', '/url']);
  });
});
