/**
 * Leads in the portal (Chromium on the shared stack): a dealer sees a lead offered to it with the time left to
 * accept, accepts it and converts it with the prefilled registration form into an approved registration with its
 * protection; it declines another with a reason. The partner manager reads each lead's routing trace on the lead
 * desk (the named account, then the draw around the dealer that declined) and routes an unassigned lead by hand.
 * A channel admin imports leads from CSV: a bad row is named by line and column and nothing is sent, the corrected
 * file is sent with progress. axe-core finds no serious or critical violation on any of these pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, uniqueId } from '../support/api.js';
import { labelled, launchChromium, phoneLayoutProblems, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';
import { type LeadRegion, leadOfferedTo, leadRegion, unassignedLead } from '../support/leads.js';

const { portalUrl } = inject('stack');
let browser: Browser;
const contexts: BrowserContext[] = [];
let r: LeadRegion;
let sku: string;
let converted: Awaited<ReturnType<typeof leadOfferedTo>>;
let declined: Awaited<ReturnType<typeof leadOfferedTo>>;

beforeAll(async () => {
  browser = await launchChromium();
  r = await leadRegion('EE', 2);
  sku = uniqueId('LSKU');
  const product = await call('PUT', `/products/${sku}`, { token: r.admin, body: { name: 'Lead test machine', productLine: 'milling' } });
  expect(product.status, product.text).toBe(200);
  const [first] = r.dealerIds as [string, string];
  converted = await leadOfferedTo(r.admin, first, r.regionId, 'EE');
  declined = await leadOfferedTo(r.admin, first, r.regionId, 'EE');
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function signIn(role: string, name: string, options: { regions?: string; dealerId?: string } = {}): Promise<Page> {
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

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the dealer', () => {
  let page: Page;

  it('sees the leads offered to it with the time left to accept', async () => {
    page = await signIn('dealer', 'Lead Dealer', { dealerId: r.dealerIds[0] as string });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leads offered to you' }).waitFor();
    const card = page.locator(`[data-lead="${converted.id}"]`);
    await card.getByRole('link', { name: converted.body.customer.name }).waitFor();
    // The default accept window is 48 h: the countdown starts just under it.
    expect(await card.locator('time.time-left').innerText()).toMatch(/^4[67] h \d+ min left to accept$/);
    expect(await card.locator('.badge').innerText()).toBe('Offered');
    await expectAccessible(page, 'lead-inbox');
    // Dutch and German texts, the countdown included; then back to English for the rest.
    await labelled(page, 'Language').selectOption('nl');
    await page.getByRole('heading', { level: 1, name: 'Aan u aangeboden leads' }).waitFor();
    expect(await card.locator('time.time-left').innerText()).toMatch(/^nog 4[67] u \d+ min om te accepteren$/);
    await labelled(page, 'Taal').selectOption('de');
    await page.getByRole('heading', { level: 1, name: 'Ihnen angebotene Leads' }).waitFor();
    expect(await card.locator('.badge').innerText()).toBe('Angeboten');
    await labelled(page, 'Sprache').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Leads offered to you' }).waitFor();
  });

  it('declines a lead with a reason: it leaves the offered list and keeps its own answer', async () => {
    await page.locator(`[data-lead="${declined.id}"]`).getByRole('link', { name: declined.body.customer.name }).click();
    await page.getByRole('heading', { level: 1, name: declined.body.customer.name }).waitFor();
    await page.getByText('Decline with a reason').click();
    await page.getByRole('button', { name: 'Decline lead' }).click();
    await page.getByText('Say why you decline the lead.').waitFor();
    await labelled(page, 'Reason').fill('Outside our service area');
    await page.getByRole('button', { name: 'Decline lead' }).click();
    await page.getByText(/You declined this lead on/).waitFor();
    await page.getByText('“Outside our service area”').waitFor();
    // Its contact data is gone with the lead: only its own answer stays.
    await page.getByText('Shown only while the lead is yours.').waitFor();
    const read = await call('GET', `/leads/${declined.id}`, { token: r.tokens.get(r.dealerIds[0] as string) as string });
    expect(read.body).toMatchObject({ status: 'declined', declineReason: 'Outside our service area' });
  });

  it('accepts a lead and converts it into an approved registration with its protection', async () => {
    await page.getByRole('link', { name: 'Back to the leads' }).click();
    await page.locator(`[data-lead="${converted.id}"]`).getByRole('link', { name: converted.body.customer.name }).click();
    await page.getByRole('heading', { level: 1, name: converted.body.customer.name }).waitFor();
    await page.getByText('jonas@lead.example').waitFor();
    await expectAccessible(page, 'lead-offered');
    await page.getByRole('button', { name: 'Accept lead' }).click();
    await page.getByText(/You accepted this lead on/).waitFor();

    await page.getByRole('button', { name: 'Convert into a registration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Convert lead into a registration' }).waitFor();
    // Prefilled from the lead: its customer and contact, and its expected value (250,000.00 EUR).
    expect(await labelled(page, 'Customer name').inputValue()).toBe(converted.body.customer.name);
    expect(await labelled(page, 'Contact email').inputValue()).toBe('jonas@lead.example');
    expect(await labelled(page, 'Expected value').inputValue()).toBe('250000');
    await page.getByRole('button', { name: 'Convert and register' }).click();
    const summary = page.locator('.error-summary[role="alert"]');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Product/);
    expect(await summary.innerText()).toMatch(/Expected close/);
    await expectAccessible(page, 'lead-convert');

    await labelled(page, 'Product').selectOption(sku);
    await labelled(page, 'Expected close date').fill(inDays(45));
    await page.getByRole('button', { name: 'Convert and register' }).click();
    await page.getByRole('heading', { level: 1, name: converted.body.customer.name }).waitFor();
    const protection = page.locator('.protected-until');
    await protection.waitFor();
    const registrationId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) as string);
    const registration = await call('GET', `/registrations/${registrationId}`, { token: r.tokens.get(r.dealerIds[0] as string) as string });
    expect(registration.body).toMatchObject({ status: 'approved', leadId: converted.id });
    const until = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(registration.body.protectedUntil),
    );
    expect(await protection.innerText()).toMatch(new RegExp(`^Protected until ${until} \\(\\d+ days\\)$`));
    await expectAccessible(page, 'lead-converted-registration');
  });
});

describe('the partner manager', () => {
  let page: Page;

  it('reads the routing trace: the named account first, then the draw around the dealer that declined', async () => {
    const [first, second] = r.dealerIds as [string, string];
    page = await signIn('partner_manager', 'Lead Manager', { regions: r.regionId });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lead desk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lead desk' }).waitFor();
    await page.locator(`tr[data-lead="${declined.id}"]`).first().waitFor();
    await expectAccessible(page, 'lead-desk');

    await page.locator(`tr[data-lead="${declined.id}"]`).first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: declined.body.customer.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Routing decisions' }).waitFor();
    const latest = page.locator('.routing-trace[data-round="2"]');
    const firstRound = page.locator('.routing-trace[data-round="1"]');
    await latest.waitFor();
    expect(await firstRound.getByText(/Named account/).count()).toBeGreaterThan(0);
    expect(await firstRound.locator('tr[aria-current="true"] th').innerText()).toBe(first);
    expect(await latest.getByText('Weighted draw among the region’s dealers').count()).toBe(1);
    expect(await latest.locator(`tr[data-dealer="${first}"]`).innerText()).toMatch(/Left out: declined/);
    expect(await latest.locator(`tr[data-dealer="${second}"]`).innerText()).toMatch(/Chosen/);
    expect(await latest.locator(`tr[data-dealer="${second}"]`).innerText()).toMatch(/0\.0000 – 1\.0000/);
    expect(await latest.getByText(/\(seed lead_[0-9A-Za-z]+#2\)/).count()).toBe(1);
    // The weights as a chart, with its numbers as a table for screen readers.
    await latest.locator('figure canvas').waitFor();
    expect(await latest.getByText('Share of each dealer in the draw').count()).toBeGreaterThan(0);
    await page.getByText(`${first} declined on`).waitFor();
    await expectAccessible(page, 'lead-trace');
  });

  it('routes an unassigned lead by hand', async () => {
    const [, second] = r.dealerIds as [string, string];
    const waiting = await unassignedLead(r.admin, r.regionId, 'EE');
    await page.getByRole('link', { name: 'Back to the lead desk' }).click();
    const row = page.locator(`section[aria-labelledby="unassigned-heading"] tr[data-lead="${waiting.id}"]`);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Route by hand' }).waitFor();
    await labelled(page, 'Dealer id').fill(second);
    await page.getByRole('button', { name: 'Offer to this dealer' }).click();
    await page.getByText(`with ${second}`).waitFor();
    await page.locator('.routing-trace[data-round="2"] h3').filter({ hasText: 'by hand' }).waitFor();
    const read = await call('GET', `/leads/${waiting.id}`, { token: r.manager });
    expect(read.body).toMatchObject({ status: 'offered', offeredTo: second });
  });
});

describe('a channel admin', () => {
  it('imports leads from CSV: a bad row is named by line and column and nothing is sent; the fixed file is sent', async () => {
    const page = await signIn('channel_admin', 'Lead Admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New leads' }).click();
    await page.getByRole('heading', { level: 1, name: 'New leads' }).waitFor();
    const name = (n: number) => `CSV Kunde ${uniqueId('c')} ${n} OÜ`;
    const header = 'customerName,country,city,contactName,contactEmail,source,productLines,amount,currency,regionId';
    const rows = [
      `${name(1)},EE,Tallinn,Mari Tamm,mari@csv.example,Web form,milling,12000,EUR,${r.regionId}`,
      `"${name(2)}, Tartu",EE,Tartu,Jaan Kask,not-an-email,Fair,"milling;turning",,EUR,${r.regionId}`,
    ];
    const file = (lines: string[]) => ({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\r\n')) });
    const before = (await call('GET', '/leads?limit=100', { token: r.manager })).body.items.length;

    await page.getByLabel('CSV file', { exact: true }).setInputFiles(file(rows));
    const problems = page.getByRole('alert').filter({ hasText: 'The file was not sent' });
    await problems.waitFor();
    expect(await problems.locator('tr[data-line="3"]').innerText()).toMatch(/3\s+contactEmail\s+must be an email address/);
    expect(await page.getByRole('button', { name: /^Send/ }).count()).toBe(0);
    await expectAccessible(page, 'lead-import-rejected');
    expect((await call('GET', '/leads?limit=100', { token: r.manager })).body.items.length).toBe(before);

    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles(file([rows[0] as string, (rows[1] as string).replace('not-an-email', 'jaan@csv.example')]));
    await page.getByText('leads.csv: 2 leads, ready to send.').waitFor();
    await page.getByRole('button', { name: 'Send 2 leads' }).click();
    await page.getByText('2 of 2 sent, 0 failed').waitFor();
    await page.getByRole('table', { name: '2 leads created' }).waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe('2');
    // Everything sent: nothing is left to send again.
    expect(await page.getByRole('button', { name: /^Send/ }).count()).toBe(0);
    await expectAccessible(page, 'lead-import-sent');
    expect((await call('GET', '/leads?limit=100', { token: r.manager })).body.items.length).toBe(before + 2);
  });
});
