/**
 * The `tiers` and `improvement-plans` jobs rank the whole network and run as if in the future, and the tier settings
 * are program-wide: this file runs in the isolated project, one file at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, registrationBody, runJob, type Tenant, tokenFor, uniqueId } from '../../support/api.js';

const admin = await tokenFor({ role: 'channel_admin' });
let original: Record<string, unknown>;
let t: Tenant;
/** Five dealers of the tenant's region with clearly different revenue. */
const dealers: string[] = [];

const put = async (path: string, body: unknown) => {
  const response = await call('PUT', path, { token: admin, body });
  expect(response.status, response.text).toBe(200);
  return response.body;
};
const revenueRows = (dealerId: string, months: string[], amount: number) =>
  months.map((month) => ({ dealerId, month, productLine: 'milling', amount, currency: 'EUR' }));
const monthsOf = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

// Far in the future, so that no other test's data falls into the windows.
const Q1_RUN = new Date('2041-04-01T03:00:00Z'); // evaluates 2041-Q1: the window 2040-04 … 2041-03
const Q2_RUN = new Date('2041-07-01T03:00:00Z'); // evaluates 2041-Q2: the window 2040-07 … 2041-06

beforeAll(async () => {
  original = (await call('GET', '/program', { token: admin })).body;
  // Revenue decides alone, with minimums that make the tiers of the five dealers independent of the network size.
  await put('/program', {
    ...original,
    tiers: {
      weights: { revenue: 1, yoyGrowth: 0, registrationCompliance: 0, trainingCompletion: 0, customerSatisfaction: 0 },
      minimumRevenue: { gold: 2_500_000_000, silver: 300_000_000 },
    },
  });
  t = await createTenant();
  // Extra dealers so that the network has room for two Gold and four Silver places (at least 7 dealers).
  for (let i = 0; i < 3; i++) await createTenant();
  // Per month; over the 12 months of a window: 4.8 M, 3.0 M, 2.4 M, 360 000 and 120 000 EUR.
  const monthly = [400_000_000, 250_000_000, 200_000_000, 30_000_000, 10_000_000];
  for (const [index, amount] of monthly.entries()) {
    const dealerId = uniqueId(`tier${index}`);
    await put(`/dealers/${dealerId}`, {
      name: `Tier dealer ${index}`,
      regionId: t.regionId,
      email: `${dealerId}@dealer.example`,
      status: 'active',
    });
    dealers.push(dealerId);
    const months = [...monthsOf(2040, 4, 12), ...monthsOf(2041, 1, 3)];
    const upload = await call('POST', '/kpi-inputs/revenue', { token: admin, body: { items: revenueRows(dealerId, months, amount) } });
    expect(upload.status, upload.text).toBe(200);
  }
});

afterAll(async () => {
  await call('PUT', '/program', { token: admin, body: original });
});

const tierOf = async (dealerId: string, period: string) =>
  (await call('GET', `/dealers/${dealerId}/scorecard?period=${period}`, { token: admin })).body;

describe('the tiers job', () => {
  it('ranks the network on the four quarters to the last completed one, subject to the minimums', async () => {
    const report = await runJob('tiers', Q1_RUN);
    expect(report).toMatchObject({ quarter: '2041-Q1' });
    expect(report.dealers).toBeGreaterThanOrEqual(7 + 5);
    const cards = await Promise.all(dealers.map((d) => tierOf(d, '2041-Q1')));
    expect(cards.map((c) => c.tier)).toEqual(['gold', 'gold', 'silver', 'silver', 'bronze']);
    expect(cards[0]).toMatchObject({
      score: 100,
      tierEvaluation: { quarter: '2041-Q1', position: 1, networkSize: report.dealers, evaluatedAt: Q1_RUN.toISOString() },
      gapToNextTier: null,
    });
    // Silver by revenue: its rank would allow Gold, 100 000 EUR of revenue is missing.
    expect(cards[2]).toMatchObject({
      tierEvaluation: { limitedBy: 'minimum_revenue' },
      gapToNextTier: { tier: 'gold', score: 0, revenue: { amount: 100_000_000, currency: 'EUR' } },
    });
    expect(cards[4].gapToNextTier).toMatchObject({ tier: 'silver', revenue: { amount: 180_000_000, currency: 'EUR' } });
    // A scorecard for a later period shows the latest evaluation up to it; an earlier one shows none.
    expect((await tierOf(dealers[0] as string, '2041')).tier).toBe('gold');
    expect((await tierOf(dealers[0] as string, '2040-Q4')).tierEvaluation).toBeNull();
  });

  it('records each change with its reasons, once per quarter however often the job runs', async () => {
    const again = await runJob('tiers', Q1_RUN);
    expect(again.quarter).toBe('2041-Q1');
    let history = (await call('GET', `/dealers/${dealers[2]}/tier-history`, { token: admin })).body.items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ quarter: '2041-Q1', from: null, to: 'silver' });
    expect(history[0].reasons[0]).toBe('First tier evaluation');
    expect(history[0].reasons.some((r: string) => r.includes('below the Gold minimum'))).toBe(true);

    // Dealer 2 sells more in 2041-Q2 and dealer 1 nothing: dealer 2 becomes Gold, dealer 1 falls.
    const boost = await call('POST', '/kpi-inputs/revenue', {
      token: admin,
      body: {
        items: [
          ...revenueRows(dealers[2] as string, monthsOf(2041, 4, 6), 700_000_000),
          ...revenueRows(dealers[1] as string, monthsOf(2041, 4, 6), 0),
        ],
      },
    });
    expect(boost.status, boost.text).toBe(200);
    const report = await runJob('tiers', Q2_RUN);
    expect(report.quarter).toBe('2041-Q2');
    const dealerToken = await tokenFor({ role: 'dealer', dealerId: dealers[2] as string });
    history = (await call('GET', `/dealers/${dealers[2]}/tier-history`, { token: dealerToken })).body.items;
    expect(history.map((h: { quarter: string; from: string; to: string }) => [h.quarter, h.from, h.to])).toEqual([
      ['2041-Q2', 'silver', 'gold'],
      ['2041-Q1', null, 'silver'],
    ]);
    expect(history[0].reasons.some((r: string) => r.includes('Revenue now meets the minimum'))).toBe(true);
    const fell = (await call('GET', `/dealers/${dealers[1]}/tier-history`, { token: admin })).body.items[0];
    expect(fell).toMatchObject({ quarter: '2041-Q2', from: 'gold', to: 'silver' });
    // Its twelve-month revenue (2.25 M) is now below the Gold minimum: that is the reason, whatever the network's size
    // (one rank place is worth 100 / n points, under the reason threshold once the shared test table holds 200+ dealers).
    expect(fell.reasons.some((r: string) => r.includes('below the Gold minimum'))).toBe(true);
  });

  it('prices a won registered deal at the dealer’s current tier', async () => {
    const gold = dealers[0] as string;
    const dealerToken = await tokenFor({ role: 'dealer', dealerId: gold });
    const manager = await tokenFor({ role: 'partner_manager', regions: [t.regionId] });
    const submitted = await call('POST', '/registrations', { token: dealerToken, body: registrationBody({}, t.sku) });
    expect(submitted.status, submitted.text).toBe(201);
    await call('POST', `/registrations/${submitted.body.id}/decision`, { token: manager, body: { decision: 'approve' } });
    const won = await call('POST', `/registrations/${submitted.body.id}/outcome`, {
      token: dealerToken,
      body: { result: 'won', closedOn: new Date().toISOString().slice(0, 10) },
    });
    expect(won.status, won.text).toBe(200);
    expect(won.body.earned).toEqual({ tier: 'gold', baseMarginPercent: 18, registeredUpliftPercent: 3, marginPercent: 21, tierPoints: 1 });
  });
});

describe('the improvement-plans job', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  it('judges each plan the day after its deadline: met makes the dealer active, missed proposes phase-out', async () => {
    const tenant = await createTenant();
    const deadline = inDays(20);
    const open = (dealerId: string, goals: unknown[]) =>
      call('POST', `/dealers/${dealerId}/improvement-plans`, { token: tenant.tokens.admin, body: { goals, deadline } });
    const meeting = await open(tenant.dealerId, [{ kpi: 'registeredDeals', target: 1 }]);
    const missing = await open(tenant.otherDealerId, [{ kpi: 'revenue', target: 1_000_000 }]);
    expect([meeting.status, missing.status]).toEqual([201, 201]);
    const registered = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
    expect(registered.status, registered.text).toBe(201);

    const early = await runJob('improvement-plans', new Date(`${deadline}T23:00:00Z`));
    expect(early.due).toBe(0);
    const report = await runJob('improvement-plans', new Date(Date.parse(`${deadline}T00:00:00Z`) + 86_400_000 + 4 * 3_600_000));
    expect(report).toMatchObject({ due: 2, met: 1, missed: 1 });
    expect((await runJob('improvement-plans', new Date(Date.parse(`${deadline}T00:00:00Z`) + 2 * 86_400_000))).due).toBe(0);

    const plans = async (dealerId: string) =>
      (await call('GET', `/dealers/${dealerId}/improvement-plans`, { token: tenant.tokens.admin })).body.items;
    const [met] = await plans(tenant.dealerId);
    expect(met).toMatchObject({ status: 'met', results: [{ kpi: 'registeredDeals', actual: 1, met: true }] });
    expect(met.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'met']);
    expect(met.proposal).toBeUndefined();
    const [missed] = await plans(tenant.otherDealerId);
    expect(missed).toMatchObject({ status: 'missed', proposal: 'phase_out', results: [{ kpi: 'revenue', actual: 0, met: false }] });

    const status = async (dealerId: string) => (await call('GET', `/dealers/${dealerId}`, { token: tenant.tokens.admin })).body.status;
    expect(await status(tenant.dealerId)).toBe('active');
    expect(await status(tenant.otherDealerId)).toBe('improvement_plan');
    // The judged plan freed the slot: a new plan can be opened.
    expect((await open(tenant.otherDealerId, [{ kpi: 'portalLogins', target: 10 }])).status).toBe(201);
  });
});
