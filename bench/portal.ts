/**
 * The portal as a dealer meets it: the production build served by the local stack with the demo year seeded, a demo
 * dealer signed in through the local OpenID provider, then (1) the JavaScript the browser fetches until the home page
 * has rendered and the network is idle, gzipped as CloudFront serves it, and (2) Lighthouse 12.2.3's performance and
 * accessibility scores of that page, with its mobile defaults (simulated slow 4G, 4× CPU) and the desktop preset.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { issuerFromJwk, newSigningKey } from '../infra/local/local-issuer.js';
import { startLocalStack } from '../infra/local/local-stack.js';
import { buildPortal, PORTAL_ROOT } from '../infra/local/portal-build.js';
import { freePort } from '../infra/local/ports.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser.js';
import { printTable, progress } from './output.js';

const INITIAL_JS_BUDGET_KB = 200;
const SCORE_TARGET = 90;
const DEMO_DEALER = 'Anna Berger';

/** The built file behind a script URL of the portal, gzipped at the level CloudFront's compression comes near. */
function gzippedBytes(url: string) {
  const file = path.join(PORTAL_ROOT, 'dist', new URL(url).pathname);
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

interface LighthouseScores {
  performance: number;
  accessibility: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  speedIndexMs: number;
  cumulativeLayoutShift: number;
}

async function audit(url: string, port: number, preset: 'mobile' | 'desktop'): Promise<LighthouseScores> {
  const flags = {
    port,
    output: 'json' as const,
    logLevel: 'error' as const,
    onlyCategories: ['performance', 'accessibility'],
    // The dealer's session lives in localStorage: a storage reset would audit the sign-in page instead.
    disableStorageReset: true,
  };
  const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error('Lighthouse returned no result');
  const { categories, audits, finalDisplayedUrl } = result.lhr;
  if (!finalDisplayedUrl.startsWith(url)) throw new Error(`Lighthouse audited ${finalDisplayedUrl}, not the home page`);
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
  const ms = (id: string) => Math.round(audits[id]?.numericValue ?? Number.NaN);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    firstContentfulPaintMs: ms('first-contentful-paint'),
    largestContentfulPaintMs: ms('largest-contentful-paint'),
    totalBlockingTimeMs: ms('total-blocking-time'),
    speedIndexMs: ms('speed-index'),
    cumulativeLayoutShift: Math.round((audits['cumulative-layout-shift']?.numericValue ?? Number.NaN) * 1000) / 1000,
  };
}

export async function portalBench() {
  progress('portal: building the production bundle');
  await buildPortal();
  const stack = await startLocalStack({
    apiPort: await freePort(),
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    portal: { port: await freePort(), oidcPort: await freePort() },
    issuer: await issuerFromJwk(await newSigningKey()),
    reviewTokenSecret: 'portal-bench-review-secret-0123456789',
    seed: async () => {
      const { seedDemoData } = await import('../infra/local/demo-data.js');
      await seedDemoData();
      const { seedDemoHistory } = await import('../infra/local/demo-history.js');
      await seedDemoHistory();
    },
  });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_ARGS.filter((flag) => flag !== '--headless').concat('--headless=new'),
  });
  try {
    const home = `${stack.portalUrl}/`;
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const context = browser.contexts()[0] ?? (await browser.newContext());
    const page = await context.newPage();
    progress(`portal: signing in as ${DEMO_DEALER}`);
    await page.goto(home);
    await page.getByRole('button', { name: `Sign in as ${DEMO_DEALER}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    // A second visit with a warm session and a cold cache: what a returning dealer's browser loads for the home page.
    await context.clearCookies();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script' && response.url().startsWith(stack.portalUrl ?? '')) scripts.add(response.url());
    });
    await page.goto(home);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.waitForLoadState('networkidle');
    const files = [...scripts].map((url) => ({ file: new URL(url).pathname, gzipBytes: gzippedBytes(url) }));
    const initialJsKb = Math.round(files.reduce((sum, f) => sum + f.gzipBytes, 0) / 102.4) / 10;
    await page.close();
    await browser.close();

    progress('portal: Lighthouse (mobile, then desktop)');
    const mobile = await audit(home, chrome.port, 'mobile');
    const desktop = await audit(home, chrome.port, 'desktop');

    printTable(
      `Portal: dealer home, initial JavaScript (gzip) ${initialJsKb} KB (target ≤ ${INITIAL_JS_BUDGET_KB} KB) in ${files.length} files`,
      ['file', 'gzip KB'],
      files.map((f) => [f.file, Math.round(f.gzipBytes / 102.4) / 10]),
    );
    printTable(
      `Portal: Lighthouse 12.2.3 on the dealer home (target: performance and accessibility ≥ ${SCORE_TARGET})`,
      ['preset', 'performance', 'accessibility', 'FCP ms', 'LCP ms', 'TBT ms', 'SI ms', 'CLS'],
      [
        [
          'mobile (default)',
          mobile.performance,
          mobile.accessibility,
          mobile.firstContentfulPaintMs,
          mobile.largestContentfulPaintMs,
          mobile.totalBlockingTimeMs,
          mobile.speedIndexMs,
          mobile.cumulativeLayoutShift,
        ],
        [
          'desktop',
          desktop.performance,
          desktop.accessibility,
          desktop.firstContentfulPaintMs,
          desktop.largestContentfulPaintMs,
          desktop.totalBlockingTimeMs,
          desktop.speedIndexMs,
          desktop.cumulativeLayoutShift,
        ],
      ],
    );
    return {
      initialJs: { gzipKb: initialJsKb, budgetKb: INITIAL_JS_BUDGET_KB, met: initialJsKb <= INITIAL_JS_BUDGET_KB, files },
      lighthouse: {
        version: '12.2.3',
        target: SCORE_TARGET,
        mobile,
        desktop,
        met: [mobile, desktop].every((s) => s.performance >= SCORE_TARGET && s.accessibility >= SCORE_TARGET),
      },
    };
  } finally {
    chrome.kill();
    await stack.stop();
  }
}
