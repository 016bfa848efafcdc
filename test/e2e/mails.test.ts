/**
 * Every mail rendered as a mail client would: its HTML opened in Chromium at a desktop width and at a phone's
 * 390 px, each saved as HTML and PNG under test-results/mails/<language>/ (git-ignored), in English, German and Dutch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/schemas/setup.js';
import { MAIL_NAMES, sampleMails } from '../fixtures/mail-samples.js';
import { launchChromium } from '../support/browser.js';

const OUT = path.resolve(import.meta.dirname, '../../test-results/mails');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LANGUAGES)('the mails in %s', (language) => {
  it('render with their one button inside a phone’s width, saved as HTML and PNG', async () => {
    const dir = path.join(OUT, language);
    mkdirSync(dir, { recursive: true });
    const mails = sampleMails(language);
    // Mail clients run no script and load nothing from the mail itself.
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
    const page = await context.newPage();
    try {
      for (const name of MAIL_NAMES) {
        const mail = mails[name];
        writeFileSync(path.join(dir, `${name}.html`), mail.html);
        writeFileSync(path.join(dir, `${name}.txt`), `Subject: ${mail.subject}\n\n${mail.text}`);
        await page.setViewportSize({ width: 800, height: 900 });
        await page.setContent(mail.html);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        const button = page.getByRole('link');
        await expect.poll(() => button.count()).toBe(1);
        expect(await button.isVisible()).toBe(true);
        await page.screenshot({ path: path.join(dir, `${name}-desktop.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
        expect(overflow, `${name} is wider than the phone`).toBeLessThanOrEqual(0);
        const box = await button.boundingBox();
        expect(box && box.x + box.width <= 390, `${name}: the button fits`).toBe(true);
        await page.screenshot({ path: path.join(dir, `${name}-390.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
  });
});
