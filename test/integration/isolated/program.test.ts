/** Program settings are global: this file runs in the isolated project, one file at a time. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  call,
  createTenant,
  dealerEmailOf,
  eventsArrived,
  mailsArrived,
  mailsTo,
  partnerManagerOf,
  registrationBody,
  type Tenant,
  tokenFor,
} from '../../support/api.js';

const admin = await tokenFor({ role: 'channel_admin' });
const stack = inject('stack');
const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: stack.dynamoDbUrl,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
let original: Record<string, unknown>;
let t: Tenant;

beforeAll(async () => {
  original = (await call('GET', '/program', { token: admin })).body;
  t = await createTenant();
});
afterAll(async () => {
  await call('PUT', '/program', { token: admin, body: original });
  table.destroy();
});

const small = (amount: number, currency = 'EUR') => registrationBody({ expectedValue: { amount, currency } }, t.sku);

describe('program settings', () => {
  it('fills documented defaults for missing fields and keeps what an admin sets', async () => {
    const put = await call('PUT', '/program', { token: admin, body: { protectionDays: 90, fxRates: { USD: 0.9 } } });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      protectionDays: 90,
      extensionMaxDays: 90,
      reviewTargetHours: 24,
      reviewLimitHours: 48,
      expiryWarningDays: [14, 3],
      autoApproval: { enabled: false },
      stageProbabilities: { early: 0.1, mid: 0.4, late: 0.7 },
      reportingCurrency: 'EUR',
      fxRates: { USD: 0.9 },
    });
    expect((await call('GET', '/program', { token: admin })).body).toEqual(put.body);
  });
});

describe('auto-approval', () => {
  it('is off by default: a clean registration waits for review', async () => {
    const response = await call('POST', '/registrations', { token: t.tokens.dealer, body: small(5_000) });
    expect(response.body.status).toBe('submitted');
  });

  it('approves a clean registration within the limit at once, records why, and tells the dealer', async () => {
    const put = await call('PUT', '/program', {
      token: admin,
      body: { ...original, fxRates: { USD: 0.9 }, autoApproval: { enabled: true, maxValue: { amount: 10_000, currency: 'EUR' } } },
    });
    expect(put.status, put.text).toBe(200);

    const within = await call('POST', '/registrations', { token: t.tokens.dealer, body: small(10_000) });
    expect(within.status).toBe(201);
    expect(within.body).toMatchObject({ status: 'approved', decisionReason: expect.stringContaining('Auto-approved') });
    expect(Date.parse(within.body.protectedUntil) - Date.parse(within.body.decidedAt)).toBe(90 * 86_400_000);
    const history = (await call('GET', `/registrations/${within.body.id}/history`, { token: t.tokens.dealer })).body.items;
    expect(history.map((e: { action: string; actor: { role: string } }) => `${e.action}:${e.actor.role}`)).toEqual([
      'submitted:dealer',
      'approved:system',
    ]);
    const notices = await mailsArrived(dealerEmailOf(t.dealerId), (m) => !!m.body.text?.includes(within.body.id));
    expect(notices.map((m) => m.subject)).toEqual([expect.stringContaining('Registration approved')]);
    const prompts = (await mailsTo(partnerManagerOf(t.regionId))).filter((m) => m.body.text?.includes(within.body.customer.name));
    expect(prompts).toHaveLength(0);
    const events = (await eventsArrived((e) => e.detail.registrationId === within.body.id, 2)).map((e) => e.detailType);
    expect(events).toEqual(['RegistrationSubmitted', 'RegistrationApproved']);

    // Above the limit (after conversion: 12,000 USD cents = 10,800 EUR cents) it goes to review.
    const above = await call('POST', '/registrations', { token: t.tokens.dealer, body: small(12_000, 'USD') });
    expect(above.body.status).toBe('submitted');
    const converted = await call('POST', '/registrations', { token: t.tokens.dealer, body: small(11_000, 'USD') });
    expect(converted.body.status).toBe('approved');

    // A dealer on an improvement plan is not in good standing.
    await call('PUT', `/dealers/${t.dealerId}`, {
      token: admin,
      body: { name: 'Test Dealer', regionId: t.regionId, email: dealerEmailOf(t.dealerId), status: 'improvement_plan' },
    });
    const planned = await call('POST', '/registrations', { token: t.tokens.dealer, body: small(5_000) });
    expect(planned.body.status).toBe('submitted');
  });

  it('keeps an auto-approved deal raised above the limit protected and asks the partner manager to look, once', async () => {
    await call('PUT', '/program', {
      token: admin,
      body: { ...original, autoApproval: { enabled: true, maxValue: { amount: 10_000, currency: 'EUR' } } },
    });
    const approved = (await call('POST', '/registrations', { token: t.tokens.otherDealer, body: small(8_000) })).body;
    expect(approved.status).toBe('approved');
    const patch = (version: number, amount: number) =>
      call('PATCH', `/registrations/${approved.id}`, {
        token: t.tokens.otherDealer,
        body: { expectedValue: { amount, currency: 'EUR' } },
        headers: { 'if-match': `"${version}"` },
      });
    expect((await patch(approved.version, 9_000)).status).toBe(200);
    const raised = await patch(approved.version + 1, 900_000);
    expect(raised.status, raised.text).toBe(200);
    expect(raised.body).toMatchObject({ status: 'approved', protectedUntil: approved.protectedUntil });
    expect((await patch(approved.version + 2, 1_900_000)).status).toBe(200);

    const history = (await call('GET', `/registrations/${approved.id}/history`, { token: t.tokens.otherManager })).body.items;
    const looks = history.filter((e: { action: string }) => e.action === 'needs_review');
    expect(looks).toEqual([
      expect.objectContaining({ actor: { role: 'system', id: 'dealer-channel' }, detail: expect.stringContaining('auto-approval limit') }),
    ]);
    const mails = await mailsArrived(
      partnerManagerOf(t.otherRegionId),
      (m) => m.subject === `Auto-approved deal needs a look: ${approved.customer.name}`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toContain(approved.id);
    expect(mails[0]?.body.text).not.toMatch(/\/review\//);
  });

  it('never auto-approves a registration that a rule flagged', async () => {
    await call('PUT', '/program', {
      token: admin,
      body: { ...original, autoApproval: { enabled: true, maxValue: { amount: 10_000, currency: 'EUR' } } },
    });
    await call('PUT', '/rules/direct', { token: admin, body: { segments: ['enterprise'], productLines: [] } });
    try {
      const body = small(5_000);
      const flagged = await call('POST', '/registrations', {
        token: t.tokens.otherDealer,
        body: { ...body, customer: { ...body.customer, segment: 'enterprise' } },
      });
      expect(flagged.body.status).toBe('submitted');
      const clean = await call('POST', '/registrations', { token: t.tokens.otherDealer, body: small(5_000) });
      expect(clean.body.status).toBe('approved');
    } finally {
      await call('PUT', '/rules/direct', { token: admin, body: { segments: [], productLines: [] } });
    }
  });

  it('approves nothing once switched off again', async () => {
    await call('PUT', '/program', { token: admin, body: { ...original, autoApproval: { enabled: false } } });
    const response = await call('POST', '/registrations', { token: t.tokens.otherDealer, body: small(5_000) });
    expect(response.body.status).toBe('submitted');
  });
});

describe('anti-squatting', () => {
  it('refuses a dealer more open registrations than the program allows, with a clear reason', async () => {
    const tenant = await createTenant();
    await call('PUT', '/program', { token: admin, body: { ...original, maxOpenRegistrationsPerDealer: 2 } });
    try {
      const submit = () => call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
      expect((await submit()).status).toBe(201);
      expect((await submit()).status).toBe(201);
      const third = await submit();
      expect(third.status).toBe(409);
      expect(third.headers.get('content-type')).toBe('application/problem+json');
      expect(third.body.detail).toContain('2 open registrations');
      const listed = await call('GET', '/registrations', { token: tenant.tokens.dealer });
      expect(listed.body.items).toHaveLength(2);
      for (const registration of listed.body.items) {
        await call('POST', `/registrations/${registration.id}/withdraw`, { token: tenant.tokens.dealer });
      }
      // The limit holds under concurrency: the count is kept in the same transaction as each registration.
      const concurrent = await Promise.all(Array.from({ length: 6 }, submit));
      expect(concurrent.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    } finally {
      await call('PUT', '/program', { token: admin, body: original });
    }
  });
});

describe('anti-squatting by tier', () => {
  it('has a default limit and a per-tier one (a dealer never evaluated is bronze), held under concurrency', async () => {
    expect((await call('GET', '/program', { token: admin })).body.maxOpenRegistrationsPerDealer).toBe(
      original.maxOpenRegistrationsPerDealer ?? 500,
    );
    const tenant = await createTenant();
    // The tier job's current-tier item, as it would store it for a Gold dealer.
    await table.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: {
          PK: `DEALER#${tenant.otherDealerId}#TIER`,
          SK: 'CURRENT',
          GSI1PK: 'TIERS',
          GSI1SK: tenant.otherDealerId,
          entity: 'current-tier',
          dealerId: tenant.otherDealerId,
          tier: 'gold',
          quarter: '2026-Q3',
        },
      }),
    );
    const put = await call('PUT', '/program', {
      token: admin,
      body: { ...original, maxOpenRegistrationsPerDealer: 2, maxOpenRegistrationsByTier: { gold: 4, bronze: 1 } },
    });
    expect(put.status, put.text).toBe(200);
    expect(
      (await call('PUT', '/program', { token: admin, body: { ...original, maxOpenRegistrationsByTier: { platinum: 9 } } })).body.errors,
    ).toEqual([{ path: '/maxOpenRegistrationsByTier/platinum', message: expect.any(String) }]);
    try {
      const submit = (token: string) => call('POST', '/registrations', { token, body: registrationBody({}, tenant.sku) });
      const gold = await Promise.all(Array.from({ length: 7 }, () => submit(tenant.tokens.otherDealer)));
      expect(gold.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409, 409, 409]);
      expect(gold.find((r) => r.status === 409)?.body.detail).toContain('4 open registrations');
      const bronze = await Promise.all(Array.from({ length: 3 }, () => submit(tenant.tokens.dealer)));
      expect(bronze.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(bronze.find((r) => r.status === 409)?.body.detail).toContain('(bronze)');
    } finally {
      await call('PUT', '/program', { token: admin, body: original });
    }
  });
});
