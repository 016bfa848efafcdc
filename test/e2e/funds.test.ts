/**
 * Co-marketing funds in the portal (Chromium on the shared stack): a dealer requests funds — the form refuses more
 * than the cost share at the field — the region's partner manager approves less than asked, the dealer claims with
 * an invoice (a small PDF) uploaded through the presigned URL and confirmed before the claim is sent, the manager
 * opens the proof and approves the claim, and finance downloads the payout CSV and marks the claim paid. Each step
 * is checked against the API; axe-core finds nothing serious or critical on any of these pages.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, partnerManagerOf, type Tenant } from '../support/api.js';
import { labelled, launchChromium, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';
import { pdfBytes } from '../support/files.js';
import { currentPeriod, openFunds, TEST_BUDGET, today } from '../support/funds.js';

const { portalUrl } = inject('stack');
let browser: Browser;
let t: Tenant;
const contexts: BrowserContext[] = [];
const activity = `Booth at the spring machinery fair ${Date.now().toString(36)}`;
const invoice = pdfBytes(4096);

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  await openFunds(t);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

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

const ownRequest = async () => {
  const list = await call('GET', '/fund-requests?limit=100', { token: t.tokens.dealer });
  const found = list.body.items.find((r: { activity: string }) => r.activity === activity);
  expect(found, 'the request made in the browser').toBeDefined();
  return found;
};
/** A figure of the dealer's balances, once the page shows the expected one (the query refetches after writes). */
const figure = (page: Page, name: string, expected: string) =>
  expect.poll(() => page.locator(`[data-figure="${name}"]`).textContent(), { timeout: 10_000 }).toBe(expected);
const balances = async () => (await call('GET', `/funds?period=${currentPeriod()}`, { token: t.tokens.dealer })).body;

describe('co-marketing funds from request to payout', () => {
  let dealer: Page;
  let manager: Page;

  it('the dealer sees its allocation and requests funds; more than the cost share is refused at the field', async () => {
    dealer = await signIn('dealer', 'Funds Dealer', { dealerId: t.dealerId });
    await dealer.getByRole('link', { name: 'Co-marketing funds' }).click();
    await dealer.getByRole('heading', { level: 1, name: 'Co-marketing funds' }).waitFor();
    await dealer.getByRole('heading', { level: 2, name: `Your allocation for ${currentPeriod()}` }).waitFor();
    await figure(dealer, 'allocation', '€10,000.00');
    await figure(dealer, 'available', '€10,000.00');
    await dealer.getByText('You have not requested funds yet.').waitFor();
    await expectAccessible(dealer, 'funds-dealer-empty');

    await dealer.getByRole('button', { name: 'Request funds' }).click();
    await dealer.getByRole('heading', { level: 1, name: 'Request co-marketing funds' }).waitFor();
    await dealer.getByRole('button', { name: 'Send request' }).click();
    await dealer
      .getByRole('alert')
      .getByRole('link', { name: /^Activity/ })
      .waitFor();
    await labelled(dealer, 'Activity').fill(activity);
    await labelled(dealer, 'Description').fill('Shared booth with live demos; flyers and a raffle.');
    await labelled(dealer, 'Starts on').fill(today());
    await labelled(dealer, 'Ends on').fill(today());
    await labelled(dealer, 'Total cost').fill('4000');
    await labelled(dealer, 'Amount requested').fill('2500');
    await dealer.locator('#request-requested-error').getByText('Enter at most €2,000.00: 50 % of the total cost.').waitFor();
    expect(await labelled(dealer, 'Amount requested').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(dealer, 'funds-request-form');
    expect((await call('GET', '/fund-requests?limit=100', { token: t.tokens.dealer })).body.items).toEqual([]);

    await labelled(dealer, 'Amount requested').fill('2000');
    await dealer.getByRole('button', { name: 'Send request' }).click();
    await dealer
      .getByRole('status')
      .filter({ hasText: `Your request for “${activity}” was sent` })
      .waitFor();
    await dealer.locator('tr[data-request]').getByText('Waiting for decision').waitFor();
    const request = await ownRequest();
    expect(request).toMatchObject({ status: 'submitted', requested: { amount: 200_000, currency: 'EUR' }, cost: { amount: 400_000 } });
    await figure(dealer, 'requested', '€2,000.00');
  });

  it("the region's partner manager approves less than asked", async () => {
    manager = await signIn('partner_manager', 'Funds Manager', { regions: t.regionId, email: partnerManagerOf(t.regionId) });
    await manager.getByRole('link', { name: 'Funds queue' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Co-marketing funds queue' }).waitFor();
    const { id } = await ownRequest();
    const card = manager.locator(`article[data-fund-request="${id}"]`);
    await card.getByText('€10,000.00 still available').waitFor();
    await expectAccessible(manager, 'funds-queue-request');
    await card.getByLabel(/^Amount to approve/).fill('1500');
    await card.getByRole('button', { name: `Approve: ${activity}` }).click();
    await card.waitFor({ state: 'detached' });
    expect(await ownRequest()).toMatchObject({ status: 'approved', requested: { amount: 200_000 }, approved: { amount: 150_000 } });
    expect(await balances()).toMatchObject({ approved: { amount: 150_000 }, available: { amount: 850_000 } });
  });

  it('the dealer claims with an uploaded invoice, confirmed before the claim is sent', async () => {
    await dealer.reload();
    const row = dealer.locator('tr[data-request]').filter({ hasText: activity });
    await row.getByText('Approved', { exact: true }).waitFor();
    await row.getByText('€1,500.00').waitFor();
    await figure(dealer, 'available', '€8,500.00');
    await expectAccessible(dealer, 'funds-dealer-approved');
    await row.getByRole('link', { name: `Claim: ${activity}` }).click();
    await dealer.getByRole('heading', { level: 1, name: 'Claim co-marketing funds' }).waitFor();
    expect(await labelled(dealer, 'Amount claimed').inputValue()).toBe('1500');

    await labelled(dealer, 'Amount claimed').fill('1600');
    await dealer.getByRole('button', { name: 'Send claim' }).click();
    await dealer.getByText('Enter at most €1,500.00, the approved amount.').first().waitFor();
    await dealer.getByText('Upload the invoice.').first().waitFor();

    await labelled(dealer, 'Amount claimed').fill('1400');
    await dealer.locator('#claim-invoice').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: invoice });
    const confirmed = dealer.locator('[data-confirmed]').filter({ hasText: 'invoice.pdf uploaded and confirmed.' });
    await confirmed.waitFor();
    const fileId = (await confirmed.getAttribute('data-confirmed')) as string;
    const file = await call('GET', `/files/${fileId}`, { token: t.tokens.dealer });
    expect(file.body).toMatchObject({ status: 'confirmed', purpose: 'proof', contentType: 'application/pdf', bytes: invoice.length });
    expect((await ownRequest()).status).toBe('approved');
    await expectAccessible(dealer, 'funds-claim-form');

    await dealer.getByRole('button', { name: 'Send claim' }).click();
    await dealer
      .getByRole('status')
      .filter({ hasText: `Your claim for “${activity}” was sent for review.` })
      .waitFor();
    await dealer.locator('tr[data-request]').filter({ hasText: activity }).getByText('Claim in review').waitFor();
    const request = await ownRequest();
    expect(request).toMatchObject({ status: 'claimed', claim: { status: 'submitted', amount: { amount: 140_000 } } });
    const claim = await call('GET', `/fund-claims/${request.claim.id}`, { token: t.tokens.dealer });
    expect(claim.body.proof).toEqual([fileId]);
  });

  it('the manager opens the proof and approves the claim', async () => {
    await manager.reload();
    const { claim } = await ownRequest();
    const card = manager.locator(`article[data-fund-claim="${claim.id}"]`);
    await card.getByText('Claims €1,400.00 of the approved €1,500.00.').waitFor();
    await card.getByRole('button', { name: 'Show proof files' }).click();
    const link = card.getByRole('link', { name: 'invoice.pdf' });
    await link.waitFor();
    const downloaded = Buffer.from(await (await fetch((await link.getAttribute('href')) as string)).arrayBuffer());
    expect(downloaded.equals(invoice)).toBe(true);
    await expectAccessible(manager, 'funds-queue-claim');
    await card.getByRole('button', { name: `Approve claim: ${activity}` }).click();
    await card.waitFor({ state: 'detached' });
    expect((await call('GET', `/fund-claims/${claim.id}`, { token: t.tokens.dealer })).body.status).toBe('approved');
    // The part of the approval the claim did not use returns to the allocation.
    expect(await balances()).toMatchObject({
      approved: { amount: 140_000 },
      approvedClaims: { amount: 140_000 },
      available: { amount: 860_000 },
    });
  });

  it('finance downloads the payout CSV and marks the claim paid with a reference', async () => {
    const { claim } = await ownRequest();
    const finance = await signIn('finance', 'Funds Finance');
    await finance.getByRole('link', { name: 'Fund payouts' }).click();
    await finance.getByRole('heading', { level: 1, name: 'Fund payouts' }).waitFor();
    // Approved claims of every test on the shared stack are listed, oldest first: page on to this one.
    const row = finance.locator(`tr[data-fund-claim="${claim.id}"]`);
    await finance.locator('tr[data-fund-claim]').first().waitFor();
    while ((await row.count()) === 0) {
      const next = finance.getByRole('button', { name: 'Next' });
      expect((await next.count()) > 0 && (await next.isEnabled()), 'the claim is on some page').toBe(true);
      await next.click();
      await finance.waitForLoadState('networkidle');
    }
    await row.getByText('€1,400.00').waitFor();
    await expectAccessible(finance, 'funds-payouts');

    const [download] = await Promise.all([finance.waitForEvent('download'), finance.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain(claim.id);
    expect(csv.split('\n')[0]).toContain('Payment reference');

    await row.getByLabel(/^Payment reference/).fill('SEPA-E2E-0001');
    await row.getByRole('button', { name: `Mark paid: ${activity} (${t.dealerId})` }).click();
    await row.waitFor({ state: 'detached' });
    expect((await call('GET', `/fund-claims/${claim.id}`, { token: t.tokens.dealer })).body).toMatchObject({
      status: 'paid',
      paidOn: today(),
      paymentReference: 'SEPA-E2E-0001',
    });
    expect(await balances()).toMatchObject({ paid: { amount: 140_000 } });

    await dealer.reload();
    await dealer.locator('tr[data-request]').filter({ hasText: activity }).getByText('Paid', { exact: true }).first().waitFor();
    await figure(dealer, 'paid', '€1,400.00');
    await expectAccessible(dealer, 'funds-dealer-paid');
  });
});

describe('fund budgets', () => {
  it("a channel admin reads the quarter's budget and saves it unchanged; a malformed quarter is named", async () => {
    const admin = await signIn('channel_admin', 'Funds Admin');
    await admin.getByRole('link', { name: 'Fund budgets' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Co-marketing budgets' }).waitFor();
    await admin.getByText('Gold: €50,000.00 · Silver: €20,000.00 · Bronze: €10,000.00').waitFor();
    expect(await labelled(admin, 'Bronze').inputValue()).toBe('10000');
    await expectAccessible(admin, 'funds-budgets');
    await admin.getByRole('button', { name: 'Save budget' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `The budget for ${currentPeriod()} is saved.` })
      .waitFor();
    const budget = await call('GET', `/funds/budgets/${currentPeriod()}`, { token: t.tokens.admin });
    expect(budget.body).toMatchObject({ byTier: TEST_BUDGET.byTier, costSharePercent: 50, claimDays: 60 });
    await labelled(admin, 'Quarter').fill('2027-Q5');
    await admin.getByText('Enter a quarter such as 2027-Q1.').waitFor();
  });
});
