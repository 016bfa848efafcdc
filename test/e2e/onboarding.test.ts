/**
 * Onboarding in the portal (Chromium on the shared stack): the dealer's admin reads the partner agreement —
 * Markdown rendered without raw HTML — accepts it, and invites a colleague, whose invitation reaches the SES
 * emulator; the public application form works without signing in. axe-core finds nothing serious on these pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, mailsArrived, type Tenant, uniqueId } from '../support/api.js';
import { launchChromium, screenshots, seriousViolations } from '../support/browser.js';

const { portalUrl } = inject('stack');

let browser: Browser;
let context: BrowserContext;
let t: Tenant;
// Sorts after the other tests' versions, so it is the version in force; not material, so it blocks nobody.
const version = `zzz-e2e-${Date.now().toString(36)}`;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  const put = await call('PUT', `/agreements/${version}`, {
    token: t.tokens.admin,
    body: {
      title: 'Partner agreement (browser test)',
      body: '## Protection\n\nApproved deals are **protected** for 90 days.\n\n<script>window.injected = true</script>',
      material: false,
      effectiveFrom: new Date().toISOString().slice(0, 10),
    },
  });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

async function expectAccessible(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), name).toEqual([]);
  await screenshots(page, name);
}

describe("the dealer's admin in the portal", () => {
  let page: Page;

  it('accepts the partner agreement, rendered from Markdown without raw HTML', async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(portalUrl);
    await page.getByRole('heading', { name: 'Sign in to Dealer Channel' }).waitFor();
    await field(page, 'Role').selectOption('dealer');
    await field(page, 'Dealer id \\(dealers\\)').fill(t.dealerId);
    await page.getByLabel('Dealer admin').check();
    await field(page, 'Name').fill('Erika Admin');
    await field(page, 'Email').last().fill(`erika.${t.dealerId}@dealer.example`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    await page.getByRole('link', { name: 'Partner agreement' }).click();
    await page.getByRole('heading', { level: 2, name: 'Partner agreement (browser test)' }).waitFor();
    await page.getByRole('heading', { name: 'Protection' }).waitFor();
    expect(await page.locator('.markdown strong').textContent()).toBe('protected');
    // The script tag is text on the page, never an element.
    await page.getByText('<script>window.injected = true</script>').waitFor();
    expect(await page.evaluate('window.injected')).toBeUndefined();
    await expectAccessible(page, 'agreement');
    await page.getByRole('button', { name: 'Accept for my dealer' }).click();
    await page.getByRole('status').filter({ hasText: 'Accepted for your dealer' }).waitFor();
    const acceptances = await call('GET', `/agreements/${version}/acceptances`, { token: t.tokens.admin });
    expect(acceptances.body.items).toEqual([expect.objectContaining({ dealerId: t.dealerId, version })]);
  });

  it('invites a colleague, who is listed and gets the invitation mail', async () => {
    const email = `${uniqueId('colleague')}@dealer.example`;
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users of your dealer' }).waitFor();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Enter the colleague’s name.').waitFor();
    await field(page, 'Name').fill('Jonas Huber');
    await field(page, 'Email').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${email}` })
      .waitFor();
    await page.getByRole('cell', { name: email }).waitFor();
    await expectAccessible(page, 'users');
    const [mail] = await mailsArrived(email);
    expect(mail?.body.text).toContain('Temporary password');
  });
});

describe('the public application form', () => {
  it('opens without signing in and names the missing fields', async () => {
    const anonymous = await browser.newContext({ locale: 'en-GB' });
    const page = await anonymous.newPage();
    await page.goto(`${portalUrl}/apply`);
    await page.getByRole('heading', { level: 1, name: 'Become a dealer' }).waitFor();
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.getByRole('link', { name: /Company name/ }).waitFor();
    await expectAccessible(page, 'apply');
    await anonymous.close();
  });
});
