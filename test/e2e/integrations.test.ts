/**
 * A dealer admin's integrations in the portal (real Chromium on the shared stack): creates an API client (the
 * secret shown once), subscribes a webhook to a receiver on this machine (an origin the test stack explicitly
 * allows) and sees the delivery of its registration's approval in the delivery log.
 */
import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { verifySignature } from '../../shared/domain/webhook-signature.js';
import { call, createTenant, registrationBody, type Tenant } from '../support/api.js';
import { launchChromium, screenshots, seriousViolations } from '../support/browser.js';

const { portalUrl, webhookReceiverOrigins } = inject('stack');
const origin = webhookReceiverOrigins[0] as string;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let t: Tenant;
let receiver: Server;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ body, signature: String(request.headers['dealer-channel-signature']) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(Number(new URL(origin).port), '127.0.0.1', resolve));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const field = (label: string) => page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

describe('a dealer admin in the portal', () => {
  it('signs in and creates an API client for its CRM, seeing the secret once', async () => {
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(portalUrl);
    await page.getByRole('heading', { name: 'Sign in to Dealer Channel' }).waitFor();
    await field('Role').selectOption('dealer');
    await field('Dealer id (dealers)').fill(t.dealerId);
    await page.getByLabel('Dealer admin').check();
    await field('Name').fill('Ada Admin');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    await page.getByRole('link', { name: 'API clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'API clients' }).waitFor();
    await field('Name').fill('Our CRM');
    await page.getByRole('button', { name: 'Create API client' }).click();
    const secret = await page.getByLabel('Client secret').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('cell', { name: 'Our CRM', exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'integrations-api-clients');
  });

  it('creates a webhook and sees the delivery of its approved registration', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await field('Address (https)').fill('https://127.0.0.1/hook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.locator('#webhook-url-error').waitFor();
    expect(await page.locator('#webhook-url-error').textContent()).toContain('private, loopback or link-local');

    await field('Address (https)').fill(`${origin}/portal-e2e`);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await page.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByText('Nothing delivered yet.').waitFor();

    const registration = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
    await call('POST', `/registrations/${registration.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve', reason: 'Fine' },
    });

    const log = page.getByRole('table', { name: 'Delivery log' });
    await log.getByRole('cell', { name: 'Delivered' }).waitFor({ timeout: 30_000 });
    expect(await log.innerText()).toContain('RegistrationApproved');
    expect(await log.innerText()).toContain('204');
    const delivery = received.find((r) => JSON.parse(r.body).data.registrationId === registration.body.id);
    expect(delivery && verifySignature(delivery.signature, delivery.body, secret, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'integrations-webhooks');
  });
});
