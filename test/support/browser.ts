/** Debian's Chromium driven by playwright-core (never a downloaded browser), with accessibility checks by axe-core. */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the closed network of CI needs (see STACK-NOTES): no background connections, no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install it: sudo apt-get update && sudo apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** A full-page screenshot at the desktop width and at a phone's 390 px. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const desktop = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(desktop);
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA). */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * What breaks a page on a small phone (360 px): content wider than the screen, and tap targets under 24 × 24 px
 * without the spacing WCAG 2.2 (2.5.8) allows instead, as axe-core's `target-size` rule checks them.
 */
export async function phoneLayoutProblems(page: Page) {
  const previous = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 780 });
  // Charts follow a resize in the frames after it (ResizeObserver, then requestAnimationFrame).
  await page.evaluate('(async () => { for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r)); })()');
  try {
    // The outermost elements that reach past the right edge, named so that a failure says what to fix.
    const overflow = await page.evaluate<string[]>(`(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > width + 1);
      return wide
        .filter((e) => !wide.includes(e.parentElement))
        .slice(0, 5)
        .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
          ' ends at ' + Math.round(e.getBoundingClientRect().right) + ' px');
    })()`);
    const result = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
    const problems = result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
    return overflow.length > 0 ? [{ id: 'horizontal-overflow', targets: overflow }, ...problems] : problems;
  } finally {
    await page.setViewportSize(previous);
  }
}

/** A form control by its visible label, with or without the required marker " *". */
export const labelled = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\*)?$`));

export interface PortalUser {
  role: string;
  name: string;
  dealerId?: string | undefined;
  regions?: string | undefined;
  /** For "Another user"; the page also has an email field for invited users' password sign-in. */
  email?: string | undefined;
}

/** Signs `page` in on the local OpenID provider's page as `user` and waits for the portal's navigation. */
export async function signInOnPortal(page: Page, portalUrl: string, user: PortalUser): Promise<void> {
  await page.goto(portalUrl);
  await page.getByRole('heading', { name: 'Sign in to Dealer Channel' }).waitFor();
  await labelled(page, 'Role').selectOption(user.role);
  if (user.dealerId) await labelled(page, 'Dealer id (dealers)').fill(user.dealerId);
  if (user.regions) await labelled(page, 'Regions, comma-separated (managers)').fill(user.regions);
  if (user.email) await labelled(page.getByRole('group', { name: 'Another user' }), 'Email').fill(user.email);
  await labelled(page, 'Name').fill(user.name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Community' }).waitFor();
}
