/**
 * Quarterly business reviews over the API: the pack compares the quarter with the one before and a year earlier,
 * lists pipeline and protections; holding it freezes the pack (new data changes nothing), once per quarter; the next
 * quarter's pack carries the commitments with their state; the dealer reads its own, nobody else's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, registrationBody, type Tenant, uniqueId } from '../support/api.js';

let t: Tenant;
const today = new Date().toISOString().slice(0, 10);
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
const current = quarterOf(today);
const shiftQuarter = (quarter: string, by: number) => {
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
};
const firstMonth = (quarter: string) => `${quarter.slice(0, 4)}-${String(Number(quarter.slice(6)) * 3 - 2).padStart(2, '0')}`;
const path = (dealerId: string, quarter: string) => `/dealers/${dealerId}/business-reviews/${quarter}`;

async function revenue(dealerId: string, quarter: string, amount: number) {
  const response = await call('POST', '/kpi-inputs/revenue', {
    token: t.tokens.admin,
    body: { items: [{ dealerId, month: firstMonth(quarter), productLine: 'milling', amount, currency: 'EUR' }] },
  });
  expect(response.status, response.text).toBe(200);
}

async function approvedRegistration(name: string) {
  const created = await call('POST', '/registrations', {
    token: t.tokens.dealer,
    body: registrationBody({ customer: { name, country: 'DE', city: 'Stuttgart' }, stage: 'late' }, t.sku),
  });
  expect(created.status, created.text).toBe(201);
  const decided = await call('POST', `/registrations/${created.body.id}/decision`, {
    token: t.tokens.manager,
    body: { decision: 'approve', reason: 'fine' },
  });
  expect(decided.status, decided.text).toBe(200);
  return created.body.id as string;
}

beforeAll(async () => {
  t = await createTenant();
  await revenue(t.dealerId, current, 30_000_000);
  await revenue(t.dealerId, shiftQuarter(current, -1), 20_000_000);
  await revenue(t.dealerId, shiftQuarter(current, -4), 10_000_000);
});

describe('the review pack', () => {
  it('compares the quarter with the one before and a year earlier and lists pipeline and protections', async () => {
    const id = await approvedRegistration(`Pack Kunde ${uniqueId('c')} GmbH`);
    const response = await call('GET', path(t.dealerId, current), { token: t.tokens.manager });
    expect(response.status, response.text).toBe(200);
    const { pack, state, dealerName } = response.body;
    expect(state).toBe('draft');
    expect(dealerName).toBe('Test Dealer');
    expect(pack.quarters).toEqual({ current, previousQuarter: shiftQuarter(current, -1), yearEarlier: shiftQuarter(current, -4) });
    expect(pack.kpis.current.revenue.amount).toBe(30_000_000);
    expect(pack.kpis.previousQuarter.revenue.amount).toBe(20_000_000);
    expect(pack.kpis.yearEarlier.revenue.amount).toBe(10_000_000);
    expect(pack.kpis.current.yoyGrowth).toBe(2);
    expect(pack.tier).toMatchObject({ tier: 'bronze' });
    expect(pack.pipeline.openRegistrations).toBeGreaterThanOrEqual(1);
    expect(pack.pipeline.byStage.find((s: { stage: string }) => s.stage === 'late').count).toBeGreaterThanOrEqual(1);
    expect(pack.protections.items.map((p: { registrationId: string }) => p.registrationId)).toContain(id);
    expect(pack.previousReview).toBeNull();
  });

  it('is the dealer’s own to read, and nobody else’s', async () => {
    expect((await call('GET', path(t.dealerId, current), { token: t.tokens.dealer })).status).toBe(200);
    expect((await call('GET', path(t.dealerId, current), { token: t.tokens.otherDealer })).status).toBe(404);
    expect((await call('GET', path(t.dealerId, current), { token: t.tokens.sameRegionDealer })).status).toBe(404);
    expect((await call('GET', path(t.otherDealerId, current), { token: t.tokens.manager })).status).toBe(404);
    expect(
      (await call('POST', path(t.dealerId, current), { token: t.tokens.dealer, body: { heldOn: today, commitments: [] } })).status,
    ).toBe(403);
  });
});

describe('holding the review', () => {
  it('freezes the pack: new registrations and KPI uploads leave it as it was; a second hold is 409', async () => {
    const dealerId = uniqueId('dealer');
    const put = await call('PUT', `/dealers/${dealerId}`, {
      token: t.tokens.admin,
      body: { name: 'Frozen Dealer', regionId: t.regionId, email: 'f@dealer.example', status: 'active' },
    });
    expect(put.status, put.text).toBe(200);
    await revenue(dealerId, current, 5_000_000);
    const commitments = [{ text: 'Two people complete the MX-500 training', owner: 'Frozen Dealer', due: '2031-02-28' }];
    const held = await call('POST', path(dealerId, current), { token: t.tokens.manager, body: { heldOn: today, commitments } });
    expect(held.status, held.text).toBe(201);
    expect(held.body).toMatchObject({ state: 'held', held: { heldOn: today, commitments, heldBy: { role: 'partner_manager' } } });

    await revenue(dealerId, current, 9_000_000);
    const after = await call('GET', path(dealerId, current), { token: t.tokens.manager });
    expect(after.body).toEqual(held.body);
    expect(after.body.pack.kpis.current.revenue.amount).toBe(5_000_000);

    const again = await call('POST', path(dealerId, current), { token: t.tokens.admin, body: { heldOn: today, commitments: [] } });
    expect(again.status).toBe(409);
    expect((await call('GET', path(dealerId, current), { token: t.tokens.manager })).body).toEqual(held.body);
  });

  it('shows the last review’s commitments in the next quarter’s pack with their state', async () => {
    const dealerId = uniqueId('dealer');
    await call('PUT', `/dealers/${dealerId}`, {
      token: t.tokens.admin,
      body: { name: 'Follow-up Dealer', regionId: t.regionId, email: 'u@dealer.example', status: 'active' },
    });
    const commitments = [
      { text: 'Past due', owner: 'Dealer', due: '2001-01-01' },
      { text: 'Still open', owner: 'Partner manager', due: '2199-12-31' },
    ];
    const held = await call('POST', path(dealerId, current), { token: t.tokens.manager, body: { heldOn: today, commitments } });
    expect(held.status, held.text).toBe(201);
    const next = await call('GET', path(dealerId, shiftQuarter(current, 1)), { token: t.tokens.manager });
    expect(next.body.pack.previousReview).toEqual({
      quarter: current,
      heldOn: today,
      commitments: [
        { ...commitments[0], index: 0, state: 'overdue' },
        { ...commitments[1], index: 1, state: 'open' },
      ],
    });
  });

  it('refuses a review dated in the future or before its quarter, or of a quarter not begun, naming the field; writes nothing', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await call('POST', path(t.dealerId, current), { token: t.tokens.manager, body: { heldOn: tomorrow, commitments: [] } });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: '/heldOn' })]);
    const early = await call('POST', path(t.dealerId, current), {
      token: t.tokens.manager,
      body: { heldOn: '2002-01-01', commitments: [] },
    });
    expect(early.status).toBe(400);
    const notBegun = await call('POST', path(t.dealerId, shiftQuarter(current, 1)), {
      token: t.tokens.manager,
      body: { heldOn: today, commitments: [] },
    });
    expect(notBegun.status).toBe(400);
    expect(notBegun.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'quarter' })]));
    const bad = await call('POST', path(t.dealerId, current), {
      token: t.tokens.manager,
      body: { heldOn: today, commitments: [{ text: '', owner: 'x', due: '2031-02-30' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/commitments/0/due']));
    expect((await call('GET', path(t.dealerId, current), { token: t.tokens.manager })).body.state).toBe('draft');
  });
});
