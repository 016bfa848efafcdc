/**
 * Enablement in a real browser on the shared stack: a channel admin uploads a datasheet (declared, PUT to its
 * presigned URL, confirmed) and a price list from a CSV file, each bad row named on the page; a Silver dealer finds
 * the product by search, downloads the datasheet (the same bytes arrive), opens its price list and sees Silver's net
 * price — never Gold's, never an early-access product — and downloads the CSV; the support contact is in the footer.
 * axe-core finds no serious or critical violation on any of these pages; screenshots at desktop width and 390 px.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, partnerManagerOf, type Tenant, uniqueId } from '../support/api.js';
import { labelled, launchChromium, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';
import { privateYear, product, setTier } from '../support/enablement.js';

const { portalUrl } = inject('stack');

let browser: Browser;
let t: Tenant;
let sku: string;
let earlySku: string;
const contexts: BrowserContext[] = [];
// A year nobody else's EUR list is valid in (one list per currency and day); the dealer asks for a day in it.
const year = privateYear();
const priceListId = uniqueId('e2e-pl');
const assetTitle = `Datasheet ${uniqueId('ds')}`;
// A small PDF of its own, so that the bytes the dealer downloads can only be these.
const datasheet = Buffer.concat([Buffer.from(`%PDF-1.7\n% ${assetTitle}\n`), Buffer.alloc(3000, 0x20), Buffer.from('\n%%EOF\n')]);

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  await setTier(t.dealerId, 'silver');
  sku = await product(t.tokens.admin, 'published', 'Spindle centre');
  earlySku = await product(t.tokens.admin, 'early_access', 'Prototype');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function signIn(role: 'dealer' | 'channel_admin', name: string, dealerId?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await signInOnPortal(page, portalUrl, { role, name, dealerId });
  return page;
}

async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  await screenshots(page, name);
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

describe('enablement in the portal', () => {
  it('a channel admin uploads a datasheet for a product, shown from Silver on', async () => {
    const admin = await signIn('channel_admin', 'Sofia Admin');
    await nav(admin, 'Sales assets').click();
    await admin.getByRole('heading', { level: 1, name: 'Sales assets' }).waitFor();
    await admin.getByRole('button', { name: 'Upload', exact: true }).click();
    await admin.getByRole('heading', { name: 'There are 2 problems to fix' }).waitFor();
    await expectAccessible(admin, 'assets-admin');

    await labelled(admin, 'File').setInputFiles({ name: 'spindle-datasheet.pdf', mimeType: 'application/pdf', buffer: datasheet });
    await labelled(admin, 'Title').fill(assetTitle);
    await labelled(admin, 'Shown from tier').selectOption('silver');
    await labelled(admin, 'Products (SKUs, separated by commas)').fill(sku);
    // The progress bar shows while the bytes travel (a small file travels fast: watched, not waited for).
    await admin.evaluate(`new MutationObserver((_, observer) => {
      if (document.querySelector('progress')) { window.sawProgress = true; observer.disconnect(); }
    }).observe(document.body, { childList: true, subtree: true })`);
    await admin.getByRole('button', { name: 'Upload', exact: true }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `${assetTitle} is uploaded and shown to dealers from Silver on.` })
      .waitFor();

    expect(await admin.evaluate('window.sawProgress')).toBe(true);
    const stored = await call('GET', `/assets?sku=${sku}`, { token: t.tokens.admin });
    expect(stored.body.items).toEqual([
      expect.objectContaining({ title: assetTitle, kind: 'datasheet', minimumTier: 'silver', skus: [sku], bytes: datasheet.length }),
    ]);
  });

  it('a channel admin saves a price list from a CSV file; each bad row is named, by the page and by the API', async () => {
    const admin = await signIn('channel_admin', 'Sofia Admin');
    await nav(admin, 'Price lists').click();
    await admin.getByRole('heading', { level: 1, name: 'Price lists' }).waitFor();
    await labelled(admin, 'Price list id').fill(priceListId);
    await labelled(admin, 'Valid from').fill(`${year}-01-01`);
    await labelled(admin, 'Valid to').fill(`${year}-12-31`);
    await labelled(admin, 'Gold').fill('30');
    await labelled(admin, 'Silver').fill('20');
    await labelled(admin, 'Bronze').fill('10');
    const csv = `sku;listPrice\n${sku};1250,00\nNO-SUCH-SKU;12.5.0\n${earlySku};"999.00"\n`;
    await labelled(admin, 'Read the prices from a CSV file').setInputFiles({
      name: 'prices.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await admin.getByRole('status').filter({ hasText: '3 rows read from prices.csv.' }).waitFor();
    expect(await labelled(admin, 'Row 1, SKU').inputValue()).toBe(sku);
    expect(await labelled(admin, 'Row 1, List price').inputValue()).toBe('1250,00');

    // The page checks what it can (an amount that is not one), the API what only it knows (an unknown SKU).
    await admin.getByRole('button', { name: 'Save the price list' }).click();
    await admin.getByRole('link', { name: 'Row 2 (NO-SUCH-SKU), List price: Enter an amount such as 1250.00.' }).waitFor();
    await expectAccessible(admin, 'price-lists-admin-errors');
    await labelled(admin, 'Row 2, List price').fill('10.00');
    await admin.getByRole('button', { name: 'Save the price list' }).click();
    await admin.getByRole('link', { name: 'Row 2 (NO-SUCH-SKU), SKU: is not a product (NO-SUCH-SKU)' }).waitFor();
    expect((await call('GET', `/price-lists/${priceListId}`, { token: t.tokens.admin })).status).toBe(404);

    await admin.getByRole('button', { name: 'Remove row 2' }).click();
    await admin.getByRole('button', { name: 'Save the price list' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Price list ${priceListId} is saved with 2 prices.` })
      .waitFor();
    await expectAccessible(admin, 'price-lists-admin');

    const stored = await call('GET', `/price-lists/${priceListId}`, { token: t.tokens.admin });
    expect(stored.body).toMatchObject({
      currency: 'EUR',
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      tierDiscountPercent: { gold: 30, silver: 20, bronze: 10 },
      items: [
        { sku, listPrice: { amount: 125_000, currency: 'EUR' } },
        { sku: earlySku, listPrice: { amount: 99_900, currency: 'EUR' } },
      ],
    });
  });

  describe('a Silver dealer', () => {
    let dealer: Page;

    it('finds the product by search and downloads its datasheet: the uploaded bytes arrive', async () => {
      dealer = await signIn('dealer', 'Erika Dealer', t.dealerId);
      const footer = dealer.getByRole('contentinfo');
      await footer.getByRole('heading', { name: 'Support' }).waitFor();
      expect(await footer.textContent()).toContain('Your region’s partner manager');
      await footer.getByRole('link', { name: partnerManagerOf(t.regionId) }).waitFor();

      await nav(dealer, 'Products').click();
      await dealer.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
      await expectAccessible(dealer, 'products');
      await labelled(dealer, 'Search by SKU or name').fill(sku.toLowerCase());
      await dealer.getByRole('button', { name: 'Search', exact: true }).click();
      await dealer.getByRole('status').filter({ hasText: '1 product matches' }).waitFor();
      // The early-access product is not the Silver dealer's to see, not even by its SKU.
      await labelled(dealer, 'Search by SKU or name').fill(earlySku);
      await dealer.getByRole('button', { name: 'Search', exact: true }).click();
      await dealer
        .getByRole('status')
        .filter({ hasText: `No product matches “${earlySku}”.` })
        .waitFor();
      await labelled(dealer, 'Search by SKU or name').fill(`spindle ${sku}`);
      await dealer.getByRole('button', { name: 'Search', exact: true }).click();
      await dealer.getByRole('link', { name: `Spindle centre ${sku}` }).click();

      await dealer.getByRole('heading', { level: 1, name: `Spindle centre ${sku}` }).waitFor();
      await dealer.getByText('Available', { exact: true }).waitFor();
      await dealer.getByRole('row', { name: 'Spindle 12,000 rpm' }).waitFor();
      const row = dealer.getByRole('row').filter({ hasText: assetTitle });
      expect(await row.textContent()).toContain('Datasheet');
      await expectAccessible(dealer, 'product');
      const [download] = await Promise.all([
        dealer.waitForEvent('download'),
        dealer.getByRole('button', { name: `Download ${assetTitle}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('spindle-datasheet.pdf');
      expect((await readFile(await download.path())).equals(datasheet)).toBe(true);
      await dealer
        .getByRole('status')
        .filter({ hasText: `The download of ${assetTitle} started.` })
        .waitFor();
    });

    it("opens its price list: Silver's net price, never Gold's, and no early-access product; the CSV says the same", async () => {
      await nav(dealer, 'Price list').click();
      await dealer.getByRole('heading', { level: 1, name: 'Price list' }).waitFor();
      await labelled(dealer, 'Prices valid on').fill(`${year}-06-15`);
      await dealer.getByRole('button', { name: 'Show', exact: true }).click();
      await dealer.getByText(`Price list ${priceListId}, valid from 1 Jan ${year} to 31 Dec ${year}`).waitFor();
      await dealer.getByText('Your tier: Silver, discount 20 % off the list price').waitFor();
      const row = dealer.getByRole('row').filter({ hasText: sku });
      const text = await row.textContent();
      expect(text).toContain('€1,250.00');
      expect(text).toContain('€1,000.00');
      expect(await dealer.locator('main').textContent()).not.toContain('€875.00');
      expect(await dealer.getByRole('row').filter({ hasText: earlySku }).count()).toBe(0);
      await labelled(dealer, 'Search by SKU or name').fill('no such product');
      await dealer.getByRole('status').filter({ hasText: 'No price matches.' }).waitFor();
      await labelled(dealer, 'Search by SKU or name').fill(sku);
      await row.waitFor();
      await expectAccessible(dealer, 'price-list');

      const [download] = await Promise.all([dealer.waitForEvent('download'), dealer.getByRole('button', { name: 'Download CSV' }).click()]);
      const csv = await readFile(await download.path(), 'utf8');
      expect(csv).toContain(sku);
      expect(csv).toContain('1000.00');
      expect(csv).not.toContain('875.00');
      expect(csv).not.toContain(earlySku);

      // In German: the texts, the money as a German reader writes it, the footer too.
      await labelled(dealer, 'Language').selectOption('de');
      await dealer.getByRole('heading', { level: 1, name: 'Preisliste' }).waitFor();
      await dealer.getByRole('columnheader', { name: 'Ihr Nettopreis' }).waitFor();
      // Intl puts a no-break space before the euro sign.
      expect(await row.textContent()).toMatch(/1\.000,00\s€/);
      expect(await dealer.getByRole('contentinfo').textContent()).toContain('Der Partnermanager Ihrer Region');
      await expectAccessible(dealer, 'price-list-de');
    });
  });
});
