import { describe, expect, it } from 'vitest';
import { call, createTenant, tokenFor, uniqueId } from '../support/api.js';

const admin = await tokenFor({ role: 'channel_admin' });

const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number, path?: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  if (path) expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
};

describe('program settings', () => {
  it('answers the current settings to admins, finance and managers', async () => {
    const current = await call('GET', '/program', { token: admin });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ protectionDays: expect.any(Number), reviewTargetHours: expect.any(Number) });
    for (const token of [await tokenFor({ role: 'finance' }), await tokenFor({ role: 'partner_manager', regions: ['x'] })]) {
      expect((await call('GET', '/program', { token })).status).toBe(200);
    }
  });

  it('rejects bad settings naming the field, and only channel admins may set them', async () => {
    const current = (await call('GET', '/program', { token: admin })).body;
    expectProblem(await call('PUT', '/program', { token: admin, body: { ...current, protectionDays: 0 } }), 400, '/protectionDays');
    expectProblem(
      await call('PUT', '/program', { token: admin, body: { ...current, reviewTargetHours: 50, reviewLimitHours: 48 } }),
      400,
      '/reviewLimitHours',
    );
    expectProblem(
      await call('PUT', '/program', { token: admin, body: { ...current, stageProbabilities: { early: 2, mid: 0.4, late: 0.7 } } }),
      400,
      '/stageProbabilities/early',
    );
    expectProblem(await call('PUT', '/program', { token: admin, body: { ...current, fxRates: { usd: 1 } } }), 400);
    expectProblem(await call('PUT', '/program', { token: admin, body: { ...current, surprise: true } }), 400, '/surprise');
    const dealer = await tokenFor({ role: 'dealer', dealerId: 'd1' });
    expectProblem(await call('PUT', '/program', { token: dealer, body: current }), 403);
    expectProblem(await call('GET', '/program', { token: dealer }), 403);
    expect((await call('GET', '/program', { token: admin })).body).toEqual(current);
  });
});

describe.each([
  {
    collection: 'regions',
    valid: () => ({ name: 'Nordics', countries: ['SE', 'NO'], partnerManagerEmail: 'pm@m.example', regionalDirectorEmail: 'rd@m.example' }),
    invalid: [
      ['/countries/0', { countries: ['Sweden'] }],
      ['/countries', { countries: [] }],
      ['/partnerManagerEmail', { partnerManagerEmail: 'nope' }],
      ['/name', { name: '' }],
    ],
  },
  {
    collection: 'products',
    valid: () => ({ name: 'Press', productLine: 'presses' }),
    invalid: [
      ['/productLine', { productLine: 'has spaces' }],
      ['/name', { name: 7 }],
    ],
  },
] as const)('$collection', ({ collection, valid, invalid }) => {
  it('supports PUT, GET and a paged list for channel admins', async () => {
    const ids = [uniqueId('a'), uniqueId('b')];
    for (const id of ids) {
      const put = await call('PUT', `/${collection}/${id}`, { token: admin, body: valid() });
      expect(put.status, put.text).toBe(200);
    }
    const got = await call('GET', `/${collection}/${ids[0]}`, { token: admin });
    expect(got.body).toMatchObject(valid());
    const replaced = await call('PUT', `/${collection}/${ids[0]}`, { token: admin, body: { ...valid(), name: 'Renamed' } });
    expect(replaced.body.name).toBe('Renamed');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/${collection}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: admin });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id?: string; sku?: string }) => i.id ?? i.sku));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(ids));
  });

  it('answers 400 naming the field, 404 for an unknown id, 403 for other roles', async () => {
    const id = uniqueId('x');
    for (const [path, change] of invalid) {
      expectProblem(await call('PUT', `/${collection}/${id}`, { token: admin, body: { ...valid(), ...change } }), 400, path);
    }
    expectProblem(await call('GET', `/${collection}/${id}`, { token: admin }), 404);
    expectProblem(await call('PUT', `/${collection}/bad id!`, { token: admin, body: valid() }), 400);
    const manager = await tokenFor({ role: 'partner_manager', regions: ['r'] });
    expectProblem(await call('PUT', `/${collection}/${id}`, { token: manager, body: valid() }), 403);
    expectProblem(await call('GET', `/${collection}`, { token: manager }), 403);
  });
});

describe('dealers', () => {
  it('must belong to an existing region', async () => {
    const tenant = await createTenant();
    const id = uniqueId('dealer');
    const body = { name: 'New Dealer', regionId: tenant.regionId, email: 'n@d.example', status: 'active' };
    expect((await call('PUT', `/dealers/${id}`, { token: admin, body })).status).toBe(200);
    expectProblem(await call('PUT', `/dealers/${id}`, { token: admin, body: { ...body, regionId: 'atlantis' } }), 400, '/regionId');
    expectProblem(await call('PUT', `/dealers/${id}`, { token: admin, body: { ...body, status: 'gold' } }), 400, '/status');
    expect((await call('GET', `/dealers/${id}`, { token: admin })).body).toMatchObject(body);
  });

  it('a phased-out dealer can no longer register', async () => {
    const tenant = await createTenant();
    await call('PUT', `/dealers/${tenant.dealerId}`, {
      token: admin,
      body: { name: 'Gone', regionId: tenant.regionId, email: 'g@d.example', status: 'phased_out' },
    });
    const { registrationBody } = await import('../support/api.js');
    const response = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
    expectProblem(response, 403);
  });
});

describe('the dealer directory', () => {
  /** Dealers of a fresh region pair: `count` in the first region, named so that every other one holds "Präzision". */
  async function regionsWithDealers(count: number) {
    const tenant = await createTenant();
    const prefix = uniqueId('dir').toLowerCase();
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) {
      const regionId = i % 3 === 2 ? tenant.otherRegionId : tenant.regionId;
      const name = i % 2 === 0 ? `Präzision ${id}` : `Tools ${id}`;
      const put = await call('PUT', `/dealers/${id}`, {
        token: admin,
        body: { name, regionId, email: `${id}@d.example`, status: 'active' },
      });
      expect(put.status).toBe(200);
    }
    return { tenant, prefix, ids };
  }

  async function everyPage(path: string, token: string) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      ids.push(...page.body.items.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  }

  it('pages a manager through both its regions, merged in id order, and nothing of another region', async () => {
    const { tenant, prefix, ids } = await regionsWithDealers(9);
    const manager = await tokenFor({ role: 'partner_manager', regions: [tenant.regionId, tenant.otherRegionId] });
    const { ids: listed, pages } = await everyPage(`/dealer-directory?limit=2&q=${prefix}`, manager);
    expect(listed).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(5);
    const own = await everyPage(`/dealer-directory?limit=100&q=${prefix}`, tenant.tokens.manager);
    expect(own.ids).toEqual(ids.filter((_, i) => i % 3 !== 2));
    const first = (await call('GET', `/dealer-directory?regionId=${tenant.regionId}&limit=1`, { token: tenant.tokens.manager })).body
      .items[0];
    expect(first).toMatchObject({ regionId: tenant.regionId, tier: expect.stringMatching(/^(gold|silver|bronze)$/) });
  });

  it('searches by part of the name or id, ignoring case and accents', async () => {
    const { prefix, ids } = await regionsWithDealers(6);
    const found = await everyPage(`/dealer-directory?limit=100&q=${encodeURIComponent('PRAZISION')}`, admin);
    expect(found.ids.filter((id) => id.startsWith(prefix))).toEqual(ids.filter((_, i) => i % 2 === 0));
    // A search reads a bounded number of dealers per request: in a large table it takes more than one page.
    const byId = await everyPage(`/dealer-directory?limit=5&q=${ids[3]}`, admin);
    expect(byId.ids).toEqual([ids[3]]);
  });

  it('answers 404 to a manager asking for another region, 403 to dealers and finance, 400 for a bad query', async () => {
    const tenant = await createTenant();
    expectProblem(await call('GET', `/dealer-directory?regionId=${tenant.otherRegionId}`, { token: tenant.tokens.manager }), 404);
    expectProblem(await call('GET', '/dealer-directory', { token: tenant.tokens.dealer }), 403);
    expectProblem(await call('GET', '/dealer-directory', { token: tenant.tokens.finance }), 403);
    expectProblem(await call('GET', '/dealer-directory?limit=0', { token: admin }), 400, 'limit');
    expectProblem(await call('GET', '/dealer-directory?cursor=forged.x', { token: admin }), 400, 'cursor');
    expectProblem(await call('GET', '/dealer-directory?regionId=a%20b', { token: admin }), 400, 'regionId');
  });
});

describe('an unknown id of a collection', () => {
  it.each([
    ['regions', 'region'],
    ['rules/territories', 'territory rule'],
    ['rules/named-accounts', 'named account'],
  ])('names what is missing in words: %s', async (collection, noun) => {
    const id = uniqueId('none');
    const response = await call('GET', `/${collection}/${id}`, { token: admin });
    expectProblem(response, 404);
    expect(response.body.detail).toBe(`There is no ${noun} ${id}.`);
  });
});
