import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, forgedToken, registrationBody, type Tenant, tokenFor } from '../support/api.js';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const submit = async (token: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  call('POST', '/registrations', { token, body: registrationBody(overrides, t.sku), headers });

const submitted = async (overrides: Record<string, unknown> = {}) => {
  const response = await submit(t.tokens.dealer, overrides);
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number; status: string };
};

const approved = async () => {
  const registration = await submitted();
  const decided = await call('POST', `/registrations/${registration.id}/decision`, {
    token: t.tokens.manager,
    body: { decision: 'approve', reason: 'Clean registration' },
  });
  expect(decided.status, decided.text).toBe(200);
  return decided.body as { id: string; version: number; status: string; protectedUntil: string };
};

const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
};

describe('submitting a registration', () => {
  it('stores it for the dealer in the token and answers 201 with Location and ETag', async () => {
    const response = await submit(t.tokens.dealer);
    expect(response.status).toBe(201);
    const registration = response.body;
    expect(registration).toMatchObject({ dealerId: t.dealerId, status: 'submitted', version: 1 });
    expect(registration.id).toMatch(/^reg_/);
    expect(response.headers.get('location')).toBe(`/registrations/${registration.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(registration).not.toHaveProperty('regionId');
    const read = await call('GET', `/registrations/${registration.id}`, { token: t.tokens.dealer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(registration);
  });

  it('rejects fields the client may not set, and stores none of them', async () => {
    const before = await call('GET', '/registrations?limit=100', { token: t.tokens.dealer });
    for (const field of ['status', 'dealerId', 'protectedUntil', 'version', 'id', 'submittedAt', 'decidedAt']) {
      const response = await submit(t.tokens.dealer, { [field]: field === 'version' ? 7 : 'approved' });
      expectProblem(response, 400);
      expect(response.body.errors).toContainEqual({ path: `/${field}`, message: expect.any(String) });
    }
    const after = await call('GET', '/registrations?limit=100', { token: t.tokens.dealer });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('answers 400 naming the field for a bad value of every input field, and writes nothing', async () => {
    const base = registrationBody({}, t.sku);
    const cases: [string, Record<string, unknown>][] = [
      ['/customer', { customer: 'Müller' }],
      ['/customer/name', { customer: { ...base.customer, name: '   ' } }],
      ['/customer/name', { customer: { ...base.customer, name: 'x'.repeat(201) } }],
      ['/customer/name', { customer: { ...base.customer, name: 'Evil\u0000Corp' } }],
      ['/customer/country', { customer: { ...base.customer, country: 'de' } }],
      ['/customer/country', { customer: { ...base.customer, country: 'XX' } }],
      ['/customer/city', { customer: { ...base.customer, city: '' } }],
      ['/customer/postalCode', { customer: { ...base.customer, postalCode: '!!' } }],
      ['/customer/vatId', { customer: { ...base.customer, vatId: '1' } }],
      ['/customer/website', { customer: { ...base.customer, website: 'not a site' } }],
      ['/customer/segment', { customer: { ...base.customer, segment: 'huge' } }],
      ['/customer/employeeCount', { customer: { ...base.customer, employeeCount: -3 } }],
      ['/contact', { contact: undefined }],
      ['/contact/name', { contact: { ...base.contact, name: 42 } }],
      ['/contact/email', { contact: { ...base.contact, email: 'not-an-email' } }],
      ['/contact/phone', { contact: { ...base.contact, phone: 'call me' } }],
      ['/contact/role', { contact: { ...base.contact, role: 'r'.repeat(101) } }],
      ['/products', { products: [] }],
      ['/products', { products: 'MX-200' }],
      ['/products/0/sku', { products: [{ sku: 'no such sku!', quantity: 1 }] }],
      ['/products/0/sku', { products: [{ sku: 'UNKNOWN-SKU', quantity: 1 }] }],
      ['/products/0/quantity', { products: [{ sku: t.sku, quantity: 0 }] }],
      ['/products/0/quantity', { products: [{ sku: t.sku, quantity: 1.5 }] }],
      [
        '/products/1/sku',
        {
          products: [
            { sku: t.sku, quantity: 1 },
            { sku: t.sku, quantity: 2 },
          ],
        },
      ],
      ['/expectedValue', { expectedValue: 400000 }],
      ['/expectedValue/amount', { expectedValue: { amount: -1, currency: 'EUR' } }],
      ['/expectedValue/amount', { expectedValue: { amount: 10.5, currency: 'EUR' } }],
      ['/expectedValue/amount', { expectedValue: { amount: '400000', currency: 'EUR' } }],
      ['/expectedValue/currency', { expectedValue: { amount: 1, currency: 'eur' } }],
      ['/expectedValue/currency', { expectedValue: { amount: 1, currency: 'JPY' } }],
      ['/expectedCloseDate', { expectedCloseDate: '2027-02-30' }],
      ['/expectedCloseDate', { expectedCloseDate: '01.02.2027' }],
      ['/expectedCloseDate', { expectedCloseDate: '2020-01-01' }],
      ['/stage', { stage: 'final' }],
      ['/competitors', { competitors: 'Acme' }],
      ['/competitors/0', { competitors: [''] }],
      ['/nextSteps', { nextSteps: 'n'.repeat(2001) }],
    ];
    const before = await call('GET', '/registrations?limit=100', { token: t.tokens.dealer });
    for (const [path, overrides] of cases) {
      const response = await submit(t.tokens.dealer, overrides);
      expectProblem(response, 400);
      const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
      expect(paths, `${path} for ${JSON.stringify(overrides)}`).toContain(path);
    }
    // The submitting dealer's own list: exactly what it held before, item for item.
    const after = await call('GET', '/registrations?limit=100', { token: t.tokens.dealer });
    expect(after.status).toBe(200);
    expect(after.body.items).toEqual(before.body.items);
  });

  it('answers 400 for malformed JSON, 415 for a non-JSON body and 413 for an oversized one', async () => {
    const malformed = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      rawBody: '{"customer": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(malformed, 400);
    const notJson = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      rawBody: 'customer=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(notJson, 415);
    const huge = await submit(t.tokens.dealer, { nextSteps: 'x'.repeat(70_000) });
    expectProblem(huge, 413);
    const array = await call('POST', '/registrations', { token: t.tokens.dealer, body: [] });
    expectProblem(array, 400);
    const proto = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      rawBody: JSON.stringify(registrationBody({}, t.sku)).replace('{', '{"__proto__":{"status":"approved"},'),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(proto, 400);
  });

  it('refuses dealers outside the program and roles other than dealer', async () => {
    const stranger = await tokenFor({ role: 'dealer', dealerId: 'dealer-not-enrolled' });
    expectProblem(await submit(stranger), 403);
    for (const token of [t.tokens.manager, t.tokens.finance, t.tokens.admin]) {
      expectProblem(await submit(token), 403);
    }
  });
});

describe('authentication', () => {
  it('answers 401 to a missing, expired, forged or malformed token', async () => {
    const expired = await tokenFor({ role: 'dealer', dealerId: t.dealerId, expiresIn: -60 });
    const forged = await forgedToken({ role: 'dealer', dealerId: t.dealerId });
    for (const token of [undefined, expired, forged, 'not.a.jwt']) {
      const response = await call('GET', '/registrations', token ? { token } : {});
      expect(response.status).toBe(401);
    }
    const tampered = (await tokenFor({ role: 'dealer', dealerId: t.dealerId })).split('.');
    const claims = JSON.parse(Buffer.from(tampered[1] as string, 'base64url').toString());
    claims['custom:dealer_id'] = t.otherDealerId;
    tampered[1] = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect((await call('GET', '/registrations', { token: tampered.join('.') })).status).toBe(401);
  });
});

describe('idempotent submission', () => {
  it('returns the first answer to a retry with the same key and body, storing one registration', async () => {
    const key = `retry-${Date.now()}`;
    const body = registrationBody({}, t.sku);
    const first = await call('POST', '/registrations', { token: t.tokens.dealer, body, headers: { 'idempotency-key': key } });
    const second = await call('POST', '/registrations', { token: t.tokens.dealer, body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await call('GET', '/registrations?limit=100', { token: t.tokens.dealer });
    expect(list.body.items.filter((r: { customer: { name: string } }) => r.customer.name === body.customer.name)).toHaveLength(1);
  });

  it('stores one registration when retries race each other', async () => {
    const key = `race-${Date.now()}`;
    const body = registrationBody({}, t.sku);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        call('POST', '/registrations', { token: t.tokens.dealer, body, headers: { 'idempotency-key': key } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
  });

  it('refuses the same key with a different body (422), and scopes keys to the dealer', async () => {
    const key = `scoped-${Date.now()}`;
    const first = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      body: registrationBody({}, t.sku),
      headers: { 'idempotency-key': key },
    });
    const changed = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      body: registrationBody({}, t.sku),
      headers: { 'idempotency-key': key },
    });
    expectProblem(changed, 422);
    const otherDealer = await call('POST', '/registrations', {
      token: t.tokens.otherDealer,
      body: registrationBody({ customer: { name: 'Polder BV', country: 'NL', city: 'Delft' } }, t.sku),
      headers: { 'idempotency-key': key },
    });
    expect(otherDealer.status).toBe(201);
    expect(otherDealer.body.id).not.toBe(first.body.id);
    expect(otherDealer.body.dealerId).toBe(t.otherDealerId);
  });

  it('rejects an unusable Idempotency-Key', async () => {
    expectProblem(await submit(t.tokens.dealer, {}, { 'idempotency-key': 'x'.repeat(300) }), 400);
  });
});

describe('listing', () => {
  it("lists only the caller's registrations, newest first, filtered by status, in pages", async () => {
    const tenant = await createTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
      ids.push(response.body.id);
    }
    await call('POST', `/registrations/${ids[0]}/withdraw`, { token: tenant.tokens.dealer });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/registrations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: tenant.tokens.dealer,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const withdrawn = await call('GET', '/registrations?status=withdrawn', { token: tenant.tokens.dealer });
    expect(withdrawn.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    const submittedOnly = await call('GET', '/registrations?status=submitted', { token: tenant.tokens.dealer });
    expect(submittedOnly.body.items).toHaveLength(4);
    const others = await call('GET', '/registrations', { token: tenant.tokens.otherDealer });
    expect(others.body.items).toEqual([]);
  });

  it('answers 400 to bad list parameters and to a cursor from another list', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'status=open', 'cursor=garbage', 'unknown=1']) {
      expectProblem(await call('GET', `/registrations?${query}`, { token: t.tokens.dealer }), 400);
    }
    await submitted();
    await submitted();
    const page = await call('GET', '/registrations?limit=1', { token: t.tokens.dealer });
    const foreign = await call('GET', `/registrations?limit=1&cursor=${page.body.nextCursor}`, {
      token: t.tokens.otherDealer,
    });
    expectProblem(foreign, 400);
  });
});

describe("another tenant's ids", () => {
  it('answer 404 on every registration route, and change nothing', async () => {
    const registration = await submitted();
    const other = t.tokens.otherDealer;
    const attempts = [
      call('GET', `/registrations/${registration.id}`, { token: other }),
      call('GET', `/registrations/${registration.id}/history`, { token: other }),
      call('PATCH', `/registrations/${registration.id}`, { token: other, body: { stage: 'late' }, headers: { 'if-match': '"1"' } }),
      call('POST', `/registrations/${registration.id}/withdraw`, { token: other }),
      call('POST', `/registrations/${registration.id}/outcome`, {
        token: other,
        body: { result: 'lost', closedOn: new Date().toISOString().slice(0, 10), lostReason: 'price' },
      }),
      call('POST', `/registrations/${registration.id}/decision`, {
        token: t.tokens.otherManager,
        body: { decision: 'approve' },
      }),
      call('GET', `/registrations/${registration.id}`, { token: t.tokens.otherManager }),
    ];
    for (const response of await Promise.all(attempts)) {
      expectProblem(response, 404);
      expect(response.text).not.toContain(t.dealerId);
    }
    const unchanged = await call('GET', `/registrations/${registration.id}`, { token: t.tokens.dealer });
    expect(unchanged.body).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('answers a well-formed unknown id with 404 and a malformed one with 400', async () => {
    expectProblem(await call('GET', '/registrations/reg_000000000000000000000000', { token: t.tokens.dealer }), 404);
    expectProblem(await call('GET', '/registrations/..%2F..%2Fetc', { token: t.tokens.dealer }), 400);
  });

  it('answers 403 to roles that have no business on a route', async () => {
    const registration = await submitted();
    expectProblem(await call('GET', '/registrations', { token: t.tokens.finance }), 403);
    expectProblem(await call('GET', `/registrations/${registration.id}`, { token: t.tokens.finance }), 403);
    expectProblem(
      await call('POST', `/registrations/${registration.id}/decision`, { token: t.tokens.dealer, body: { decision: 'approve' } }),
      403,
    );
    expectProblem(await call('GET', '/reviews', { token: t.tokens.dealer }), 403);
  });
});

describe('updating', () => {
  it('applies a change with the current version and answers 412 to a stale one, 428 without one', async () => {
    const registration = await submitted();
    const path = `/registrations/${registration.id}`;
    const updated = await call('PATCH', path, {
      token: t.tokens.dealer,
      body: { stage: 'late', expectedValue: { amount: 45_000_000, currency: 'EUR' } },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ stage: 'late', version: 2, expectedValue: { amount: 45_000_000 } });
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', path, { token: t.tokens.dealer, body: { stage: 'early' }, headers: { 'if-match': '"1"' } });
    expectProblem(stale, 412);
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: { stage: 'early' } }), 428);
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: { stage: 'early' }, headers: { 'if-match': 'banana' } }), 400);
    const read = await call('GET', path, { token: t.tokens.dealer });
    expect(read.body).toMatchObject({ stage: 'late', version: 2 });
  });

  it("refuses to change the customer's identity or unknown fields, and an empty change", async () => {
    const registration = await submitted();
    const path = `/registrations/${registration.id}`;
    const headers = { 'if-match': '"1"' };
    const identity = await call('PATCH', path, {
      token: t.tokens.dealer,
      body: { customer: { name: 'Other GmbH', country: 'DE', city: 'Berlin' } },
      headers,
    });
    expectProblem(identity, 400);
    expect(identity.body.errors).toContainEqual({ path: '/customer', message: expect.any(String) });
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: {}, headers }), 400);
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: { status: 'approved' }, headers }), 400);
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: { products: [{ sku: 'GHOST', quantity: 1 }] }, headers }), 400);
  });

  it('lets exactly one of ten concurrent changes of the same version win, and loses none of the later ones', async () => {
    const registration = await submitted();
    const path = `/registrations/${registration.id}`;
    const stages = ['early', 'mid', 'late'];
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('PATCH', path, {
          token: t.tokens.dealer,
          body: { stage: stages[i % 3], nextSteps: `change ${i}` },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(412)]);
    const winner = racing.find((r) => r.status === 200)?.body;
    // Each client re-reads and retries: every change lands, in some order, none overwritten silently.
    for (let i = 0; i < 3; i++) {
      for (;;) {
        const current = await call('GET', path, { token: t.tokens.dealer });
        const retry = await call('PATCH', path, {
          token: t.tokens.dealer,
          body: { nextSteps: `${current.body.nextSteps} + retry ${i}` },
          headers: { 'if-match': current.headers.get('etag') as string },
        });
        if (retry.status === 200) break;
        expect(retry.status).toBe(412);
      }
    }
    const final = (await call('GET', path, { token: t.tokens.dealer })).body;
    expect(final.version).toBe(5);
    expect(final.nextSteps).toBe(`${winner.nextSteps} + retry 0 + retry 1 + retry 2`);
    const history = await call('GET', `${path}/history`, { token: t.tokens.dealer });
    expect(history.body.items.filter((e: { action: string }) => e.action === 'updated')).toHaveLength(4);
  });
});

describe('the lifecycle', () => {
  it('runs submitted → approved → won, with protection from the program and a full history', async () => {
    const registration = await submitted();
    const before = Date.now();
    const approvedResponse = await call('POST', `/registrations/${registration.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve', reason: 'First to register' },
    });
    expect(approvedResponse.status).toBe(200);
    const decided = approvedResponse.body;
    expect(decided).toMatchObject({ status: 'approved', decisionReason: 'First to register', version: 2 });
    const program = await call('GET', '/program', { token: t.tokens.admin });
    const protectionMs = program.body.protectionDays * 86_400_000;
    const until = Date.parse(decided.protectedUntil);
    expect(until - Date.parse(decided.decidedAt)).toBe(protectionMs);
    expect(until).toBeGreaterThanOrEqual(before + protectionMs - 1000);

    const won = await call('POST', `/registrations/${registration.id}/outcome`, {
      token: t.tokens.dealer,
      body: { result: 'won', closedOn: new Date().toISOString().slice(0, 10) },
    });
    expect(won.status, won.text).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', outcome: { result: 'won', actualValue: { amount: 40_000_000 } } });

    const history = await call('GET', `/registrations/${registration.id}/history`, { token: t.tokens.dealer });
    const transitions = history.body.items
      .filter((e: { toStatus?: string }) => e.toStatus)
      .map((e: { fromStatus?: string; toStatus: string }) => `${e.fromStatus ?? ''}>${e.toStatus}`);
    expect(transitions).toEqual(['>submitted', 'submitted>approved', 'approved>won']);
    expect(history.body.items[1].actor.role).toBe('partner_manager');
  });

  it('answers 409 to illegal transitions and leaves the registration as it was', async () => {
    const registration = await submitted();
    const path = `/registrations/${registration.id}`;
    const today = new Date().toISOString().slice(0, 10);
    expectProblem(await call('POST', `${path}/outcome`, { token: t.tokens.dealer, body: { result: 'won', closedOn: today } }), 409);
    await call('POST', `${path}/decision`, { token: t.tokens.manager, body: { decision: 'reject', reason: 'Not a real project' } });
    expectProblem(await call('POST', `${path}/decision`, { token: t.tokens.director, body: { decision: 'approve' } }), 409);
    expectProblem(await call('POST', `${path}/withdraw`, { token: t.tokens.dealer }), 409);
    expectProblem(await call('PATCH', path, { token: t.tokens.dealer, body: { stage: 'late' }, headers: { 'if-match': '"2"' } }), 409);
    const read = await call('GET', path, { token: t.tokens.dealer });
    expect(read.body).toMatchObject({ status: 'rejected', version: 2, decisionReason: 'Not a real project' });
  });

  it('requires a reason to reject, and validates outcomes', async () => {
    const registration = await approved();
    const path = `/registrations/${registration.id}`;
    expectProblem(await call('POST', `${path}/decision`, { token: t.tokens.manager, body: { decision: 'reject' } }), 400);
    expectProblem(await call('POST', `${path}/decision`, { token: t.tokens.manager, body: { decision: 'maybe' } }), 400);
    expectProblem(
      await call('POST', `${path}/outcome`, { token: t.tokens.dealer, body: { result: 'lost', closedOn: '2099-01-01', lostReason: 'x' } }),
      400,
    );
    expectProblem(
      await call('POST', `${path}/outcome`, {
        token: t.tokens.dealer,
        body: { result: 'lost', closedOn: new Date().toISOString().slice(0, 10) },
      }),
      400,
    );
    const lost = await call('POST', `${path}/outcome`, {
      token: t.tokens.dealer,
      body: { result: 'lost', closedOn: new Date().toISOString().slice(0, 10), lostReason: 'Price', competitor: 'Acme' },
    });
    expect(lost.body).toMatchObject({ status: 'lost', outcome: { lostReason: 'Price', competitor: 'Acme' } });
  });

  it('lets a dealer withdraw an approved registration', async () => {
    const registration = await approved();
    const response = await call('POST', `/registrations/${registration.id}/withdraw`, { token: t.tokens.dealer });
    expect(response.body).toMatchObject({ status: 'withdrawn', version: 3 });
  });

  it('settles a decision racing a withdrawal: one wins, the other gets 409, history agrees', async () => {
    const registration = await submitted();
    const path = `/registrations/${registration.id}`;
    const [decision, withdrawal] = await Promise.all([
      call('POST', `${path}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } }),
      call('POST', `${path}/withdraw`, { token: t.tokens.dealer }),
    ]);
    const statuses = [decision.status, withdrawal.status];
    expect(statuses).toContain(200);
    expect(statuses.filter((s) => s === 409).length + statuses.filter((s) => s === 200).length).toBe(2);
    const history = await call('GET', `${path}/history`, { token: t.tokens.dealer });
    const changes = history.body.items.filter((e: { toStatus?: string }) => e.toStatus);
    const final = await call('GET', path, { token: t.tokens.dealer });
    expect(changes.at(-1).toStatus).toBe(final.body.status);
    expect(changes).toHaveLength(final.body.version);
  });
});

describe('manager review', () => {
  it("lists the manager's regions' pending registrations oldest first, and records each manufacturer-side read", async () => {
    const tenant = await createTenant();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
      ids.push(r.body.id);
    }
    const elsewhere = await call('POST', '/registrations', {
      token: tenant.tokens.otherDealer,
      body: registrationBody({ customer: { name: 'Delft BV', country: 'NL', city: 'Delft' } }, tenant.sku),
    });
    const page1 = await call('GET', '/reviews?limit=2', { token: tenant.tokens.manager });
    expect(page1.status).toBe(200);
    const page2 = await call('GET', `/reviews?limit=2&cursor=${page1.body.nextCursor}`, { token: tenant.tokens.manager });
    expect([...page1.body.items, ...page2.body.items].map((r: { id: string }) => r.id)).toEqual(ids);
    expect(page2.body.nextCursor).toBeUndefined();

    const bothRegions = await tokenFor({ role: 'regional_director', regions: [tenant.regionId, tenant.otherRegionId] });
    const all = await call('GET', '/reviews?limit=10', { token: bothRegions });
    expect(all.body.items.map((r: { id: string }) => r.id)).toEqual([...ids, elsewhere.body.id]);

    await call('POST', `/registrations/${ids[0]}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } });
    const after = await call('GET', '/reviews', { token: tenant.tokens.manager });
    expect(after.body.items.map((r: { id: string }) => r.id)).toEqual(ids.slice(1));

    await call('GET', `/registrations/${ids[1]}`, { token: tenant.tokens.manager });
    const history = await call('GET', `/registrations/${ids[1]}/history`, { token: tenant.tokens.dealer });
    const actions = history.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('viewed');
    expect(actions).toContain('listed_for_review');
    const dealerReads = await call('GET', `/registrations/${ids[2]}/history`, { token: tenant.tokens.dealer });
    expect(dealerReads.body.items.map((e: { action: string }) => e.action)).not.toContain('viewed');
  });

  it('answers 400 to a forged review cursor', async () => {
    expectProblem(await call('GET', '/reviews?cursor=Zm9v', { token: t.tokens.manager }), 400);
  });
});
