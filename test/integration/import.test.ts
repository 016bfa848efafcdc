/**
 * `npm run import` against the local stack: a spreadsheet of registrations is validated whole before anything is
 * sent (errors by row and column), imported through POST /registrations with a progress bar, and a re-run imports
 * nothing new. The refused file has 5,000 rows; the imported one IMPORT_TEST_ROWS (default 100, to keep the suite's
 * time sane on 2 cores: 400 rows took 150 s at a load average of 28); IMPORT_TEST_ROWS=5000 runs the full size.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, call, createTenant, type Tenant } from '../support/api.js';
import { privateCurrency, privateYear } from '../support/enablement.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = path.join(ROOT, '.tmp', 'import-test');
const IMPORTED_ROWS = Number(process.env.IMPORT_TEST_ROWS ?? 100);

const COLUMNS = [
  'customerName',
  'customerCountry',
  'customerCity',
  'contactName',
  'contactEmail',
  'products',
  'expectedValue',
  'currency',
  'expectedCloseDate',
  'stage',
];
const closeDate = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

/** A made-up company name per row, distinct enough that no two rows look like the same customer. */
function companyName(run: string, index: number): string {
  const digest = createHash('sha256').update(`${run}:${index}`).digest();
  const word = (offset: number, length: number) =>
    Array.from(
      { length },
      (_, i) => (i % 2 ? 'aeiou' : 'bdfgklmnprstvz')[(digest[offset + i] as number) % (i % 2 ? 5 : 14)] as string,
    ).join('');
  const name = `${word(0, 7)} ${word(8, 6)} ${word(16, 5)}`;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} GmbH`;
}

function rows(run: string, count: number, sku: string) {
  return Array.from({ length: count }, (_, i) => ({
    customerName: companyName(run, i),
    customerCountry: 'DE',
    customerCity: 'Stuttgart',
    contactName: 'Eva Müller',
    contactEmail: `eva${i}@kunde.example`,
    products: `${sku}:${(i % 5) + 1}`,
    expectedValue: String(10_000 + i),
    currency: 'EUR',
    expectedCloseDate: closeDate,
    stage: ['early', 'mid', 'late'][i % 3] as string,
  }));
}

async function writeXlsx(file: string, data: Record<string, string>[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Open deals');
  sheet.addRow(COLUMNS);
  for (const row of data) sheet.addRow(COLUMNS.map((column) => row[column] ?? ''));
  await workbook.xlsx.writeFile(file);
}

function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tooling/import/cli.ts', ...args], { cwd: ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
}

describe('npm run import registrations', () => {
  let t: Tenant;
  const run = randomUUID().slice(0, 8);
  beforeAll(async () => {
    t = await createTenant();
    mkdirSync(DIR, { recursive: true });
  });

  it('refuses a 5,000-row XLSX with 3 bad rows, naming each by row and column, and writes nothing', async () => {
    const data = rows(run, 5_000, t.sku);
    (data[15] as Record<string, string>).contactEmail = 'not-an-email';
    (data[2_499] as Record<string, string>).customerCity = '';
    (data[4_997] as Record<string, string>).expectedCloseDate = '2027-02-30';
    const file = path.join(DIR, `bad-${run}.xlsx`);
    await writeXlsx(file, data);
    const result = await runImport(['registrations', file, '--api', apiUrl, '--token', t.tokens.dealer]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('3 error(s) in 3 row(s); nothing was imported');
    // Spreadsheet rows: the header is row 1, so data[15] is row 17.
    expect(result.stderr).toMatch(/row 17, column contactEmail: /);
    expect(result.stderr).toMatch(/row 2501, column customerCity: /);
    expect(result.stderr).toMatch(/row 4999, column expectedCloseDate: must be a date that exists/);
    expect((await call('GET', '/registrations?limit=1', { token: t.tokens.dealer })).body.items).toEqual([]);
  }, 120_000);

  it(
    'imports the fixed file with progress, through the same rules; a re-run imports nothing new',
    async () => {
      const file = path.join(DIR, `good-${run}.xlsx`);
      await writeXlsx(file, rows(run, IMPORTED_ROWS, t.sku));
      const dry = await runImport(['registrations', file, '--dry-run', '--api', apiUrl, '--token', t.tokens.dealer]);
      expect(dry.stdout).toContain(`${IMPORTED_ROWS} row(s) valid; dry run, nothing sent`);
      expect((await call('GET', '/registrations?limit=1', { token: t.tokens.dealer })).body.items).toEqual([]);

      const first = await runImport(['registrations', file, '--api', apiUrl, '--token', t.tokens.dealer]);
      console.info(`import of ${IMPORTED_ROWS} rows: ${first.ms} ms`);
      expect(first.stderr).toContain('|'); // the progress bar
      expect(first.stderr).toContain(`${IMPORTED_ROWS}/${IMPORTED_ROWS} rows`);
      expect(first.stdout).toContain(`${IMPORTED_ROWS} row(s): ${IMPORTED_ROWS} created.`);
      expect(first.code).toBe(0);

      const again = await runImport(['registrations', file, '--api', apiUrl, '--token', t.tokens.dealer]);
      console.info(`re-run of ${IMPORTED_ROWS} rows: ${again.ms} ms`);
      expect(again.stdout).toContain(`${IMPORTED_ROWS} row(s): ${IMPORTED_ROWS} already imported.`);

      let count = 0;
      let cursor: string | undefined;
      do {
        const page = await call('GET', `/registrations?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: t.tokens.dealer });
        count += page.body.items.length;
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(count).toBe(IMPORTED_ROWS);
    },
    Math.max(600_000, IMPORTED_ROWS * 1_000),
  );

  it('imports setup kinds from CSV by id: a re-run leaves them unchanged', async () => {
    const file = path.join(DIR, `products-${run}.csv`);
    const skus = [`IMP-${run}-1`, `IMP-${run}-2`];
    writeFileSync(file, `sku,name,productLine\n${skus[0]},"=HYPERLINK(""x"")",milling\n${skus[1]},Turning centre,turning\n`);
    const admin = t.tokens.admin;
    const first = await runImport(['products', file, '--api', apiUrl, '--token', admin]);
    expect(first.stdout).toContain('2 row(s): 2 created.');
    expect((await call('GET', `/products/${skus[1]}`, { token: admin })).body).toMatchObject({
      name: 'Turning centre',
      productLine: 'turning',
    });
    const again = await runImport(['products', file, '--api', apiUrl, '--token', admin]);
    expect(again.stdout).toContain('2 row(s): 2 unchanged.');
    writeFileSync(file, 'sku,name,colour\n,Nameless,red\n');
    const bad = await runImport(['products', file, '--api', apiUrl, '--token', admin]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('row 1, column colour: is not a column of this import');
    expect(bad.stderr).toContain('row 1, column productLine: is missing');
    expect(bad.stderr).toContain('row 2, column sku: is required');
  }, 120_000);

  it('imports a price list from a row per SKU: contradicting and bad rows named, then one list, a re-run unchanged', async () => {
    const admin = t.tokens.admin;
    const currency = privateCurrency();
    const year = privateYear();
    const id = `import-${run}`;
    const skus = [`PL-${run}-B`, `PL-${run}-A`, `PL-${run}-C`];
    for (const sku of skus) {
      const put = await call('PUT', `/products/${sku}`, { token: admin, body: { name: `Machine ${sku}`, productLine: 'milling' } });
      expect(put.status).toBeLessThan(300);
    }
    const file = path.join(DIR, `price-list-${run}.csv`);
    const header = 'priceListId,currency,validFrom,validTo,sku,listPrice,goldDiscount,silverDiscount,bronzeDiscount';
    const line = (sku: string, price: string, validTo = `${year}-12-31`, gold = '20') =>
      `${id},${currency},${year}-01-01,${validTo},${sku},${price},${gold},12.5,5`;
    writeFileSync(
      file,
      [
        header,
        line(skus[0] as string, '1250.50'),
        line(skus[1] as string, 'a lot'),
        line(skus[2] as string, '990', `${year}-06-30`),
        line(skus[0] as string, '1300'),
      ].join('\n'),
    );
    const bad = await runImport(['price-list', file, '--api', apiUrl, '--token', admin]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('3 error(s) in 3 row(s); nothing was imported');
    expect(bad.stderr).toMatch(/row 3, column listPrice: must be an amount/);
    expect(bad.stderr).toMatch(new RegExp(`row 4, column validTo: differs from row 2 of price list ${id}`));
    expect(bad.stderr).toMatch(new RegExp(`row 5, column sku: repeats row 2 of price list ${id}`));
    expect((await call('GET', `/price-lists/${id}`, { token: admin })).status).toBe(404);

    writeFileSync(
      file,
      [header, line(skus[0] as string, '1250.50'), line(skus[1] as string, '800'), line(skus[2] as string, '990')].join('\n'),
    );
    const first = await runImport(['price-list', file, '--api', apiUrl, '--token', admin]);
    expect(first.stdout).toContain('1 price list(s): 1 created.');
    const stored = await call('GET', `/price-lists/${id}`, { token: admin });
    expect(stored.body).toMatchObject({ currency, validFrom: `${year}-01-01`, validTo: `${year}-12-31` });
    expect(stored.body.tierDiscountPercent).toEqual({ gold: 20, silver: 12.5, bronze: 5 });
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    expect(stored.body.items).toContainEqual({ sku: skus[0], listPrice: { amount: Math.round(1250.5 * 10 ** digits), currency } });
    expect(stored.body.items).toHaveLength(3);
    const again = await runImport(['price-list', file, '--api', apiUrl, '--token', admin]);
    expect(again.stdout).toContain('1 price list(s): 1 unchanged.');
  }, 120_000);
});
