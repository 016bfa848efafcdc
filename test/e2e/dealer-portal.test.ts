/**
 * The partner portal in a real browser (Debian's Chromium through playwright-core) against the shared local
 * stack: sign-in on the local OpenID provider's page, registering a deal through the form, the manager's approval
 * from the mailed link, confidentiality towards a second dealer, German texts, and axe-core on every dealer page.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, type Mail, mailsTo, partnerManagerOf, reviewLinkIn, type Tenant } from '../support/api.js';
import { labelled, launchChromium, phoneLayoutProblems, screenshots, seriousViolations } from '../support/browser.js';

const { portalUrl, apiUrl } = inject('stack');
const DAY_MS = 86_400_000;
const isoDate = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

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

/** A form control by its label (required fields' labels end in an asterisk). */

/** A fresh browser profile signed in as a dealer through the sign-in page's form. */
async function signInAsDealer(dealerId: string, name: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByRole('heading', { name: 'Sign in to Dealer Channel' }).waitFor();
  // The page lists the demo users of every role.
  for (const name of ['Anna Berger', 'Petra Maier', 'Claudia Wolf', 'Frank Richter', 'Sofia Lang']) {
    await page.getByRole('button', { name: `Sign in as ${name}` }).waitFor();
  }
  await labelled(page, 'Role').selectOption('dealer');
  await labelled(page, 'Dealer id (dealers)').fill(dealerId);
  await labelled(page, 'Name').fill(name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  return page;
}

async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await phoneLayoutProblems(page), `${name} at 360 px`).toEqual([]);
  await screenshots(page, name);
}

const customerName = `Bergmann Fräswerk ${Math.random().toString(36).slice(2, 7)} GmbH`;
let registrationUrl = '';

describe('a dealer in the portal', () => {
  let page: Page;

  it('signs in on the sign-in page and sees what needs them on the home page', async () => {
    page = await signInAsDealer(t.dealerId, 'Erika Dealer');
    await page.getByRole('heading', { name: 'What needs you now' }).waitFor();
    await expectAccessible(page, 'home');
  });

  it('registers a deal, first seeing the field errors of a bad email and a past close date', async () => {
    await page.getByRole('link', { name: 'Register a deal' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Register a deal' }).waitFor();
    await labelled(page, 'Customer name').fill(customerName);
    await labelled(page, 'Country').selectOption('DE');
    await labelled(page, 'City').fill('Stuttgart');
    await labelled(page, 'Contact name').fill('Eva Bergmann');
    await labelled(page, 'Contact email').fill('eva.bergmann-at-example');
    await labelled(page, 'Product').selectOption(t.sku);
    await labelled(page, 'Expected value').fill('125000');
    await labelled(page, 'Expected close date').fill(isoDate(-3));
    await labelled(page, 'Expected close date').blur();
    // Validation on leaving a field: both errors stand at their fields before any submit.
    await expect(page.locator('#contactEmail-error').textContent()).resolves.toContain('Enter an email address');
    await expect(page.locator('#closeDate-error').textContent()).resolves.toContain('Choose a date from today on');
    await expectAccessible(page, 'register');

    await page.getByRole('button', { name: 'Register deal' }).click();
    const summary = page.locator('.error-summary[role="alert"]');
    await summary.waitFor();
    expect(await page.evaluate("document.activeElement?.classList.contains('error-summary')")).toBe(true);
    expect(await summary.innerText()).toMatch(/Contact email/);

    // The draft survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Register a deal' }).waitFor();
    await expect(labelled(page, 'Customer name').inputValue()).resolves.toBe(customerName);

    await labelled(page, 'Contact email').fill('eva@bergmann.example');
    await labelled(page, 'Expected close date').fill(isoDate(60));
    await page.getByRole('button', { name: 'Register deal' }).click();
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await expect(page.getByText('Waiting for review').first().isVisible()).resolves.toBe(true);
    registrationUrl = page.url();
  });

  it('finds it in the list by searching for the customer', async () => {
    await page.getByRole('link', { name: 'My registrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'My registrations' }).waitFor();
    await labelled(page, 'Search by customer').fill(customerName.split(' ').slice(0, 2).join(' ').toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: customerName }).waitFor();
    await expectAccessible(page, 'registrations');
  });

  it('sees "protected until" with the right date after the partner manager approves from the mailed link', async () => {
    let mail: Mail | undefined;
    for (let i = 0; i < 50 && !mail; i++) {
      mail = (await mailsTo(partnerManagerOf(t.regionId))).find((m) => (m.body.text ?? '').includes(customerName));
      if (!mail) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(mail, 'review mail to the partner manager').toBeDefined();
    const manager = await browser.newContext();
    contexts.push(manager);
    const review = await manager.newPage();
    await review.goto(`${apiUrl}${reviewLinkIn(mail!)}`);
    await review.getByRole('button', { name: /approve/i }).click();
    await review.waitForLoadState('load');

    const program = (await call('GET', '/program', { token: t.tokens.admin })).body as { protectionDays: number };
    const expectedDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.now() + program.protectionDays * DAY_MS),
    );
    await page.goto(registrationUrl);
    const protection = page.locator('.protected-until').first();
    await protection.waitFor();
    expect(await protection.innerText()).toBe(`Protected until ${expectedDate} (${program.protectionDays} days)`);
    await expectAccessible(page, 'registration');
  });

  it('shows the scorecard of the current quarter', async () => {
    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('heading', { level: 1, name: 'My scorecard' }).waitFor();
    await page
      .getByRole('cell', { name: 'Registered deals' })
      .or(page.getByRole('rowheader', { name: 'Registered deals' }))
      .first()
      .waitFor();
    await expectAccessible(page, 'scorecard');
  });

  it('switches to German', async () => {
    await labelled(page, 'Language').selectOption('de');
    await page.getByRole('heading', { level: 1, name: 'Meine Scorecard' }).waitFor();
    await expect(page.getByRole('link', { name: 'Meine Registrierungen' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByRole('heading', { name: 'Was jetzt ansteht' }).waitFor();
  });
});

describe('a second dealer registering the same customer', () => {
  it('sees only the confidentiality notice', async () => {
    const page = await signInAsDealer(t.otherDealerId, 'Other Dealer User');
    await page.goto(`${portalUrl}/registrations/new`);
    await labelled(page, 'Customer name').fill(customerName);
    await labelled(page, 'Country').selectOption('DE');
    await labelled(page, 'City').fill('Stuttgart');
    await labelled(page, 'Contact name').fill('Eva Bergmann');
    await labelled(page, 'Contact email').fill('eva@bergmann.example');
    await labelled(page, 'Product').selectOption(t.sku);
    await labelled(page, 'Expected value').fill('99000');
    await labelled(page, 'Expected close date').fill(isoDate(45));
    // The type-ahead searches only this dealer's own registrations: nothing of the first dealer's shows.
    await page.waitForTimeout(600);
    expect(await page.locator('#own-matches').count()).toBe(0);
    await page.getByRole('button', { name: 'Register deal' }).click();
    const notice = page.locator('.confidentiality-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('This customer is already protected or under review.');
    const text = await page.locator('main').innerText();
    const first = registrationUrl.split('/').at(-1) as string;
    for (const secret of [t.dealerId, 'Test Dealer', first, 'Erika Dealer']) expect(text).not.toContain(secret);
    await expectAccessible(page, 'registration-conflict');
  });
});
