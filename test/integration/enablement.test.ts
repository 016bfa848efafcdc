/**
 * Enablement over the local stack (SPEC §4, §8): the catalogue by tier, tier price lists (own tier only, overlap
 * refused by the database, CSV formula-safe), sales assets by minimum tier with counted, expiring downloads, and the
 * support contact by tier and region.
 */
import { describe, expect, it } from 'vitest';
import { call, createTenant, registrationBody, type Tenant, tokenFor, uniqueId } from '../support/api.js';
import { asset, privateCurrency, privateYear, product, setTier } from '../support/enablement.js';

async function everyPage(path: string, token: string) {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

async function tiered() {
  const t = await createTenant();
  await setTier(t.dealerId, 'silver');
  await setTier(t.sameRegionDealerId, 'gold');
  return { t, silver: t.tokens.dealer, gold: t.tokens.sameRegionDealer };
}

describe('catalogue', () => {
  it('shows a Silver dealer published products only: an early-access or withdrawn one is 404; Gold sees early access', async () => {
    const { t, silver, gold } = await tiered();
    const published = await product(t.tokens.admin, 'published');
    const early = await product(t.tokens.admin, 'early_access');
    const withdrawn = await product(t.tokens.admin, 'withdrawn');

    const silverSkus = (await everyPage('/catalog', silver)).map((p) => p.sku);
    expect(silverSkus).toContain(published);
    expect(silverSkus).not.toContain(early);
    expect(silverSkus).not.toContain(withdrawn);
    expect((await call('GET', `/catalog/${early}`, { token: silver })).status).toBe(404);
    expect((await call('GET', `/catalog/${withdrawn}`, { token: silver })).status).toBe(404);
    const detail = await call('GET', `/catalog/${published}`, { token: silver });
    expect(detail.body).toMatchObject({
      sku: published,
      availability: 'published',
      description: 'A machine',
      specs: { Spindle: '12,000 rpm' },
    });

    const goldSkus = (await everyPage('/catalog', gold)).map((p) => p.sku);
    expect(goldSkus).toEqual(expect.arrayContaining([published, early]));
    expect(goldSkus).not.toContain(withdrawn);
    expect((await call('GET', `/catalog/${early}`, { token: gold })).body.availability).toBe('early_access');

    // A dealer never evaluated is Bronze: published only.
    expect((await call('GET', `/catalog/${early}`, { token: t.tokens.otherDealer })).status).toBe(404);
    // The manufacturer's staff see everything, with its availability.
    expect((await call('GET', `/catalog/${withdrawn}`, { token: t.tokens.manager })).body.availability).toBe('withdrawn');
  });

  it('refuses a registration or an update naming a product the tier may not see: 400 at /products/i/sku, as if unknown', async () => {
    const { t, silver, gold } = await tiered();
    const published = await product(t.tokens.admin, 'published');
    const early = await product(t.tokens.admin, 'early_access');
    const withdrawn = await product(t.tokens.admin, 'withdrawn');
    const register = (token: string, skus: string[], customer = `Kunde ${uniqueId('c')} GmbH`) =>
      call('POST', '/registrations', {
        token,
        body: registrationBody({
          customer: { name: customer, country: 'DE', city: 'Stuttgart', postalCode: '70173' },
          products: skus.map((sku) => ({ sku, quantity: 1 })),
        }),
      });
    const mine = async (token: string) => (await everyPage('/registrations', token)).map((r) => r.customer.name);

    for (const hidden of [early, withdrawn]) {
      const customer = `Kunde ${uniqueId('c')} GmbH`;
      const refused = await register(silver, [published, hidden], customer);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors).toEqual([{ path: '/products/1/sku', message: `is not a product in the catalog (${hidden})` }]);
      expect(await mine(silver)).not.toContain(customer);
    }
    expect((await register(gold, [early])).status).toBe(201);
    expect((await register(gold, [withdrawn])).body.errors[0].path).toBe('/products/0/sku');

    const created = await register(silver, [published]);
    expect(created.status, created.text).toBe(201);
    const patch = await call('PATCH', `/registrations/${created.body.id}`, {
      token: silver,
      headers: { 'if-match': created.headers.get('etag') as string },
      body: { products: [{ sku: early, quantity: 1 }] },
    });
    expect(patch.status, patch.text).toBe(400);
    expect(patch.body.errors).toEqual([{ path: '/products/0/sku', message: `is not a product in the catalog (${early})` }]);
    const after = await call('GET', `/registrations/${created.body.id}`, { token: silver });
    expect(after.body.products).toEqual([{ sku: published, quantity: 1 }]);
    expect(after.body.version).toBe(created.body.version);
  });

  it('refuses an unknown availability with 400 naming the field', async () => {
    const t = await createTenant();
    const bad = await call('PUT', `/products/${uniqueId('SKU')}`, {
      token: t.tokens.admin,
      body: { name: 'X', productLine: 'milling', availability: 'beta' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/availability');
  });
});

async function priceList(t: Tenant, skus: string[], overrides: Record<string, unknown> = {}) {
  const currency = privateCurrency();
  const year = privateYear();
  const id = uniqueId('pl');
  const body = {
    currency,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    tierDiscountPercent: { gold: 30, silver: 20, bronze: 10 },
    items: skus.map((sku, i) => ({ sku, listPrice: { amount: 100_000 * (i + 1), currency } })),
    ...overrides,
  };
  const put = await call('PUT', `/price-lists/${id}`, { token: t.tokens.admin, body });
  expect(put.status, put.text).toBe(200);
  return { id, currency, year, body };
}

describe('price lists', () => {
  it('gives a Silver dealer Silver net prices only, never Gold’s discount or prices', async () => {
    const { t, silver, gold } = await tiered();
    const sku = await product(t.tokens.admin, 'published');
    const early = await product(t.tokens.admin, 'early_access');
    const { id, currency, year } = await priceList(t, [sku, early]);

    const own = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}`, { token: silver });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ priceListId: id, currency, tier: 'silver', validFrom: `${year}-01-01` });
    // The early-access product is not the Silver dealer's to see, nor its price.
    expect(own.body.items).toEqual([
      {
        sku,
        name: expect.any(String),
        listPrice: { amount: 100_000, currency },
        discountPercent: 20,
        netPrice: { amount: 80_000, currency },
      },
    ]);
    expect(own.text).not.toContain('"gold"');
    expect(own.text).not.toContain('70000');
    expect(own.text).not.toContain(early);
    // Asking for Gold's prices is refused, naming the parameter.
    const asked = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}&tier=gold`, { token: silver });
    expect(asked.status).toBe(400);
    expect(asked.body.errors[0].path).toBe('tier');
    expect(asked.text).not.toContain('70000');

    const goldPrices = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}`, { token: gold });
    expect(goldPrices.body.tier).toBe('gold');
    expect(goldPrices.body.items.map((i: { netPrice: { amount: number } }) => i.netPrice.amount)).toEqual([70_000, 140_000]);

    // Staff name the tier.
    expect((await call('GET', `/price-list?date=${year}-06-01&currency=${currency}`, { token: t.tokens.manager })).status).toBe(400);
    const bronze = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}&tier=bronze`, { token: t.tokens.manager });
    expect(bronze.body.items[0].netPrice.amount).toBe(90_000);
    // No list valid on that date.
    expect((await call('GET', `/price-list?date=${year + 1}-06-01&currency=${currency}`, { token: silver })).status).toBe(404);
  });

  it('answers CSV with formula-safe cells', async () => {
    const { t, silver } = await tiered();
    const sku = uniqueId('SKU');
    await call('PUT', `/products/${sku}`, { token: t.tokens.admin, body: { name: '=HYPERLINK("http://x")', productLine: 'milling' } });
    const { currency, year } = await priceList(t, [sku]);
    const csv = await call('GET', `/price-list?date=${year}-03-01&currency=${currency}&format=csv`, { token: silver });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('sku,name,listPrice,discountPercent,netPrice,currency');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('refuses an overlapping list of the same currency in the database, also when the writes race', async () => {
    const t = await createTenant();
    const sku = await product(t.tokens.admin, 'published');
    const { year, body } = await priceList(t, [sku]);
    const overlapping = await call('PUT', `/price-lists/${uniqueId('pl')}`, {
      token: t.tokens.admin,
      body: { ...body, validFrom: `${year}-12-01`, validTo: `${year + 1}-06-30` },
    });
    expect(overlapping.status).toBe(409);
    // Adjacent is fine; another currency on the same dates too.
    const next = await call('PUT', `/price-lists/${uniqueId('pl')}`, {
      token: t.tokens.admin,
      body: { ...body, validFrom: `${year + 1}-01-01`, validTo: `${year + 1}-12-31` },
    });
    expect(next.status, next.text).toBe(200);

    // Racing writes of overlapping lists of a fresh currency-year: exactly one is stored. (Every fixture list is
    // bounded to its year: an open-ended one would block every later year of its currency for other tests.)
    const raceYear = privateYear();
    const raceCurrency = privateCurrency();
    const race = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call('PUT', `/price-lists/${uniqueId('race')}`, {
          token: t.tokens.admin,
          body: {
            currency: raceCurrency,
            validFrom: `${raceYear}-0${i + 1}-01`,
            validTo: `${raceYear}-12-31`,
            items: [{ sku, listPrice: { amount: 100, currency: raceCurrency } }],
          },
        }),
      ),
    );
    const statuses = race.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => [200, 409, 503].includes(s))).toBe(true);
  });

  it('takes the program’s base margins as tier discounts when the list names none; 400 for unknown SKUs and mixed currencies', async () => {
    const { t, silver } = await tiered();
    const sku = await product(t.tokens.admin, 'published');
    const { currency, year, body } = await priceList(t, [sku], { tierDiscountPercent: undefined });
    const program = (await call('GET', '/program', { token: t.tokens.admin })).body;
    const prices = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}`, { token: silver });
    expect(prices.body.items[0].discountPercent).toBe(program.tiers.margins.base.silver);

    const unknown = await call('PUT', `/price-lists/${uniqueId('pl')}`, {
      token: t.tokens.admin,
      body: { ...body, currency: 'EUR', items: [{ sku: 'NO-SUCH-SKU', listPrice: { amount: 1, currency: 'EUR' } }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('/items/0/sku');
    const mixed = await call('PUT', `/price-lists/${uniqueId('pl')}`, {
      token: t.tokens.admin,
      body: { ...body, items: [{ sku, listPrice: { amount: 1, currency: currency === 'EUR' ? 'USD' : 'EUR' } }] },
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].path).toBe('/items/0/listPrice/currency');
  });
});

describe('sales assets', () => {
  it('hides a Gold-only asset and an early-access product’s datasheet from Silver (404), shows them to Gold', async () => {
    const { t, silver, gold } = await tiered();
    const sku = await product(t.tokens.admin, 'published');
    const early = await product(t.tokens.admin, 'early_access');
    const open = await asset(t.tokens.admin, { skus: [sku] });
    const goldOnly = await asset(t.tokens.admin, { skus: [sku], minimumTier: 'gold', kind: 'presentation' });
    const earlySheet = await asset(t.tokens.admin, { skus: [early] });

    const silverIds = (await everyPage(`/assets?sku=${sku}`, silver)).map((a) => a.id);
    expect(silverIds).toEqual([open]);
    expect((await everyPage(`/assets?sku=${early}`, silver)).map((a) => a.id)).toEqual([]);
    for (const id of [goldOnly, earlySheet]) {
      expect((await call('GET', `/assets/${id}`, { token: silver })).status).toBe(404);
      expect((await call('GET', `/assets/${id}/download`, { token: silver })).status).toBe(404);
    }
    expect((await everyPage(`/assets?sku=${sku}`, gold)).map((a) => a.id).sort()).toEqual([open, goldOnly].sort());
    expect((await call('GET', `/assets/${earlySheet}`, { token: gold })).status).toBe(200);
    const stored = await call('GET', `/assets/${open}`, { token: silver });
    expect(stored.body).toMatchObject({
      id: open,
      kind: 'datasheet',
      fileName: 'datasheet.pdf',
      contentType: 'application/pdf',
      bytes: 3000,
    });
    expect(stored.body).not.toHaveProperty('objectKey');
  });

  it('downloads through a presigned GET valid 5 minutes, which then expires', async () => {
    const { t, silver } = await tiered();
    const sku = await product(t.tokens.admin, 'published');
    const id = await asset(t.tokens.admin, { skus: [sku] });
    const download = await call('GET', `/assets/${id}/download`, { token: silver });
    expect(download.status).toBe(200);
    const url = new URL(download.body.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(Date.parse(download.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const fetched = await fetch(url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-disposition')).toContain('datasheet.pdf');
    expect((await fetched.arrayBuffer()).byteLength).toBe(3000);

    // The same URL as it is 301 s after signing: s3rver verifies no signature but does enforce the expiry, so
    // moving the signing time back shows what S3 answers once the 5 minutes are over.
    const signedAt = url.searchParams.get('X-Amz-Date') as string;
    const at = new Date(
      `${signedAt.slice(0, 4)}-${signedAt.slice(4, 6)}-${signedAt.slice(6, 8)}T${signedAt.slice(9, 11)}:${signedAt.slice(11, 13)}:${signedAt.slice(13, 15)}Z`,
    );
    const late = new URL(url);
    late.searchParams.set('X-Amz-Date', new Date(at.getTime() - 301_000).toISOString().replace(/[-:]|\.\d{3}/g, ''));
    const expired = await fetch(late);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('counts each dealer download per month for marketingParticipation, not an admin’s', async () => {
    const { t, silver } = await tiered();
    const sku = await product(t.tokens.admin, 'published');
    const id = await asset(t.tokens.admin, { skus: [sku] });
    const period = `${new Date().getUTCFullYear()}`;
    const before = await call('GET', `/dealers/${t.dealerId}/scorecard?period=${period}`, { token: silver });
    expect(before.body.kpis.marketingParticipation).toBeNull();
    await Promise.all([1, 2, 3].map(() => call('GET', `/assets/${id}/download`, { token: silver })));
    await call('GET', `/assets/${id}/download`, { token: t.tokens.admin });
    const after = await call('GET', `/dealers/${t.dealerId}/scorecard?period=${period}`, { token: silver });
    expect(after.body.kpis.marketingParticipation).toBe(1);
  });

  it('wants a confirmed asset file of the manufacturer: pending, a dealer’s proof or unknown are 400 at /fileId', async () => {
    const t = await createTenant();
    const proof = await (await import('../support/files.js')).uploadedFile(t.tokens.dealer);
    const pending = (
      await call('POST', '/files', {
        token: t.tokens.admin,
        body: { purpose: 'asset', fileName: 'a.pdf', contentType: 'application/pdf', bytes: 10 },
      })
    ).body.fileId;
    for (const fileId of [proof, pending, 'file_000000000000000000000000']) {
      const refused = await call('PUT', `/assets/${uniqueId('asset')}`, {
        token: t.tokens.admin,
        body: { title: 'T', kind: 'other', fileId },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe('/fileId');
    }
  });
});

describe('support contact', () => {
  it('by tier: Gold its dedicated partner manager, Silver the region’s, Bronze self-service', async () => {
    const t = await createTenant();
    const admin = t.tokens.admin;
    await call('PUT', `/dealers/${t.sameRegionDealerId}`, {
      token: admin,
      body: {
        name: 'Neighbour Dealer',
        regionId: t.regionId,
        email: 'n@dealer.example',
        status: 'active',
        partnerManager: { name: 'Greta Gold', email: 'greta@manufacturer.example', phone: '+49 711 1' },
      },
    });
    const region = (await call('GET', `/regions/${t.regionId}`, { token: admin })).body;
    await call('PUT', `/regions/${t.regionId}`, {
      token: admin,
      body: { ...region, id: undefined, updatedAt: undefined, partnerManagerName: 'Petra Silber' },
    });
    await setTier(t.dealerId, 'silver');
    await setTier(t.sameRegionDealerId, 'gold');

    const gold = await call('GET', '/support', { token: t.tokens.sameRegionDealer });
    expect(gold.body).toEqual({
      tier: 'gold',
      kind: 'dedicated_partner_manager',
      name: 'Greta Gold',
      email: 'greta@manufacturer.example',
      phone: '+49 711 1',
    });
    const silver = await call('GET', '/support', { token: t.tokens.dealer });
    expect(silver.body).toMatchObject({
      tier: 'silver',
      kind: 'shared_partner_manager',
      name: 'Petra Silber',
      email: region.partnerManagerEmail,
    });
    const bronze = await call('GET', '/support', { token: t.tokens.otherDealer });
    expect(bronze.body).toMatchObject({ tier: 'bronze', kind: 'self_service' });
    expect(bronze.body.email).toMatch(/@/);
    expect(bronze.text).not.toContain('greta');
    expect((await call('GET', '/support', { token: await tokenFor({ role: 'dealer', dealerId: uniqueId('nobody') }) })).status).toBe(404);
  });
});
