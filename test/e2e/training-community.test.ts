/**
 * Training and community in a real browser on the shared stack: a dealer passes a module's quiz and sees itself
 * certified, asks a community question and is shown as "a dealer (you)"; a channel admin hides it and the dealer no
 * longer finds it; axe-core finds no serious or critical violation on these pages.
 */

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, type Tenant, uniqueId } from '../support/api.js';
import { labelled, launchChromium, screenshots, seriousViolations, signInOnPortal } from '../support/browser.js';

const { portalUrl } = inject('stack');

let browser: Browser;
let t: Tenant;
const contexts: BrowserContext[] = [];
const moduleTitle = `Spindle service ${uniqueId('m')}`;
const questionTitle = `Coolant for the MX-500 ${uniqueId('q')}`;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  const put = await call('PUT', `/training/modules/${uniqueId('mod')}`, {
    token: t.tokens.admin,
    body: {
      title: moduleTitle,
      requiredFor: ['bronze'],
      validityMonths: 12,
      quiz: {
        passPercent: 100,
        questions: [
          { text: 'Which coolant concentration?', options: ['2 %', '5-8 %'], answer: 1 },
          { text: 'How is the spindle lubricated?', options: ['Daily by hand', 'Sealed for life'], answer: 1 },
        ],
      },
    },
  });
  if (put.status !== 200) throw new Error(put.text);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function signIn(role: 'dealer' | 'channel_admin', name: string, dealerId?: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
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

describe('training and community in the portal', () => {
  let dealer: Page;

  it('a dealer passes a quiz and sees itself and its company certified', async () => {
    dealer = await signIn('dealer', 'Erika Dealer', t.dealerId);
    await dealer.getByRole('link', { name: 'Training' }).click();
    await dealer.getByRole('heading', { level: 1, name: 'Training and certifications' }).waitFor();
    const row = dealer.getByRole('row').filter({ hasText: moduleTitle });
    await expect.poll(() => row.textContent()).toContain('Not completed');
    await expectAccessible(dealer, 'training');

    await dealer.getByRole('link', { name: `Take the quiz: ${moduleTitle}` }).click();
    await dealer.getByRole('heading', { level: 1, name: `Quiz: ${moduleTitle}` }).waitFor();
    await dealer.getByRole('button', { name: 'Submit answers' }).click();
    await dealer.getByRole('heading', { name: 'There are 2 problems to fix' }).waitFor();
    await dealer
      .getByRole('group', { name: /Question 1/ })
      .getByLabel('5-8 %')
      .check();
    await dealer
      .getByRole('group', { name: /Question 2/ })
      .getByLabel('Sealed for life')
      .check();
    await expectAccessible(dealer, 'quiz');
    await dealer.getByRole('button', { name: 'Submit answers' }).click();
    await dealer.getByRole('status').getByRole('heading', { name: 'Passed' }).waitFor();
    expect(await dealer.getByRole('status').textContent()).toContain('100 %');

    await dealer.getByRole('link', { name: 'Back to training' }).click();
    await expect.poll(() => row.textContent()).toContain('Certified');
    expect((await row.textContent())?.match(/Certified/g)).toHaveLength(2);
  });

  it('a dealer asks a question and is shown as "a dealer (you)"; markup stays text', async () => {
    await dealer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
    await dealer.getByRole('heading', { level: 1, name: 'Community' }).waitFor();
    await dealer.getByRole('button', { name: 'Ask', exact: true }).click();
    await dealer.getByRole('heading', { name: 'There are 2 problems to fix' }).waitFor();
    await expectAccessible(dealer, 'community');
    await labelled(dealer, 'Title').fill(questionTitle);
    await labelled(dealer, 'Text').fill('Which concentration do you run? <b>5 %</b> foams.');
    await dealer.getByRole('button', { name: 'Ask', exact: true }).click();
    await dealer.getByRole('heading', { level: 1, name: questionTitle }).waitFor();
    await dealer.getByText('Which concentration do you run? <b>5 %</b> foams.').waitFor();
    expect(await dealer.locator('article b').count()).toBe(0);
    await dealer
      .getByText(/by a dealer \(you\)/)
      .first()
      .waitFor();
    await expectAccessible(dealer, 'question');

    await dealer.getByRole('link', { name: 'Back to the community' }).click();
    await labelled(dealer, 'Search questions').fill(questionTitle.split(' ').at(-1) as string);
    await dealer.getByRole('button', { name: 'Search', exact: true }).click();
    await dealer.getByRole('link', { name: questionTitle }).waitFor();
  });

  it('a channel admin hides the question with a reason; the dealer no longer finds it', async () => {
    const admin = await signIn('channel_admin', 'Sofia Admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).click();
    await labelled(admin, 'Search questions').fill(questionTitle.split(' ').at(-1) as string);
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.getByRole('link', { name: questionTitle }).click();
    await admin.getByRole('heading', { level: 1, name: questionTitle }).waitFor();
    await admin
      .getByText(/by a dealer ·/)
      .first()
      .waitFor();
    await labelled(admin, 'Reason for hiding').first().fill('Off topic');
    await admin.getByRole('button', { name: 'Hide' }).first().click();
    await admin.getByText('Hidden: Off topic').waitFor();
    await expectAccessible(admin, 'moderation');

    await dealer.reload();
    await dealer.getByRole('heading', { level: 1, name: 'Community' }).waitFor();
    await dealer.getByRole('status').filter({ hasText: 'No question holds all these words.' }).waitFor();
  });
});
