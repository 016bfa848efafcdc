/**
 * The manufacturer side of the portal in Chromium on the shared stack: a partner manager works the review queue; a
 * conflict between dealers of two regions is seen by both regions' managers, resolved only by the owner, and
 * escalated to the director, who resolves it at that level; finance downloads the forecast CSV and it is the API's;
 * a channel admin uploads a KPI CSV with a bad row and sees it named; a business review is held and its pack stays
 * the same after new data arrives. axe-core finds no serious or critical violation on any of these pages.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, directorOf, partnerManagerOf, registrationBody, type Tenant, uniqueId } from '../support/api.js';
import { launchChromium, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';

const { portalUrl } = inject('stack');
let browser: Browser;
let t: Tenant;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

/** A fresh browser profile signed in through the sign-in page's form with a role and regions. */
async function signIn(role: string, name: string, options: { regions?: string; email?: string; dealerId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await signInOnPortal(page, portalUrl, { role, name, ...options });
  return page;
}

async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  await screenshots(page, name);
}

async function register(token: string, customer: Record<string, unknown>) {
  const response = await call('POST', '/registrations', { token, body: registrationBody({ customer }, t.sku) });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; status: string; customer: { name: string } };
}

const status = async (id: string) => (await call('GET', `/registrations/${id}`, { token: t.tokens.admin })).body;

describe('a partner manager', () => {
  it('works the review queue: approves one (after the undo window), rejects one with a reason', async () => {
    const first = await register(t.tokens.dealer, { name: `Queue Erste ${uniqueId('c')} GmbH`, country: 'DE', city: 'Ulm' });
    const second = await register(t.tokens.dealer, { name: `Queue Zweite ${uniqueId('c')} AG`, country: 'AT', city: 'Wien' });
    const page = await signIn('partner_manager', 'Queue Manager', { regions: t.regionId, email: partnerManagerOf(t.regionId) });
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const row = (id: string) => page.locator(`tr[data-registration="${id}"]`);
    await row(first.id).waitFor();
    await expect
      .poll(() =>
        row(first.id)
          .getByText(/h left|overdue/)
          .count(),
      )
      .toBeGreaterThan(0);
    await expectAccessible(page, 'manager-queue');

    await row(first.id).getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`Approving ${first.customer.name}`).waitFor();
    await page.getByText(`Approved: ${first.customer.name}.`).waitFor({ timeout: 15_000 });

    await row(second.id).getByRole('button', { name: 'Reject' }).click();
    await row(second.id).getByLabel('Reason template').selectOption({ label: 'The customer lies outside your territory.' });
    await row(second.id).getByRole('button', { name: 'Reject with this reason' }).click();
    await page.getByText(`Rejected: ${second.customer.name}.`).waitFor();

    expect(await status(first.id)).toMatchObject({ status: 'approved' });
    expect(await status(second.id)).toMatchObject({ status: 'rejected', decisionReason: 'The customer lies outside your territory.' });
  });

  it('can undo an approval before it is sent', async () => {
    const deal = await register(t.tokens.dealer, { name: `Queue Undo ${uniqueId('c')} GmbH`, country: 'DE', city: 'Köln' });
    const page = await signIn('partner_manager', 'Undo Manager', { regions: t.regionId });
    await page.getByRole('link', { name: 'Review queue' }).click();
    const row = page.locator(`tr[data-registration="${deal.id}"]`);
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForTimeout(6_500);
    expect(await status(deal.id)).toMatchObject({ status: 'submitted' });
  });
});

describe('a conflict between dealers of two regions', () => {
  async function contested() {
    const customer = { name: `Konflikt ${uniqueId('c')} Maschinenbau GmbH`, country: 'DE', city: 'Stuttgart' };
    const first = await register(t.tokens.dealer, customer);
    const second = await register(t.tokens.otherDealer, customer);
    expect(second.status).toBe('in_conflict');
    const cases = await call('GET', '/conflicts?limit=100', { token: t.tokens.admin });
    const found = cases.body.items.find((c: { parties: { registrationId: string }[] }) =>
      c.parties.some((p) => p.registrationId === second.id),
    );
    return { first, second, conflictId: found.id as string, customer: customer.name };
  }
  const openCase = async (page: Page, customer: string) => {
    await page.getByRole('link', { name: 'Conflicts' }).click();
    await page.getByRole('link', { name: customer }).click();
    await page.getByRole('heading', { name: 'Escalation ladder' }).waitFor();
  };

  it('is seen by both regions’ managers and resolved only by the owner', async () => {
    const { first, second, customer } = await contested();
    const other = await signIn('partner_manager', 'Other Manager', { regions: t.otherRegionId, email: partnerManagerOf(t.otherRegionId) });
    await openCase(other, customer);
    await other.getByText('You see this case but may not resolve it at this level').waitFor();
    expect(await other.getByRole('form', { name: 'Resolve' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Escalate' }).count()).toBe(1);
    await expectAccessible(other, 'manager-conflict-other-region');

    const owner = await signIn('partner_manager', 'Owner Manager', { regions: t.regionId, email: partnerManagerOf(t.regionId) });
    await openCase(owner, customer);
    await owner.getByLabel('Note').fill('Registered first, four days earlier.');
    await owner.getByRole('form', { name: 'Resolve' }).getByRole('button', { name: 'Resolve' }).click();
    await owner.getByText(/^Resolved: First registered/).waitFor();
    expect(await status(first.id)).toMatchObject({ status: 'approved' });
    expect(await status(second.id)).toMatchObject({ status: 'rejected' });
  });

  it('is escalated to the director by the other region’s manager and resolved by the director at that level', async () => {
    const { first, second, customer } = await contested();
    const other = await signIn('partner_manager', 'Other Manager', { regions: t.otherRegionId });
    await openCase(other, customer);
    await other.getByRole('button', { name: 'Escalate' }).click();
    await other.getByText('Escalated to Regional director.').waitFor();

    const owner = await signIn('partner_manager', 'Owner Manager', { regions: t.regionId });
    await openCase(owner, customer);
    await owner.getByText('You see this case but may not resolve it at this level').waitFor();

    const director = await signIn('regional_director', 'Director', { regions: t.regionId, email: directorOf(t.regionId) });
    await openCase(director, customer);
    await director.getByLabel('Basis').selectOption('relationship');
    await director.getByLabel('Winner').selectOption(second.id);
    await director.getByLabel('Note').fill('The customer has bought from this dealer for years.');
    await director.getByRole('form', { name: 'Resolve' }).getByRole('button', { name: 'Resolve' }).click();
    await director.getByText(/^Resolved: Relationship/).waitFor();
    await expectAccessible(director, 'manager-conflict-director');
    expect(await status(second.id)).toMatchObject({ status: 'approved' });
    expect(await status(first.id)).toMatchObject({ status: 'rejected' });
  });
});

describe('a quarterly business review', () => {
  it('is held with a commitment, and its pack stays the same after new data arrives; the dealer reads it', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const quarter = `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
    await register(t.tokens.sameRegionDealer, { name: `Review Kunde ${uniqueId('c')} GmbH`, country: 'DE', city: 'Bonn' });
    const page = await signIn('partner_manager', 'Review Manager', { regions: t.regionId });
    await page.goto(`${portalUrl}/dealers/${t.sameRegionDealerId}/reviews/${quarter}`);
    await page.getByText(/^Draft computed/).waitFor();
    await page.getByLabel('Commitment', { exact: true }).fill('Two people complete the MX-500 training');
    await page.getByLabel('Owner').fill('The dealer');
    await page.getByLabel('Due').fill('2031-03-31');
    await page.getByRole('button', { name: 'Hold and freeze the pack' }).click();
    // The status line, not the form's "Held on" date label.
    await page
      .getByRole('status')
      .filter({ hasText: /^Held on/ })
      .waitFor();
    const pack = await page.locator('.review-pack').innerText();
    expect(pack).toContain('Two people complete the MX-500 training');
    await expectAccessible(page, 'business-review-held');

    await register(t.tokens.sameRegionDealer, { name: `Review Neu ${uniqueId('c')} GmbH`, country: 'DE', city: 'Bonn' });
    const upload = await call('POST', '/kpi-inputs/revenue', {
      token: t.tokens.admin,
      body: {
        items: [{ dealerId: t.sameRegionDealerId, month: today.slice(0, 7), productLine: 'milling', amount: 77_000_000, currency: 'EUR' }],
      },
    });
    expect(upload.status, upload.text).toBe(200);
    await page.reload();
    // The status line, not the form's "Held on" date label.
    await page
      .getByRole('status')
      .filter({ hasText: /^Held on/ })
      .waitFor();
    expect(await page.locator('.review-pack').innerText()).toBe(pack);

    const dealer = await signIn('dealer', 'Review Dealer', { dealerId: t.sameRegionDealerId });
    await dealer.goto(`${portalUrl}/reviews/${quarter}`);
    await dealer.getByText(/^Held on/).waitFor();
    expect(await dealer.locator('.review-pack').innerText()).toBe(pack);
    expect(await dealer.getByRole('button', { name: 'Hold and freeze the pack' }).count()).toBe(0);
  });
});

describe('finance', () => {
  it('downloads the forecast CSV from the page, and it is what GET /forecast?format=csv answers', async () => {
    const page = await signIn('finance', 'Finance User');
    await page.getByRole('link', { name: 'Forecast' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
    await page.getByTestId('forecast-table').waitFor();
    await expectAccessible(page, 'finance-forecast');
    const from = await page.getByLabel('From month').inputValue();
    const to = await page.getByLabel('To month').inputValue();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report (CSV)' }).click(),
    ]);
    const fromPage = readFileSync((await download.path()) as string, 'utf8');
    const api = await call('GET', `/forecast?from=${from}&to=${to}&groupBy=month&weighting=stage&format=csv`, { token: t.tokens.finance });
    expect(api.status).toBe(200);
    expect(fromPage).toBe(api.text);
    expect(fromPage.split('\n').length).toBeGreaterThan(2);
  });
});

describe('a channel admin', () => {
  it('uploads a KPI CSV with a bad row and sees the row named by line and column; nothing is stored', async () => {
    const page = await signIn('channel_admin', 'Admin User');
    await page.getByRole('link', { name: 'KPI uploads' }).click();
    await page.getByRole('heading', { level: 1, name: 'KPI uploads' }).waitFor();
    const csv = [
      'dealerId,month,productLine,amount,currency',
      `${t.dealerId},2031-01,milling,1000000,EUR`,
      `${t.dealerId},2031-02,milling,lots,EUR`,
    ].join('\n');
    await page.getByLabel(/^CSV file/).setInputFiles({ name: 'revenue.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Nothing was stored').waitFor();
    const cells = await alert.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['3', 'amount']);
    await expectAccessible(page, 'admin-kpi-upload');
    const card = await call('GET', `/dealers/${t.dealerId}/scorecard?period=2031-Q1`, { token: t.tokens.admin });
    expect(card.body.kpis.revenue.amount).toBe(0);
  });
});
