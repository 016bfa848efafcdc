import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEND_RATE } from '../../../shared/outbox/send-rate.js';
import { signReviewToken } from '../../../shared/review-links/review-token.js';
import {
  call,
  createTenant,
  dealerEmailOf,
  directorOf,
  eventsArrived,
  localEvents,
  mailsArrived,
  mailsTo,
  partnerManagerOf,
  registrationBody,
  reviewLinkIn,
  reviewTokenSecret,
  runJob,
  type Tenant,
} from '../../support/api.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * A job run as if days ahead acts on every due item of the shared test table, hundreds after the API tier, and the
 * outbox sends their mail at the SES rate: the mail under test may wait behind all of theirs.
 */
const mailsOf = (report: Record<string, number>) =>
  (report.warned ?? 0) + (report.expired ?? 0) + (report.reminders ?? 0) + (report.escalations ?? 0);
const mailWaitAfter = (...reports: Record<string, number>[]) =>
  60_000 + (1_500 * reports.reduce((sum, r) => sum + mailsOf(r), 0)) / DEFAULT_SEND_RATE;

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

async function submit(tenant = t) {
  const response = await call('POST', '/registrations', { token: tenant.tokens.dealer, body: registrationBody({}, tenant.sku) });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number; submittedAt: string; customer: { name: string } };
}

const read = async (id: string, tenant = t) => (await call('GET', `/registrations/${id}`, { token: tenant.tokens.dealer })).body;

describe('the review prompt', () => {
  it('mails the partner manager an HTML and a text part with the essentials and one link', async () => {
    const registration = await submit();
    const mails = await mailsArrived(partnerManagerOf(t.regionId), (m) => !!m.body.text?.includes(registration.customer.name));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toContain(registration.customer.name);
    for (const fact of ['Stuttgart', 'DE', '€400,000.00', '2 × ', t.sku, 'mid', 'Acme Machines']) {
      expect(mail.body.text).toContain(fact);
    }
    expect(mail.body.html).toMatch(/<table[^>]*>[\s\S]*Stuttgart[\s\S]*<\/table>/);
    expect(mail.body.html!.match(/href=/g)).toHaveLength(1);
    expect(reviewLinkIn(mail)).toMatch(/^\/review\/[\w-]+\.[\w-]+$/);
    await eventsArrived((e) => e.detailType === 'RegistrationSubmitted' && e.detail.registrationId === registration.id);
    const events = await localEvents();
    expect(JSON.stringify(events.filter((e) => e.detail.registrationId === registration.id))).not.toContain('eva@kunde.example');
  });
});

describe('the review link', () => {
  const linkFor = async (registrationId: string, customer: string) => {
    const [mail] = await mailsArrived(partnerManagerOf(t.regionId), (m) => !!m.body.text?.includes(customer));
    if (!mail) throw new Error(`no prompt for ${registrationId}`);
    return reviewLinkIn(mail);
  };

  it('shows the deal on GET and HEAD without changing anything, then decides once on POST', async () => {
    const registration = await submit();
    const link = await linkFor(registration.id, registration.customer.name);

    const page = await call('GET', link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).toContain(registration.customer.name);
    expect(page.text).toContain('name="decision" value="approve"');
    expect((await call('HEAD', link)).status).toBe(200);
    await call('GET', link);
    expect(await read(registration.id)).toMatchObject({ status: 'submitted', version: 1 });

    // A scanner that submits the form without pressing a button sends no decision.
    const blind = await call('POST', link, { rawBody: 'reason=', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(blind.status).toBe(400);
    const noReason = await call('POST', link, {
      rawBody: 'decision=reject',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noReason.status).toBe(400);
    expect(await read(registration.id)).toMatchObject({ status: 'submitted', version: 1 });

    const before = Date.now();
    const decided = await call('POST', link, {
      rawBody: 'decision=approve&reason=Looks+right',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(decided.status).toBe(200);
    expect(decided.text).toContain('approved');
    const approved = await read(registration.id);
    expect(approved.status).toBe('approved');
    expect(Date.parse(approved.protectedUntil)).toBeGreaterThanOrEqual(before + 90 * DAY - 1000);

    const reused = await call('POST', link, {
      rawBody: 'decision=reject&reason=changed+my+mind',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('approved');
    expect(await read(registration.id)).toMatchObject({ status: 'approved', version: 2 });
    expect((await call('GET', link)).text).toContain('Already decided');

    const dealerMail = await mailsArrived(dealerEmailOf(t.dealerId), (m) => !!m.body.text?.includes(registration.id));
    expect(dealerMail.map((m) => m.subject)).toEqual([expect.stringContaining('Registration approved')]);
    const history = (await call('GET', `/registrations/${registration.id}/history`, { token: t.tokens.dealer })).body.items;
    expect(history.find((e: { action: string }) => e.action === 'approved').actor).toEqual({
      role: 'partner_manager',
      id: partnerManagerOf(t.regionId),
    });
  });

  it('refuses forged, tampered and expired links with a clear page, and changes nothing', async () => {
    const registration = await submit();
    const link = await linkFor(registration.id, registration.customer.name);
    const [payload, signature] = link.replace('/review/', '').split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, recipient: directorOf(t.regionId) })).toString('base64url');
    const form = { rawBody: 'decision=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    for (const bad of [`/review/${tampered}.${signature}`, `/review/${payload}.AAAA`, '/review/garbage', `/review/${payload}`]) {
      const response = await call('POST', bad, form);
      expect(response.status, bad).toBe(404);
      expect(response.text).toContain('not valid');
      expect(response.text).not.toMatch(/at .*\.ts/);
    }
    const expired = signReviewToken({ ...claims, expiresAt: Date.now() - 1000 }, reviewTokenSecret);
    const late = await call('POST', `/review/${expired}`, form);
    expect(late.status).toBe(410);
    expect(late.text).toContain('expired');
    expect(late.text).toContain('submitted');
    expect(await read(registration.id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('stops working for a recipient who no longer reviews the region', async () => {
    const registration = await submit();
    const link = await linkFor(registration.id, registration.customer.name);
    const region = (await call('GET', `/regions/${t.regionId}`, { token: t.tokens.admin })).body;
    const { id: _id, updatedAt: _u, ...input } = region;
    await call('PUT', `/regions/${t.regionId}`, {
      token: t.tokens.admin,
      body: { ...input, partnerManagerEmail: 'new-pm@manufacturer.example' },
    });
    try {
      const response = await call('POST', link, {
        rawBody: 'decision=approve',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(403);
      expect(await read(registration.id)).toMatchObject({ status: 'submitted' });
    } finally {
      await call('PUT', `/regions/${t.regionId}`, { token: t.tokens.admin, body: input });
    }
  });
});

describe('the review SLA schedule', () => {
  it('reminds the partner manager after the target and escalates to the director after the limit, once each', async () => {
    const tenant = await createTenant();
    const registration = await submit(tenant);
    const submittedAt = Date.parse(registration.submittedAt);
    const pm = partnerManagerOf(tenant.regionId);
    const rd = directorOf(tenant.regionId);
    const reminders = async () => (await mailsTo(pm)).filter((m) => m.subject.startsWith('Reminder'));
    const escalations = async () => (await mailsTo(rd)).filter((m) => m.subject.startsWith('Escalated'));

    await runJob('reviews', new Date(submittedAt + 23 * HOUR));
    expect(await reminders()).toHaveLength(0);
    const reminded = await runJob('reviews', new Date(submittedAt + 25 * HOUR));
    await mailsArrived(pm, (m) => m.subject.startsWith('Reminder'), 1, mailWaitAfter(reminded));
    expect(await reminders()).toHaveLength(1);
    await runJob('reviews', new Date(submittedAt + 26 * HOUR));
    expect(await reminders()).toHaveLength(1);
    expect(await escalations()).toHaveLength(0);

    const escalated = await runJob('reviews', new Date(submittedAt + 49 * HOUR));
    await mailsArrived(rd, (m) => m.subject.startsWith('Escalated'), 1, mailWaitAfter(escalated));
    expect(await escalations()).toHaveLength(1);
    await runJob('reviews', new Date(submittedAt + 50 * HOUR));
    expect(await escalations()).toHaveLength(1);
    expect(await reminders()).toHaveLength(1);

    // The director's own link decides.
    const escalation = (await escalations())[0]!;
    const decided = await call('POST', reviewLinkIn(escalation), {
      rawBody: 'decision=reject&reason=Duplicate+of+a+direct+deal',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(decided.status).toBe(200);
    const history = (await call('GET', `/registrations/${registration.id}/history`, { token: tenant.tokens.dealer })).body.items;
    const actions = history.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['review_reminder_sent', 'review_escalated', 'rejected']));
    expect(history.find((e: { action: string }) => e.action === 'rejected').actor.role).toBe('regional_director');
    // Each run walks every region's review queue, and the shared test table holds a region per tenant of the run.
  }, 600_000);
});

describe('the protection schedule', () => {
  it('warns 14 and 3 days before, once each, and expires at protectedUntil', async () => {
    const tenant = await createTenant();
    const registration = await submit(tenant);
    const approved = (
      await call('POST', `/registrations/${registration.id}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } })
    ).body;
    const until = Date.parse(approved.protectedUntil);
    const dealerMail = async (subject: string) =>
      (await mailsTo(dealerEmailOf(tenant.dealerId))).filter(
        (m) => m.subject.startsWith(subject) && m.body.text?.includes(registration.id),
      );

    await runJob('protections', new Date(until - 15 * DAY));
    expect(await dealerMail('Protection expiring')).toHaveLength(0);
    const fourteenDays = await runJob('protections', new Date(until - 14 * DAY + 60_000));
    await mailsArrived(
      dealerEmailOf(tenant.dealerId),
      (m) => m.subject.startsWith('Protection expiring') && !!m.body.text?.includes(registration.id),
      1,
      mailWaitAfter(fourteenDays),
    );
    expect(await dealerMail('Protection expiring')).toHaveLength(1);
    expect((await dealerMail('Protection expiring'))[0]!.body.text).toContain('14 days');
    await runJob('protections', new Date(until - 13 * DAY));
    expect(await dealerMail('Protection expiring')).toHaveLength(1);
    const threeDays = await runJob('protections', new Date(until - 3 * DAY + 60_000));
    const twoDays = await runJob('protections', new Date(until - 2 * DAY));
    await mailsArrived(
      dealerEmailOf(tenant.dealerId),
      (m) => m.subject.startsWith('Protection expiring') && !!m.body.text?.includes(registration.id),
      2,
      mailWaitAfter(threeDays, twoDays),
    );
    const warnings = await dealerMail('Protection expiring');
    expect(warnings).toHaveLength(2);
    expect(warnings[1]!.body.text).toContain('3 days');
    expect(await read(registration.id, tenant)).toMatchObject({ status: 'approved' });

    await runJob('protections', new Date(until - 1000));
    expect((await read(registration.id, tenant)).status).toBe('approved');
    const expiries = await Promise.all([runJob('protections', new Date(until + 1000)), runJob('protections', new Date(until + 2000))]);
    const expired = await read(registration.id, tenant);
    expect(expired.status).toBe('expired');
    await mailsArrived(
      dealerEmailOf(tenant.dealerId),
      (m) => m.subject.startsWith('Protection expired') && !!m.body.text?.includes(registration.id),
      1,
      mailWaitAfter(...expiries),
    );
    expect(await dealerMail('Protection expired')).toHaveLength(1);
    const history = (await call('GET', `/registrations/${registration.id}/history`, { token: tenant.tokens.dealer })).body.items;
    expect(history.filter((e: { action: string }) => e.action === 'expired')).toHaveLength(1);

    // The customer is free again: the same customer can be registered anew.
    const again = await call('POST', '/registrations', {
      token: tenant.tokens.otherDealer,
      body: registrationBody({ customer: registration.customer ?? {} }, tenant.sku),
    });
    expect(again.status).toBe(201);
  }, 600_000);
});

describe('extensions', () => {
  it('lets the dealer ask once, the manager decide, and moves protectedUntil and the warnings', async () => {
    const tenant = await createTenant();
    const registration = await submit(tenant);
    const path = `/registrations/${registration.id}`;
    const extend = (body: unknown, token = tenant.tokens.dealer) => call('POST', `${path}/extensions`, { token, body });
    expect((await extend({ days: 30, reason: 'Board decision in March' })).status).toBe(409);
    const approved = (await call('POST', `${path}/decision`, { token: tenant.tokens.manager, body: { decision: 'approve' } })).body;

    expect((await extend({ days: 400, reason: 'x' })).status).toBe(400);
    expect((await extend({ days: 91, reason: 'x' })).status).toBe(400);
    expect((await extend({ days: 30 })).status).toBe(400);
    expect((await extend({ days: 30, reason: 'x' }, tenant.tokens.otherDealer)).status).toBe(404);
    const requested = await extend({ days: 30, reason: 'Board decision in March' });
    expect(requested.status, requested.text).toBe(200);
    expect(requested.body.extension).toEqual({ status: 'requested', days: 30, reason: 'Board decision in March' });
    expect((await extend({ days: 10, reason: 'again' })).status).toBe(409);

    const [prompt] = await mailsArrived(partnerManagerOf(tenant.regionId), (m) => m.subject.startsWith('Protection extension'));
    expect(prompt?.body.text).toContain('30 days: Board decision in March');
    expect((await call('GET', reviewLinkIn(prompt!))).text).toContain('Review protection extension');

    expect(
      (await call('POST', `${path}/extensions/decision`, { token: tenant.tokens.otherManager, body: { decision: 'approve' } })).status,
    ).toBe(404);
    const decided = await call('POST', `${path}/extensions/decision`, {
      token: tenant.tokens.manager,
      body: { decision: 'approve', reason: 'ok' },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.extension).toMatchObject({ status: 'approved', days: 30, decidedAt: expect.any(String) });
    const newUntil = Date.parse(decided.body.protectedUntil);
    expect(newUntil - Date.parse(approved.protectedUntil)).toBe(30 * DAY);
    expect(
      (await call('POST', `${path}/extensions/decision`, { token: tenant.tokens.manager, body: { decision: 'reject', reason: 'no' } }))
        .status,
    ).toBe(409);
    // The link from the prompt is used up too.
    const reused = await call('POST', reviewLinkIn(prompt!), {
      rawBody: 'decision=reject&reason=no',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reused.status).toBe(409);

    // Warnings follow the new end: nothing at the old 14-day mark, one at the new one, expiry at the new end.
    const warned = async () => (await mailsTo(dealerEmailOf(tenant.dealerId))).filter((m) => m.subject.startsWith('Protection expiring'));
    await runJob('protections', new Date(Date.parse(approved.protectedUntil) - 14 * DAY + 60_000));
    expect(await warned()).toHaveLength(0);
    const atNewEnd = await runJob('protections', new Date(newUntil - 14 * DAY + 60_000));
    await mailsArrived(dealerEmailOf(tenant.dealerId), (m) => m.subject.startsWith('Protection expiring'), 1, mailWaitAfter(atNewEnd));
    expect(await warned()).toHaveLength(1);
    await runJob('protections', new Date(Date.parse(approved.protectedUntil) + 1000));
    expect((await read(registration.id, tenant)).status).toBe('approved');
    await runJob('protections', new Date(newUntil + 1000));
    expect((await read(registration.id, tenant)).status).toBe('expired');
  }, 600_000);
});

describe('conflicts on the review schedule', () => {
  it('escalate by themselves to the regional director once the review limit passes', async () => {
    const tenant = await createTenant();
    const body = registrationBody({}, tenant.sku);
    const first = await call('POST', '/registrations', { token: tenant.tokens.dealer, body });
    const second = await call('POST', '/registrations', { token: tenant.tokens.otherDealer, body });
    expect(second.body.status).toBe('in_conflict');
    const caseOf = async () =>
      (await call('GET', '/conflicts?limit=100', { token: tenant.tokens.manager })).body.items.find(
        (c: { parties: { registrationId: string }[] }) => c.parties.some((p) => p.registrationId === second.body.id),
      );
    expect((await caseOf()).level).toBe('partner_manager');
    await runJob('reviews', new Date(Date.parse(second.body.submittedAt) + 25 * HOUR));
    expect((await caseOf()).level).toBe('partner_manager');
    await runJob('reviews', new Date(Date.parse(second.body.submittedAt) + 49 * HOUR));
    const escalated = await caseOf();
    expect(escalated.level).toBe('regional_director');
    expect(escalated.history.at(-1)).toMatchObject({ action: 'escalated_to_regional_director', actor: 'dealer-channel' });
    await runJob('reviews', new Date(Date.parse(second.body.submittedAt) + 60 * HOUR));
    expect((await caseOf()).level).toBe('regional_director');
    // The registration in conflict itself got no reminder or escalation: those carry review links, and it is
    // decided only through its case.
    const history = (await call('GET', `/registrations/${second.body.id}/history`, { token: tenant.tokens.otherManager })).body.items;
    expect(history.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('review_'))).toEqual([]);
    expect(first.body.status).toBe('submitted');
  });
});
