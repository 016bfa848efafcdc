/**
 * The channel admins' page of undelivered mail in Chromium on the shared stack: a mail SES refused for good is
 * listed with its recipient and reason; replaying it puts it back, the outbox sends it once (it reaches the SES
 * emulator), and it leaves the list; a partner manager's address that SES reported as bounced is listed with its
 * region. axe-core finds nothing serious; the page works at 390 px.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiUrl, call, createTenant, mailsArrived, partnerManagerOf, runJob, type Tenant, uniqueId } from '../support/api.js';
import { launchChromium, phoneLayoutProblems, screenshots, seriousViolations } from '../support/browser.js';
import { deadLetter } from '../support/outbox.js';

const { portalUrl } = inject('stack');
let browser: Browser;
let context: BrowserContext;
let t: Tenant;

beforeAll(async () => {
  browser = await launchChromium();
  t = await createTenant();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

describe('a channel admin', () => {
  it('sees a refused mail with its recipient and reason, replays it, and it is delivered once', async () => {
    const recipient = `${uniqueId('unverified')}@manufacturer.example`;
    const id = await deadLetter(recipient);
    // SES reports the region's partner manager address as a hard bounce (the local stack's stand-in for EventBridge).
    const bounced = await fetch(`${apiUrl}/_local/ses-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'aws.ses',
        'detail-type': 'Email Bounced',
        detail: {
          eventType: 'Bounce',
          mail: { messageId: uniqueId('ses'), destination: [partnerManagerOf(t.regionId)] },
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              { emailAddress: partnerManagerOf(t.regionId), status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
            ],
            timestamp: new Date().toISOString(),
          },
        },
      }),
    });
    expect(await bounced.json()).toEqual({ kind: 'bounced', addresses: [partnerManagerOf(t.regionId)], regions: [t.regionId] });
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(portalUrl);
    await page.getByRole('heading', { name: 'Sign in to Dealer Channel' }).waitFor();
    await field(page, 'Role').selectOption('channel_admin');
    await field(page, 'Name').fill('Ops Admin');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('link', { name: 'Undelivered mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Undelivered mail and events' }).waitFor();

    const row = page.locator(`tr[data-dead-letter="${id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(recipient);
    await row.getByText('Refused, not retried').waitFor();
    await row.getByText('MessageRejected: Email address is not verified.').waitFor();
    const flagged = page.locator(`tr[data-flagged-region="${t.regionId}"]`);
    await flagged.waitFor();
    expect(await flagged.innerText()).toContain(partnerManagerOf(t.regionId));
    await flagged.getByText('Bounced').waitFor();
    await flagged.getByText('smtp; 550 5.1.1 user unknown', { exact: false }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page), 'dead letters').toEqual([]);
    expect(await phoneLayoutProblems(page), 'dead letters at 360 px').toEqual([]);
    await screenshots(page, 'admin-dead-letters');

    await row.getByRole('button', { name: `Replay ${id}` }).click();
    await page.getByRole('status').getByText(`${id} is back on the waiting list`).waitFor();
    await row.waitFor({ state: 'detached' });

    // The outbox schedule's next run sends it, once.
    await runJob('outbox', new Date());
    expect(await mailsArrived(recipient)).toHaveLength(1);
    await runJob('outbox', new Date(Date.now() + 3_600_000));
    expect(await mailsArrived(recipient)).toHaveLength(1);
    const listed = await call('GET', '/outbox/dead-letters?limit=100', { token: t.tokens.admin });
    expect((listed.body.items as { id: string }[]).map((item) => item.id)).not.toContain(id);
  });
});
