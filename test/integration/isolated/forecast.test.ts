/**
 * The forecast over the HTTP API. It runs in the isolated project (one file at a time) because it sets the
 * program's rates and probabilities; its deals close in 2031, a year no other test uses, so figures are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASURED_QUALITY } from '../../../shared/forecast/measured-quality.js';
import { call, createTenant, forgedToken, registrationBody, runJob, type Tenant, tokenFor, uniqueId } from '../../support/api.js';

let t: Tenant;
let admin: string;
let finance: string;
let original: Record<string, unknown>;
const today = () => new Date().toISOString().slice(0, 10);
const thisMonth = () => today().slice(0, 7);

beforeAll(async () => {
  t = await createTenant();
  admin = t.tokens.admin;
  finance = await tokenFor({ role: 'finance' });
  original = (await call('GET', '/program', { token: admin })).body;
  await call('PUT', '/program', {
    token: admin,
    body: { ...original, reportingCurrency: 'EUR', fxRates: { USD: 0.5 }, stageProbabilities: { early: 0.1, mid: 0.4, late: 0.7 } },
  });
});
afterAll(async () => {
  await call('PUT', '/program', { token: admin, body: original });
});

const register = async (tenant: Tenant, overrides: Record<string, unknown>, sku = tenant.sku) => {
  const response = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody(overrides, sku) });
  expect(response.status, response.text).toBe(201);
  return response.body;
};
const report = (query: string, token = finance) => call('GET', `/forecast?${query}`, { token });

describe('access and parameters', () => {
  it('is for finance and channel admins only', async () => {
    expect((await report('from=2031-01&to=2031-02')).status).toBe(200);
    expect((await report('from=2031-01&to=2031-02', admin)).status).toBe(200);
    for (const token of [t.tokens.dealer, t.tokens.manager, t.tokens.director]) {
      expect((await report('from=2031-01&to=2031-02', token)).status).toBe(403);
      expect((await call('GET', '/forecast/deals?from=2031-01&to=2031-02', { token })).status).toBe(403);
      expect((await call('GET', '/forecast/accuracy?month=2031-01', { token })).status).toBe(403);
    }
    expect((await call('GET', '/forecast?from=2031-01&to=2031-02')).status).toBe(401);
    expect((await report('from=2031-01&to=2031-02', await forgedToken({ role: 'finance' }))).status).toBe(401);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: [string, string][] = [
      ['to=2031-02', 'from'],
      ['from=2031-13&to=2031-12', 'from'],
      ['from=2031-05&to=2031-02', 'to'],
      ['from=2031-01&to=2034-02', 'to'],
      ['from=2031-01&to=2031-02&groupBy=week', 'groupBy'],
      ['from=2031-01&to=2031-02&groupBy=month,color', 'groupBy'],
      ['from=2031-01&to=2031-02&groupBy=month,region,region', 'groupBy'],
      ['from=2031-01&to=2031-02&weighting=gut', 'weighting'],
      ['from=2031-01&to=2031-02&format=xlsx', 'format'],
      ['from=2031-01&to=2031-02&currency=USD', 'currency'],
    ];
    for (const [query, field] of cases) {
      const response = await report(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(
        response.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(field);
    }
    expect((await call('GET', '/forecast/accuracy?month=2031-1', { token: finance })).status).toBe(400);
    expect((await call('GET', '/forecast/deals?from=2031-01&to=2031-02&cursor=bogus', { token: finance })).status).toBe(400);
  });
});

describe('figures', () => {
  it('sums pipeline, stage-weighted value and won value in the reporting currency, and follows every change', async () => {
    const turning = uniqueId('LT');
    await call('PUT', `/products/${turning}`, { token: admin, body: { name: 'Lathe', productLine: 'turning-2031' } });
    const a = await register(t, { expectedValue: { amount: 10_000, currency: 'EUR' }, stage: 'late', expectedCloseDate: '2031-03-10' });
    const b = await register(t, { expectedValue: { amount: 20_000, currency: 'USD' }, stage: 'mid', expectedCloseDate: '2031-03-20' });
    const c = await register(
      t,
      { expectedValue: { amount: 5_000, currency: 'EUR' }, stage: 'early', expectedCloseDate: '2031-04-01' },
      turning,
    );

    const monthly = await report('from=2031-03&to=2031-04');
    expect(monthly.body.currency).toBe('EUR');
    expect(monthly.body.rows).toEqual([
      { period: '2031-03', openCount: 2, pipelineValue: 20_000, weightedValue: 7_000 + 4_000, wonCount: 0, wonValue: 0 },
      { period: '2031-04', openCount: 1, pipelineValue: 5_000, weightedValue: 500, wonCount: 0, wonValue: 0 },
    ]);
    expect(monthly.body.totals).toEqual({ openCount: 3, pipelineValue: 25_000, weightedValue: 11_500, wonCount: 0, wonValue: 0 });

    const grouped = await report('from=2031-01&to=2031-06&groupBy=quarter,productLine,region,dealer,tier');
    expect(grouped.body.rows).toEqual([
      {
        period: '2031-Q1',
        productLine: 'milling',
        region: expect.any(String),
        dealer: t.dealerId,
        tier: expect.any(String),
        openCount: 2,
        pipelineValue: 20_000,
        weightedValue: 11_000,
        wonCount: 0,
        wonValue: 0,
      },
      {
        period: '2031-Q2',
        productLine: 'turning-2031',
        region: expect.any(String),
        dealer: t.dealerId,
        tier: expect.any(String),
        openCount: 1,
        pipelineValue: 5_000,
        weightedValue: 500,
        wonCount: 0,
        wonValue: 0,
      },
    ]);

    await call('PATCH', `/registrations/${a.id}`, {
      token: t.tokens.dealer,
      body: { expectedValue: { amount: 30_000, currency: 'EUR' }, stage: 'mid', expectedCloseDate: '2031-04-15' },
      headers: { 'if-match': '"1"' },
    });
    await call('POST', `/registrations/${c.id}/withdraw`, { token: t.tokens.dealer });
    await call('POST', `/registrations/${b.id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
    await call('POST', `/registrations/${b.id}/outcome`, {
      token: t.tokens.dealer,
      body: { result: 'won', closedOn: today(), actualValue: { amount: 24_000, currency: 'USD' } },
    });
    const after = await report('from=2031-03&to=2031-04');
    expect(after.body.rows).toEqual([
      { period: '2031-03', openCount: 0, pipelineValue: 0, weightedValue: 0, wonCount: 0, wonValue: 0 },
      { period: '2031-04', openCount: 1, pipelineValue: 30_000, weightedValue: 12_000, wonCount: 0, wonValue: 0 },
    ]);
    const won = await report(`from=${thisMonth()}&to=${thisMonth()}&groupBy=month,dealer`);
    expect(won.body.rows.find((r: { dealer: string }) => r.dealer === t.dealerId)).toMatchObject({ wonCount: 1, wonValue: 12_000 });
  });

  it('weights by the dealer’s own close ratio with enough history, and by stage below the minimum sample', async () => {
    const tenant = await createTenant();
    const closeDate = '2031-09-30';
    for (let i = 0; i < 10; i++) {
      const r = await register(tenant, { stage: 'late', expectedCloseDate: closeDate });
      await call('POST', `/registrations/${r.id}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } });
      const outcome = i < 3 ? { result: 'won', closedOn: today() } : { result: 'lost', closedOn: today(), lostReason: 'Price' };
      await call('POST', `/registrations/${r.id}/outcome`, { token: tenant.tokens.dealer, body: outcome });
    }
    await register(tenant, { stage: 'late', expectedCloseDate: '2031-10-05', expectedValue: { amount: 100_000, currency: 'EUR' } });
    await register(tenant, { stage: 'mid', expectedCloseDate: '2031-10-06', expectedValue: { amount: 100_000, currency: 'EUR' } });
    const rowOf = async (weighting: string) =>
      (await report(`from=2031-10&to=2031-10&groupBy=month,dealer&weighting=${weighting}`)).body.rows.find(
        (r: { dealer: string }) => r.dealer === tenant.dealerId,
      );
    expect((await rowOf('stage')).weightedValue).toBe(70_000 + 40_000);
    // late: 3 won of 10 closed → 0.3; mid has no history → the stage probability 0.4.
    expect((await rowOf('history')).weightedValue).toBe(30_000 + 40_000);
  });

  it('weights by each dealer’s own record under `dealer` and `calibrated`, and says which weighting and how it measured', async () => {
    // Two dealers with the same open deal: one won 9 of its 10 late-stage deals, the other 1 of 10.
    const record = async (wins: number) => {
      const tenant = await createTenant();
      for (let i = 0; i < 10; i++) {
        const r = await register(tenant, { stage: 'late', expectedCloseDate: '2031-11-20' });
        await call('POST', `/registrations/${r.id}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } });
        const outcome = i < wins ? { result: 'won', closedOn: today() } : { result: 'lost', closedOn: today(), lostReason: 'Price' };
        expect((await call('POST', `/registrations/${r.id}/outcome`, { token: tenant.tokens.dealer, body: outcome })).status).toBe(200);
      }
      await register(tenant, { stage: 'late', expectedCloseDate: '2031-12-05', expectedValue: { amount: 100_000, currency: 'EUR' } });
      return tenant;
    };
    const strong = await record(9);
    const weak = await record(1);
    const weighted = async (weighting: string) => {
      const response = await report(`from=2031-12&to=2031-12&groupBy=month,dealer&weighting=${weighting}`);
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ weighting, weightingQuality: MEASURED_QUALITY[weighting as keyof typeof MEASURED_QUALITY] });
      const value = (tenant: Tenant) =>
        response.body.rows.find((r: { dealer: string }) => r.dealer === tenant.dealerId).weightedValue as number;
      return { strong: value(strong), weak: value(weak) };
    };
    expect(await weighted('stage')).toEqual({ strong: 70_000, weak: 70_000 });
    for (const weighting of ['dealer', 'calibrated']) {
      const { strong: high, weak: low } = await weighted(weighting);
      // Shrunk towards the network, not equal to the raw 90 % and 10 %, but ordered by the record and within the deal.
      expect(high, weighting).toBeGreaterThan(low);
      expect(low, weighting).toBeGreaterThan(0);
      expect(high, weighting).toBeLessThan(100_000);
    }
    const csv = await call('GET', '/forecast?from=2031-12&to=2031-12&groupBy=month,dealer&weighting=calibrated&format=csv', {
      token: finance,
    });
    expect(csv.text).toContain(`,calibrated,${MEASURED_QUALITY.calibrated.errorPercent}\r\n`);
  });
});

describe('exports', () => {
  it('writes CSV that opens cleanly in Excel: BOM, header, CRLF, decimals with two places, a totals row', async () => {
    const response = await call('GET', '/forecast?from=2031-03&to=2031-04&groupBy=month,productLine&format=csv', { token: finance });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="forecast-2031-03-2031-04.csv"');
    const raw = Buffer.from(
      await (
        await fetch(
          `${(await import('../../support/api.js')).apiUrl}/forecast?from=2031-03&to=2031-04&groupBy=month,productLine&format=csv`,
          { headers: { authorization: `Bearer ${finance}` } },
        )
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const quality = `stage,${MEASURED_QUALITY.stage.errorPercent}`;
    expect(lines[0]).toBe(
      'month,productLine,openDeals,pipelineValue,weightedValue,wonDeals,wonValue,currency,weighting,weightingErrorOnSimulationPercent',
    );
    expect(lines).toContain(`2031-04,milling,1,300.00,120.00,0,0.00,EUR,${quality}`);
    expect(lines.find((l) => l.startsWith('total,'))).toBe(`total,,1,300.00,120.00,0,0.00,EUR,${quality}`);
    expect(lines.at(-1)).toBe('');
  });

  it('pages line items as JSON and CSV, without contact data', async () => {
    const tenant = await createTenant();
    for (let i = 0; i < 3; i++) {
      await register(tenant, {
        expectedCloseDate: `2031-11-0${i + 1}`,
        customer: { name: `Zeile, "${i}" GmbH`, country: 'DE', city: 'Köln' },
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('GET', `/forecast/deals?from=2031-11&to=2031-11&limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        token: finance,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((d: { customerName: string }) => d.customerName));
      expect(page.text).not.toContain('eva@kunde.example');
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['Zeile, "0" GmbH', 'Zeile, "1" GmbH', 'Zeile, "2" GmbH']);
    const csv = await call('GET', '/forecast/deals?from=2031-11&to=2031-11&format=csv&limit=2', { token: finance });
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('registrationId,dealerId,dealerName,customerName');
    expect(lines.filter((l) => l.includes('"Zeile, ""'))).toHaveLength(2);
    expect(csv.headers.get('link')).toMatch(/rel="next"/);
    expect(csv.text).not.toContain('eva@kunde.example');
  });
});

describe('accuracy', () => {
  it('compares what each monthly snapshot forecast for a month with what was won', async () => {
    await runJob('forecast-snapshot', new Date('2031-02-15T02:00:00Z'));
    await runJob('forecast-snapshot', new Date('2031-03-01T02:00:00Z'));
    const response = await call('GET', '/forecast/accuracy?month=2031-04', { token: finance });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ month: '2031-04', currency: 'EUR', actualWonValue: 0 });
    expect(response.body.snapshots.map((s: { takenMonth: string }) => s.takenMonth)).toEqual(['2031-02', '2031-03']);
    expect(response.body.snapshots[0]).toMatchObject({
      forecastPipelineValue: 30_000,
      forecastWeightedValue: 12_000,
      error: -12_000,
      errorPercent: -100,
    });
  });
});
