/** Partner program over HTTP: KPI uploads (JSON and CSV), scorecards, access, portal logins, improvement plans. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, registrationBody, type Tenant, tokenFor } from '../support/api.js';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const KPI_NAMES = [
  'revenue',
  'yoyGrowth',
  'productMix',
  'averageDealSize',
  'registeredDeals',
  'registrationToCloseRatio',
  'pipelineValue',
  'averageCycleDays',
  'portalLogins',
  'trainingCompletion',
  'marketingParticipation',
  'supportTickets',
];

const upload = (kind: string, items: unknown[], token = t.tokens.admin) => call('POST', `/kpi-inputs/${kind}`, { token, body: { items } });
const uploadCsv = (kind: string, csv: string, token = t.tokens.admin) =>
  call('POST', `/kpi-inputs/${kind}`, { token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
const scorecard = (dealerId: string, period: string, token: string) =>
  call('GET', `/dealers/${dealerId}/scorecard?period=${period}`, { token });

const thisMonth = new Date().toISOString().slice(0, 7);
const thisQuarter = `${thisMonth.slice(0, 4)}-Q${Math.ceil(Number(thisMonth.slice(5, 7)) / 3)}`;
const thisYear = thisMonth.slice(0, 4);

describe('KPI inputs', () => {
  it('stores revenue per dealer and month, and a re-posted month replaces rather than adds', async () => {
    const first = await upload('revenue', [
      { dealerId: t.dealerId, month: '2025-04', productLine: 'milling', amount: 3_000_000, currency: 'EUR' },
      { dealerId: t.dealerId, month: '2025-04', productLine: 'turning', amount: 1_000_000, currency: 'EUR' },
      { dealerId: t.dealerId, month: '2025-05', productLine: 'milling', amount: 2_000_000, currency: 'EUR' },
      { dealerId: t.dealerId, month: '2024-05', productLine: 'milling', amount: 4_000_000, currency: 'EUR' },
    ]);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({
      kind: 'revenue',
      rows: 4,
      written: 3,
      dealerMonths: [
        { dealerId: t.dealerId, month: '2024-05' },
        { dealerId: t.dealerId, month: '2025-04' },
        { dealerId: t.dealerId, month: '2025-05' },
      ],
    });
    let card = await scorecard(t.dealerId, '2025-Q2', t.tokens.admin);
    expect(card.status, card.text).toBe(200);
    expect(card.body.kpis.revenue).toEqual({ amount: 6_000_000, currency: 'EUR' });
    expect(card.body.kpis.yoyGrowth).toBe(0.5);
    expect(card.body.kpis.productMix).toEqual([
      { productLine: 'milling', amount: 5_000_000, share: 0.8333 },
      { productLine: 'turning', amount: 1_000_000, share: 0.1667 },
    ]);

    // April again, corrected: the month is replaced, not added to; the same body twice changes nothing more.
    const corrected = [{ dealerId: t.dealerId, month: '2025-04', productLine: 'milling', amount: 1_000_000, currency: 'EUR' }];
    expect((await upload('revenue', corrected)).status).toBe(200);
    expect((await upload('revenue', corrected)).status).toBe(200);
    card = await scorecard(t.dealerId, '2025-Q2', t.tokens.admin);
    expect(card.body.kpis.revenue).toEqual({ amount: 3_000_000, currency: 'EUR' });
    expect(card.body.kpis.yoyGrowth).toBe(-0.25);
  });

  it('takes CSV with a header row, for every kind', async () => {
    const tenant = await createTenant();
    const d = tenant.dealerId;
    const training = await uploadCsv(
      'training',
      [
        'dealerId,month,userId,moduleId,completed',
        `${d},2025-07,anna,safety,true`,
        `${d},2025-07,anna,sales,false`,
        `${d},2025-07,ben,safety,yes`,
        `${d},2025-07,ben,sales,1`,
      ].join('\n'),
    );
    expect(training.status, training.text).toBe(200);
    expect(training.body).toMatchObject({ kind: 'training', rows: 4, written: 1 });
    const marketing = await uploadCsv(
      'marketing',
      `dealerId,month,campaignId,participated\r\n${d},2025-07,fair,true\r\n${d},2025-08,mailer,false\r\n`,
    );
    expect(marketing.status, marketing.text).toBe(200);
    const support = await uploadCsv('support', `month,dealerId,tickets\n2025-07,${d},4\n2025-09,${d},"3"\n`);
    expect(support.status, support.text).toBe(200);
    const satisfaction = await uploadCsv('satisfaction', `dealerId,month,responses,score\n${d},2025-08,10,80\n`);
    expect(satisfaction.status, satisfaction.text).toBe(200);
    const revenue = await uploadCsv('revenue', `dealerId,month,productLine,amount,currency\n${d},2025-08,milling,500000,EUR\n`);
    expect(revenue.status, revenue.text).toBe(200);

    const card = await scorecard(d, '2025-Q3', tenant.tokens.admin);
    expect(card.status, card.text).toBe(200);
    expect(card.body.kpis).toMatchObject({
      revenue: { amount: 500_000, currency: 'EUR' },
      trainingCompletion: 0.75,
      marketingParticipation: 0.5,
      supportTickets: 7,
    });
    expect(card.body.customerSatisfaction).toBe(80);
  });

  it('answers 400 naming the row and the field, and stores nothing, when any row is bad', async () => {
    const tenant = await createTenant();
    const d = tenant.dealerId;
    const good = { dealerId: d, month: '2025-10', productLine: 'milling', amount: 1_000, currency: 'EUR' };
    const bad = await upload('revenue', [
      good,
      { ...good, month: '2025-13', productLine: 'turning' },
      { ...good, productLine: 'custom', amount: -5 },
      { ...good, productLine: 'other', currency: 'XXX' },
      { ...good, productLine: 'extra', color: 'red' },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.detail).toContain('nothing was stored');
    expect(bad.body.errors).toEqual([
      { path: '/items/1/month', message: 'row 2: must be a month YYYY-MM' },
      { path: '/items/2/amount', message: expect.stringMatching(/^row 3: /) },
      { path: '/items/3/currency', message: expect.stringMatching(/^row 4: must be an ISO 4217/) },
      { path: '/items/4/color', message: 'row 5: is not a field of this request' },
    ]);

    const duplicate = await upload('revenue', [good, { ...good, amount: 2 }]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([{ path: '/items/1', message: 'row 2: repeats row 1 (same dealerId, month, productLine)' }]);

    const unknownDealer = await upload('revenue', [good, { ...good, dealerId: 'no-such-dealer' }]);
    expect(unknownDealer.status).toBe(400);
    expect(unknownDealer.body.errors).toEqual([{ path: '/items/1/dealerId', message: 'row 2: is not a dealer (no-such-dealer)' }]);

    const noRate = await upload('revenue', [{ ...good, currency: 'JPY' }]);
    expect(noRate.status).toBe(400);
    expect(noRate.body.errors).toEqual([{ path: '/items/0/currency', message: 'row 1: has no exchange rate to EUR in the program' }]);

    const csv = await uploadCsv('support', `dealerId,month,tickets\n${d},2025-10,3\n${d},2025-11,three\n${d},2025-12,\n`);
    expect(csv.status).toBe(400);
    expect(csv.body.errors).toEqual([
      { path: '/lines/3/tickets', message: expect.stringMatching(/^line 3: must be a whole number of tickets/) },
      { path: '/lines/4/tickets', message: 'line 4: is required' },
    ]);
    const header = await uploadCsv('support', `dealerId,month,tickets,notes\n${d},2025-10,3,x\n`);
    expect(header.status).toBe(400);
    expect(header.body.errors).toEqual([{ path: '/columns/notes', message: expect.stringContaining('is not a column of support') }]);
    const ragged = await uploadCsv('support', `dealerId,month,tickets\n${d},2025-10\n`);
    expect(ragged.status).toBe(400);
    expect(ragged.body.errors[0].message).toContain('is not valid CSV');

    // Nothing of the good rows above was stored.
    const card = await scorecard(d, '2025-Q4', tenant.tokens.admin);
    expect(card.body.kpis).toMatchObject({ revenue: { amount: 0 }, supportTickets: 0 });
  });

  it('refuses other media types, a body without items, and every role but channel_admin', async () => {
    const row = { dealerId: t.dealerId, month: '2025-01', tickets: 1 };
    const xml = await call('POST', '/kpi-inputs/support', {
      token: t.tokens.admin,
      rawBody: '<rows/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    const noItems = await call('POST', '/kpi-inputs/support', { token: t.tokens.admin, body: { rows: [row] } });
    expect(noItems.status).toBe(400);
    expect(noItems.body.errors).toContainEqual({ path: '/rows', message: 'is not a field of this request' });
    const empty = await upload('support', []);
    expect(empty.status).toBe(400);
    for (const token of [t.tokens.dealer, t.tokens.manager, t.tokens.finance]) {
      expect((await upload('support', [row], token)).status).toBe(403);
    }
  });
});

describe('scorecard', () => {
  it('shows tier, score, gap and exactly the named KPIs to the dealer itself', async () => {
    const card = await scorecard(t.dealerId, thisQuarter, t.tokens.dealer);
    expect(card.status, card.text).toBe(200);
    expect(Object.keys(card.body.kpis)).toEqual(KPI_NAMES);
    expect(card.body).toMatchObject({
      dealerId: t.dealerId,
      period: thisQuarter,
      tier: 'bronze',
      score: null,
      gapToNextTier: null,
      tierEvaluation: null,
      status: 'active',
    });
    expect((await scorecard(t.dealerId, thisYear, t.tokens.dealer)).status).toBe(200);
  });

  it('is visible to the managers of its region, channel admins and finance; 404 for everyone else', async () => {
    for (const token of [t.tokens.manager, t.tokens.director, t.tokens.admin, t.tokens.finance]) {
      expect((await scorecard(t.dealerId, thisQuarter, token)).status).toBe(200);
    }
    const otherDealer = await scorecard(t.dealerId, thisQuarter, t.tokens.otherDealer);
    expect(otherDealer.status).toBe(404);
    expect(otherDealer.headers.get('content-type')).toBe('application/problem+json');
    expect((await scorecard(t.otherDealerId, thisQuarter, t.tokens.dealer)).status).toBe(404);
    expect((await scorecard(t.dealerId, thisQuarter, t.tokens.otherManager)).status).toBe(404);
    expect((await scorecard('no-such-dealer', thisQuarter, t.tokens.admin)).status).toBe(404);
    expect((await call('GET', `/dealers/${t.dealerId}/tier-history`, { token: t.tokens.otherDealer })).status).toBe(404);
  });

  it('takes a period YYYY-Qn or YYYY, and answers the current quarter to date without one', async () => {
    for (const period of ['2025-Q5', '2025-04', 'last']) {
      const response = await scorecard(t.dealerId, period, t.tokens.admin);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'period', message: 'must be a quarter YYYY-Qn or a year YYYY' }]);
    }
    const current = await call('GET', `/dealers/${t.dealerId}/scorecard`, { token: t.tokens.admin });
    expect(current.status).toBe(200);
    const now = new Date();
    expect(current.body.period).toBe(`${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`);
  });

  it('answers 400, not 500, for periods at the calendar’s edges', async () => {
    for (const period of ['0000-Q1', '0000', '9999-Q4', '9999', '1999-Q4', '2200']) {
      const response = await scorecard(t.dealerId, period, t.tokens.admin);
      expect(response.status, period).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'period', message: 'must be in the years 2000 to 2199' }]);
    }
    for (const period of ['2000-Q1', '2199-Q4', '2199'])
      expect((await scorecard(t.dealerId, period, t.tokens.admin)).status, period).toBe(200);
  });

  it('derives the registration KPIs from the dealer’s registrations, and a won deal records its margin and tier', async () => {
    const tenant = await createTenant();
    const submit = async () => {
      const response = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
      expect(response.status, response.text).toBe(201);
      return response.body as { id: string; expectedCloseDate: string };
    };
    const approve = (id: string) =>
      call('POST', `/registrations/${id}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } });
    const today = new Date().toISOString().slice(0, 10);

    const open = await submit();
    const winning = await submit();
    await approve(winning.id);
    const won = await call('POST', `/registrations/${winning.id}/outcome`, {
      token: tenant.tokens.dealer,
      body: { result: 'won', closedOn: today, actualValue: { amount: 30_000_000, currency: 'EUR' } },
    });
    expect(won.status, won.text).toBe(200);
    // Never evaluated: Bronze, whose base margin (12 %) plus the registered-deal uplift (3 points) is 15 %.
    expect(won.body.earned).toEqual({
      tier: 'bronze',
      baseMarginPercent: 12,
      registeredUpliftPercent: 3,
      marginPercent: 15,
      tierPoints: 1,
    });
    const asManager = await call('GET', `/registrations/${winning.id}`, { token: tenant.tokens.manager });
    expect(asManager.body.earned).toMatchObject({ tier: 'bronze', marginPercent: 15 });
    const losing = await submit();
    await approve(losing.id);
    await call('POST', `/registrations/${losing.id}/outcome`, {
      token: tenant.tokens.dealer,
      body: { result: 'lost', closedOn: today, lostReason: 'Price' },
    });
    expect((await call('GET', `/registrations/${losing.id}`, { token: tenant.tokens.dealer })).body.earned).toBeUndefined();

    const card = await scorecard(tenant.dealerId, thisYear, tenant.tokens.dealer);
    expect(card.status, card.text).toBe(200);
    const closeYear = open.expectedCloseDate.slice(0, 4);
    expect(card.body.kpis).toMatchObject({
      registeredDeals: 3,
      registrationToCloseRatio: 0.5,
      averageDealSize: { amount: 30_000_000, currency: 'EUR' },
      averageCycleDays: 0,
      pipelineValue: { amount: closeYear === thisYear ? 40_000_000 : 0, currency: 'EUR' },
    });
  });
});

describe('portal logins', () => {
  it("count each dealer user's first authenticated request per day", async () => {
    const tenant = await createTenant();
    const anna = await tokenFor({ role: 'dealer', dealerId: tenant.dealerId, subject: `anna-${tenant.dealerId}` });
    const ben = await tokenFor({ role: 'dealer', dealerId: tenant.dealerId, subject: `ben-${tenant.dealerId}` });
    // Anna four times, one of them concurrent with another, Ben once; a manager's requests do not count.
    await Promise.all([call('GET', '/registrations', { token: anna }), call('GET', '/registrations', { token: anna })]);
    await call('GET', '/registrations', { token: anna });
    await call('GET', `/dealers/${tenant.dealerId}/improvement-plans`, { token: anna });
    await call('GET', '/registrations', { token: ben });
    await call('GET', `/dealers/${tenant.dealerId}/scorecard?period=${thisQuarter}`, { token: tenant.tokens.manager });
    const card = await scorecard(tenant.dealerId, thisQuarter, tenant.tokens.admin);
    expect(card.body.kpis.portalLogins).toBe(2);
    // Ben's scorecard request itself is his second request of the day: still 2.
    expect((await scorecard(tenant.dealerId, thisQuarter, ben)).body.kpis.portalLogins).toBe(2);
  });
});

describe('improvement plans', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  it('puts the dealer on improvement_plan, one open plan at a time, visible to the dealer with its history', async () => {
    const tenant = await createTenant();
    const body = {
      goals: [
        { kpi: 'registeredDeals', target: 4 },
        { kpi: 'supportTickets', target: 10, direction: 'at_most' },
      ],
      deadline: inDays(90),
      note: 'Fewer tickets, more registrations',
    };
    const opened = await call('POST', `/dealers/${tenant.dealerId}/improvement-plans`, { token: tenant.tokens.manager, body });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({
      dealerId: tenant.dealerId,
      status: 'open',
      goals: [
        { kpi: 'registeredDeals', target: 4, direction: 'at_least' },
        { kpi: 'supportTickets', target: 10, direction: 'at_most' },
      ],
      deadline: body.deadline,
      createdBy: { role: 'partner_manager' },
      history: [{ action: 'opened' }],
    });
    const dealer = await call('GET', `/dealers/${tenant.dealerId}`, { token: tenant.tokens.admin });
    expect(dealer.body.status).toBe('improvement_plan');
    expect((await scorecard(tenant.dealerId, thisQuarter, tenant.tokens.dealer)).body.status).toBe('improvement_plan');

    const second = await call('POST', `/dealers/${tenant.dealerId}/improvement-plans`, { token: tenant.tokens.admin, body });
    expect(second.status).toBe(409);

    const listed = await call('GET', `/dealers/${tenant.dealerId}/improvement-plans`, { token: tenant.tokens.dealer });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([opened.body.id]);
    expect((await call('GET', `/dealers/${tenant.dealerId}/improvement-plans`, { token: tenant.tokens.otherDealer })).status).toBe(404);
  });

  it('validates goals and deadline, and only managers of the region and admins may open one', async () => {
    const goals = [{ kpi: 'registeredDeals', target: 4 }];
    const post = (token: string, body: unknown, dealerId = t.otherDealerId) =>
      call('POST', `/dealers/${dealerId}/improvement-plans`, { token, body });
    const past = await post(t.tokens.admin, { goals, deadline: inDays(-1) });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: '/deadline', message: 'must be after today' }]);
    const badGoal = await post(t.tokens.admin, { goals: [{ kpi: 'productMix', target: 1 }], deadline: inDays(30) });
    expect(badGoal.status).toBe(400);
    expect(badGoal.body.errors[0].path).toBe('/goals/0/kpi');
    expect((await post(t.tokens.admin, { goals: [], deadline: inDays(30) })).body.errors[0].path).toBe('/goals');
    expect((await post(t.tokens.dealer, { goals, deadline: inDays(30) }, t.dealerId)).status).toBe(403);
    expect((await post(t.tokens.manager, { goals, deadline: inDays(30) })).status).toBe(404);
    expect((await post(t.tokens.finance, { goals, deadline: inDays(30) })).status).toBe(403);
  });
});

describe('API description', () => {
  it('defines every KPI of the scorecard and offers CSV for the uploads', async () => {
    const doc = (await call('GET', '/openapi.json')).body;
    const card = doc.paths['/dealers/{dealerId}/scorecard'].get;
    // Schemas are named components: follow each $ref.
    const resolve = (schema: { $ref?: string }) =>
      schema.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
    const kpis = resolve(resolve(card.responses['200'].content['application/json'].schema).properties.kpis);
    expect(Object.keys(kpis.properties)).toEqual(KPI_NAMES);
    for (const name of KPI_NAMES) expect(kpis.properties[name].description, name).toEqual(expect.any(String));
    expect(card['x-roles']).toEqual(['dealer', 'partner_manager', 'regional_director', 'channel_admin', 'finance']);
    for (const kind of ['revenue', 'training', 'marketing', 'support', 'satisfaction']) {
      expect(Object.keys(doc.paths[`/kpi-inputs/${kind}`].post.requestBody.content)).toEqual(['application/json', 'text/csv']);
    }
  });
});
