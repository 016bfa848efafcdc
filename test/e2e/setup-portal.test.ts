/**
 * The channel admins' setup pages and the dealer list in Chromium on the shared stack: an admin changes a program
 * setting (a bad value is named at its field first, nothing saved), creates a region and a dealer through the
 * pages, and sees the API's own field error for a territory of an unknown dealer; a partner manager lists its
 * region's dealers and no other region's. axe-core finds no serious or critical violation on any of these pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, partnerManagerOf, type Tenant, uniqueId } from '../support/api.js';
import { launchChromium, phoneLayoutProblems, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';

const { portalUrl } = inject('stack');
let browser: Browser;
let t: Tenant;
let programBefore: Record<string, unknown>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  programBefore = (await call('GET', '/program', { token: t.tokens.admin })).body;
});

afterAll(async () => {
  // Other browser tests run on this stack after this one: the program goes back to what it was.
  if (programBefore) await call('PUT', '/program', { token: t.tokens.admin, body: programBefore });
  for (const context of contexts) await context.close();
  await browser?.close();
});

const escaped = (label: string) => label.replace(/[()*?.]/g, '\\$&');
const field = (scope: Page | ReturnType<Page['locator']>, label: string) => scope.getByLabel(new RegExp(`^${escaped(label)}( \\*)?$`));

async function signIn(role: string, name: string, options: { regions?: string; email?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signInOnPortal(page, portalUrl, { role, name, ...options });
  return page;
}

async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await phoneLayoutProblems(page), `${name} at 360 px`).toEqual([]);
  await screenshots(page, name);
}

async function open(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('a channel admin', () => {
  let page: Page;
  const regionId = uniqueId('e2e-region');
  const dealerId = uniqueId('e2e-dealer');

  it('changes a program setting: a bad value is named at its field and nothing is saved, then a good one is', async () => {
    page = await signIn('channel_admin', 'Setup Admin');
    await open(page, 'Program', 'Partner program');
    const form = page.locator('form#program');
    const protection = field(form, 'Protection (days)');
    expect(await protection.inputValue()).toBe(String(programBefore.protectionDays));
    await protection.fill('0');
    await form.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is 1 problem to fix' });
    await summary.waitFor();
    await summary.getByRole('link', { name: /^Protection \(days\): / }).waitFor();
    expect(await protection.getAttribute('aria-invalid')).toBe('true');
    expect((await call('GET', '/program', { token: t.tokens.admin })).body.protectionDays).toBe(programBefore.protectionDays);
    await expectAccessible(page, 'setup-program-error');

    await protection.fill(String(programBefore.protectionDays));
    const hours = `Mon–Fri 07:30–18:00 CET ${uniqueId('h')}`;
    await field(form, 'Support hours').fill(hours);
    await field(form, 'Accept window (hours)').fill('36');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = (await call('GET', '/program', { token: t.tokens.admin })).body;
    expect(stored.support.hours).toBe(hours);
    expect(stored.leads.acceptHours).toBe(36);
    // What the form does not show is kept.
    expect(stored.fxRates).toEqual(programBefore.fxRates);
    expect(stored.tiers.margins).toEqual((programBefore.tiers as { margins: unknown }).margins);
    await expectAccessible(page, 'setup-program');
  });

  it('creates a region with its managers and language through the regions page', async () => {
    await open(page, 'Regions', 'Regions');
    await page.getByRole('button', { name: 'New region' }).click();
    const form = page.locator('form#regions-form');
    await field(form, 'Region id').fill(regionId);
    await field(form, 'Name').fill('Nordics (browser test)');
    await field(form, 'Partner manager’s email').fill('pm.nordics@manufacturer.example');
    await field(form, 'Regional director’s email').fill('rd.nordics@manufacturer.example');
    await field(form, 'Language').selectOption('de');
    await form.getByRole('button', { name: 'Save' }).click();
    // Countries left empty: the contract's schema names the field before anything is sent.
    await form
      .getByRole('alert')
      .getByRole('link', { name: /^Countries: / })
      .waitFor();
    await expectAccessible(page, 'setup-region-form');
    await field(form, 'Countries').fill('SE, no');
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByRole('alert')
      .getByRole('link', { name: /^Countries: / })
      .waitFor();
    await field(form, 'Countries').fill('SE, NO');
    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${regionId}.` })
      .waitFor();
    const stored = await call('GET', `/regions/${regionId}`, { token: t.tokens.admin });
    expect(stored.body).toMatchObject({ name: 'Nordics (browser test)', countries: ['SE', 'NO'], language: 'de' });
    await expectAccessible(page, 'setup-regions');
  });

  it('creates a dealer in that region, finds it by name with its tier, and edits its status', async () => {
    await open(page, 'Dealers', 'Dealers');
    await page.getByRole('button', { name: 'New dealer' }).click();
    const form = page.locator('form#dealers-form');
    await field(form, 'Dealer id').fill(dealerId);
    await field(form, 'Name').fill('Fjord Maskin AS');
    await field(form, 'Region').selectOption(regionId);
    await field(form, 'Email').fill(`${dealerId}@dealer.example`);
    await field(form, 'Status').selectOption('active');
    await field(form, 'Language').selectOption('nl');
    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${dealerId}.` })
      .waitFor();
    expect((await call('GET', `/dealers/${dealerId}`, { token: t.tokens.admin })).body).toMatchObject({
      name: 'Fjord Maskin AS',
      regionId,
      status: 'active',
      language: 'nl',
    });

    await page.getByRole('searchbox', { name: 'Search by name or id' }).fill('fjord maskin');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row').filter({ hasText: dealerId });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Bronze');
    await row.getByRole('button', { name: 'Edit Fjord Maskin AS' }).click();
    await field(page.locator('form#dealers-form'), 'Status').selectOption('improvement_plan');
    await page.locator('form#dealers-form').getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${dealerId}.` })
      .waitFor();
    await row.filter({ hasText: 'On an improvement plan' }).waitFor();
    expect((await call('GET', `/dealers/${dealerId}`, { token: t.tokens.admin })).body.status).toBe('improvement_plan');
    await expectAccessible(page, 'setup-dealers');
  });

  it('sees the API’s own error at the field: a territory of an unknown dealer', async () => {
    await open(page, 'Territories', 'Territories');
    await page.getByRole('button', { name: 'New territory rule' }).click();
    const form = page.locator('form#rules-territories-form');
    await field(form, 'Rule id').fill(uniqueId('e2e-territory'));
    await field(form, 'Dealer id').fill('no-such-dealer');
    await field(form, 'Country').fill('SE');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('is not a dealer (no-such-dealer)').first().waitFor();
    expect(await field(form, 'Dealer id').getAttribute('aria-invalid')).toBe('true');
    await field(form, 'Dealer id').fill(dealerId);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('row').filter({ hasText: dealerId }).waitFor();
    await expectAccessible(page, 'setup-territories');
  });

  it('opens the products, named accounts and direct rules pages', async () => {
    await open(page, 'Products', 'Products');
    await page.getByRole('table').waitFor();
    await expectAccessible(page, 'setup-products');
    await open(page, 'Named accounts', 'Named accounts');
    await page.getByRole('button', { name: 'New named account' }).click();
    await expectAccessible(page, 'setup-named-accounts');
    await open(page, 'Direct rules', 'Direct rules');
    await page.getByRole('group', { name: 'Customer segments' }).waitFor();
    await expectAccessible(page, 'setup-direct-rules');
  });
});

describe('a partner manager', () => {
  it('lists the dealers of its region, and none of another region', async () => {
    const names = async (id: string) => (await call('GET', `/dealers/${id}`, { token: t.tokens.admin })).body.name as string;
    const page = await signIn('partner_manager', 'Directory Manager', { regions: t.regionId, email: partnerManagerOf(t.regionId) });
    await open(page, 'Dealers', 'Dealers');
    await page.getByRole('table').waitFor();
    await page.getByRole('link', { name: await names(t.dealerId) }).waitFor();
    await page.getByRole('link', { name: await names(t.sameRegionDealerId) }).waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain(t.otherDealerId);
    expect(await page.getByRole('button', { name: 'New dealer' }).count()).toBe(0);
    await expectAccessible(page, 'setup-manager-dealers');
    await page.getByRole('link', { name: await names(t.dealerId) }).click();
    await page.getByRole('heading', { level: 1, name: `Dealer ${t.dealerId}` }).waitFor();
  });
});
