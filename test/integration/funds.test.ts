/**
 * Co-marketing funds through the API: a request approved for less, claims refused without proof, above the approval
 * or for another dealer's request (4xx, nothing written), a claim approved and paid (idempotently), the payout CSV
 * with exactly the approved claims, mails and events of each decision, and another dealer's funds answered 404.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, dealerEmailOf, eventsArrived, mailsArrived, partnerManagerOf, type Tenant } from '../support/api.js';
import { declareAndPut } from '../support/files.js';
import {
  approvedRequest,
  BRONZE_ALLOCATION,
  claim,
  claimBody,
  currentPeriod,
  dayOffset,
  fundRequestBody,
  openFunds,
  proofOf,
  today,
} from '../support/funds.js';
import { tableReader } from '../support/table.js';

const stack = inject('stack');
const table = tableReader(stack.dynamoDbUrl, stack.region, stack.tableName);
const eur = (amount: number) => ({ amount, currency: 'EUR' });

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  await openFunds(t);
});

const funds = async (token = t.tokens.dealer) => (await call('GET', `/funds?period=${currentPeriod()}`, { token })).body;

/** Everything stored about a request and its allocation: what a refused call must leave as it was. */
const footprint = async (requestId: string) =>
  JSON.stringify([await table.partition(`FUNDREQ#${requestId}`), await table.partition(`FUNDS#${t.dealerId}#${currentPeriod()}`)]);

describe('co-marketing funds', () => {
  it('allocates the tier amount of the quarter once, however often the schedule runs', async () => {
    const before = await funds();
    expect(before).toMatchObject({
      dealerId: t.dealerId,
      period: currentPeriod(),
      tier: 'bronze',
      basis: { kind: 'fixed', tier: 'bronze' },
      allocation: eur(BRONZE_ALLOCATION),
      available: eur(BRONZE_ALLOCATION),
    });
    await openFunds(t);
    expect(await funds()).toEqual(before);
  });

  it('takes a request, approves less than asked, and holds the approved amount', async () => {
    const start = await funds();
    const created = await call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(300_000) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      requested: eur(300_000),
      period: currentPeriod(),
      claimDeadline: dayOffset(60),
    });
    expect((await funds()).requested.amount).toBe(start.requested.amount + 300_000);
    await mailsArrived(partnerManagerOf(t.regionId), (m) => m.subject === 'Co-marketing fund request to review');

    const queue = await call('GET', '/fund-requests?status=submitted&limit=100', { token: t.tokens.manager });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);

    const decided = await call('POST', `/fund-requests/${created.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve', approved: eur(250_000), reason: 'Booth share capped' },
    });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', approved: eur(250_000), decisionReason: 'Booth share capped' });
    const after = await funds();
    expect(after.requested.amount).toBe(start.requested.amount);
    expect(after.approved.amount).toBe(start.approved.amount + 250_000);
    expect(after.available.amount).toBe(start.available.amount - 250_000);
    const mail = await mailsArrived(dealerEmailOf(t.dealerId), (m) => m.subject === 'Co-marketing funds approved');
    expect(mail[0]?.body.text).toContain('lower amount than asked');
    expect(mail[0]?.body.html).toMatch(/<html lang="en"/);
    expect(mail[0]?.body.html).toContain('/funds"');
    await eventsArrived((e) => e.detailType === 'FundRequestDecided' && e.detail.requestId === created.body.id);

    const again = await call('POST', `/fund-requests/${created.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'reject', reason: 'x' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses requests after the activity started, above the cost share, and approvals above the request', async () => {
    const late = await call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(1000, { startsOn: dayOffset(-1) }) });
    expect(late.status).toBe(400);
    expect(late.body.errors).toContainEqual(expect.objectContaining({ path: '/startsOn' }));
    const greedy = await call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(1000, { cost: eur(1500) }) });
    expect(greedy.status).toBe(400);
    expect(greedy.body.errors).toContainEqual(expect.objectContaining({ path: '/requested/amount' }));
    const created = await call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(1000) });
    const more = await call('POST', `/fund-requests/${created.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve', approved: eur(1001) },
    });
    expect(more.status).toBe(400);
    expect(more.body.errors).toContainEqual(expect.objectContaining({ path: '/approved/amount' }));
    const rejected = await call('POST', `/fund-requests/${created.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'reject', reason: 'Not our segment' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Not our segment' });
  });

  it('refuses a claim without proof, above the approval, or for another dealer’s request, writing nothing', async () => {
    const requestId = await approvedRequest(t, 100_000, 80_000);
    const proof = [await proofOf(t.tokens.dealer)];
    const before = await footprint(requestId);
    const noProof = await call('POST', `/fund-requests/${requestId}/claims`, { token: t.tokens.dealer, body: claimBody(50_000, []) });
    expect(noProof.status).toBe(400);
    expect(noProof.body.errors).toContainEqual(expect.objectContaining({ path: '/proof' }));
    const above = await call('POST', `/fund-requests/${requestId}/claims`, { token: t.tokens.dealer, body: claimBody(80_001, proof) });
    expect(above.status).toBe(400);
    expect(above.body.errors).toContainEqual(expect.objectContaining({ path: '/amount/amount' }));
    for (const token of [t.tokens.sameRegionDealer, t.tokens.otherDealer]) {
      const foreign = await call('POST', `/fund-requests/${requestId}/claims`, { token, body: claimBody(10_000, [await proofOf(token)]) });
      expect(foreign.status).toBe(404);
    }
    // Proof must be the dealer's own confirmed upload for purpose proof: another dealer's, or one never confirmed, is not.
    const unconfirmed = await declareAndPut(t.tokens.dealer, {
      purpose: 'proof',
      fileName: 'late.pdf',
      contentType: 'application/pdf',
      bytes: 512,
    });
    for (const file of [await proofOf(t.tokens.otherDealer), unconfirmed]) {
      const refused = await call('POST', `/fund-requests/${requestId}/claims`, {
        token: t.tokens.dealer,
        body: claimBody(10_000, [...proof, file]),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: '/proof/1', message: 'is not a confirmed proof file of yours' }]);
    }
    expect(await footprint(requestId)).toBe(before);
  });

  it('claims, approves the claim (releasing the rest), pays it once, and lists exactly the approved claims', async () => {
    const start = await funds();
    const requestId = await approvedRequest(t, 100_000, 100_000);
    const proof = [await proofOf(t.tokens.dealer)];
    const claimed = await call('POST', `/fund-requests/${requestId}/claims`, { token: t.tokens.dealer, body: claimBody(70_000, proof) });
    expect(claimed.status, claimed.text).toBe(201);
    expect(claimed.body).toMatchObject({ status: 'submitted', amount: eur(70_000), approvedRequest: eur(100_000) });
    expect((await call('GET', `/fund-requests/${requestId}`, { token: t.tokens.dealer })).body).toMatchObject({
      status: 'claimed',
      claim: { id: claimed.body.id, status: 'submitted' },
    });
    const second = await call('POST', `/fund-requests/${requestId}/claims`, { token: t.tokens.dealer, body: claimBody(10_000, proof) });
    expect(second.status).toBe(409);
    const claimQueue = await call('GET', '/fund-claims?status=submitted&limit=100', { token: t.tokens.manager });
    expect(claimQueue.body.items.map((c: { id: string }) => c.id)).toContain(claimed.body.id);

    const approved = await call('POST', `/fund-claims/${claimed.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'approve' },
    });
    expect(approved.status, approved.text).toBe(200);
    const afterApproval = await funds();
    // The 30,000 the claim did not use went back to the allocation.
    expect(afterApproval.approved.amount).toBe(start.approved.amount + 70_000);
    expect(afterApproval.approvedClaims.amount).toBe(start.approvedClaims.amount + 70_000);

    // Other claims of this dealer in other states must not be listed.
    const inReview = await claim(t, 'submitted');
    const rejectedRequest = await approvedRequest(t, 20_000);
    const rejected = await call('POST', `/fund-requests/${rejectedRequest}/claims`, {
      token: t.tokens.dealer,
      body: claimBody(5_000, proof),
    });
    await call('POST', `/fund-claims/${rejected.body.id}/decision`, {
      token: t.tokens.manager,
      body: { decision: 'reject', reason: 'Invoice unreadable' },
    });
    const alsoApproved = await claim(t, 'approved');
    const csv = await call('GET', '/fund-claims?status=approved&format=csv', { token: t.tokens.finance });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const mine = rows.filter((r) => r['Dealer id'] === t.dealerId).map((r) => r.Claim);
    expect(mine.sort()).toEqual([claimed.body.id, alsoApproved].sort());
    expect(mine).not.toContain(inReview);
    expect(rows.find((r) => r.Claim === claimed.body.id)).toMatchObject({ Amount: '700.00', Currency: 'EUR', Dealer: 'Test Dealer' });

    const payment = { paidOn: today(), reference: 'SEPA-2026-000123' };
    const paid = await call('POST', `/fund-claims/${claimed.body.id}/paid`, { token: t.tokens.finance, body: payment });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentReference: payment.reference, paidOn: payment.paidOn });
    const replay = await call('POST', `/fund-claims/${claimed.body.id}/paid`, { token: t.tokens.finance, body: payment });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(paid.body);
    const other = await call('POST', `/fund-claims/${claimed.body.id}/paid`, {
      token: t.tokens.finance,
      body: { ...payment, reference: 'SEPA-OTHER' },
    });
    expect(other.status).toBe(409);
    const end = await funds();
    expect(end.paid.amount).toBe(start.paid.amount + 70_000);
    await eventsArrived((e) => e.detailType === 'FundClaimPaid' && e.detail.claimId === claimed.body.id);
    await mailsArrived(dealerEmailOf(t.dealerId), (m) => m.subject === 'Co-marketing claim paid');
    const notApproved = await call('POST', `/fund-claims/${inReview}/paid`, { token: t.tokens.finance, body: payment });
    expect(notApproved.status).toBe(409);

    const ledger = await call('GET', `/funds/ledger?dealerId=${t.dealerId}&period=${currentPeriod()}`, { token: t.tokens.finance });
    expect(ledger.status).toBe(200);
    const { available: _a, ...balances } = ledger.body.balances;
    expect(balances).toEqual({
      allocated: end.allocation,
      requested: end.requested,
      approved: end.approved,
      claimed: end.claimed,
      approvedClaims: end.approvedClaims,
      paid: end.paid,
    });
    const past = await call(
      'GET',
      `/funds/ledger?dealerId=${t.dealerId}&period=${currentPeriod()}&at=${encodeURIComponent(ledger.body.entries[0].at)}`,
      {
        token: t.tokens.finance,
      },
    );
    expect(past.body.balances).toMatchObject({ allocated: eur(BRONZE_ALLOCATION), approved: eur(0), paid: eur(0) });
  });

  it('counts funded activities in the dealer’s marketing participation', async () => {
    const scorecard = await call('GET', `/dealers/${t.dealerId}/scorecard?period=${currentPeriod()}`, { token: t.tokens.dealer });
    expect(scorecard.status).toBe(200);
    // No campaigns were offered to this dealer: every campaign counted is a funded activity, taken part in.
    expect(scorecard.body.kpis.marketingParticipation).toBe(1);
    const other = await call('GET', `/dealers/${t.sameRegionDealerId}/scorecard?period=${currentPeriod()}`, {
      token: t.tokens.sameRegionDealer,
    });
    expect(other.body.kpis.marketingParticipation).toBeNull();
  });

  it('mails the dealer in its own language: a German dealer’s approval is German, with the portal link', async () => {
    const german = await call('PUT', `/dealers/${t.sameRegionDealerId}`, {
      token: t.tokens.admin,
      body: {
        name: 'Neighbour Dealer',
        regionId: t.regionId,
        email: dealerEmailOf(t.sameRegionDealerId),
        status: 'active',
        language: 'de',
      },
    });
    expect(german.status, german.text).toBe(200);
    await approvedRequest(t, 8_000, 6_000, t.tokens.sameRegionDealer);
    const [approval] = await mailsArrived(dealerEmailOf(t.sameRegionDealerId), (m) => m.subject === 'Co-Marketing-Mittel genehmigt');
    expect(approval?.body.html).toMatch(/<html lang="de"/);
    expect(approval?.body.text).toContain('mit einem niedrigeren Betrag als beantragt');
    expect(approval?.body.text).toContain('60,00\u00a0€');
    expect(approval?.body.text).toContain('Abrechnen bis zum');
    expect(approval?.body.text).toMatch(/Co-Marketing-Mittel öffnen: \S+\/funds$/m);
  });

  it('shows the proof files to the region’s manager and finance as 5-minute download links of the uploaded bytes', async () => {
    const requestId = await approvedRequest(t, 10_000);
    const invoice = await proofOf(t.tokens.dealer);
    const created = await call('POST', `/fund-requests/${requestId}/claims`, { token: t.tokens.dealer, body: claimBody(9_000, [invoice]) });
    expect(created.status, created.text).toBe(201);
    for (const token of [t.tokens.manager, t.tokens.director, t.tokens.finance, t.tokens.dealer]) {
      const proof = await call('GET', `/fund-claims/${created.body.id}/proof`, { token });
      expect(proof.status, proof.text).toBe(200);
      expect(proof.body.items).toEqual([
        expect.objectContaining({ fileId: invoice, fileName: 'invoice.pdf', contentType: 'application/pdf', bytes: 2048 }),
      ]);
      const [item] = proof.body.items;
      expect(Date.parse(item.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
      const download = await fetch(item.url);
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.length).toBe(2048);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('answers another dealer’s funds, requests and claims 404, and hides other regions from managers', async () => {
    const requestId = await approvedRequest(t, 10_000);
    const claimId = await claim(t, 'submitted');
    for (const token of [t.tokens.sameRegionDealer, t.tokens.otherDealer]) {
      expect((await call('GET', `/funds?period=${currentPeriod()}&dealerId=${t.dealerId}`, { token })).status).toBe(404);
      expect((await call('GET', `/fund-requests/${requestId}`, { token })).status).toBe(404);
      expect((await call('GET', `/fund-claims/${claimId}`, { token })).status).toBe(404);
      expect((await call('GET', `/fund-claims/${claimId}/proof`, { token })).status).toBe(404);
      const own = await call('GET', '/fund-requests?limit=100', { token });
      expect(own.text).not.toContain(t.dealerId);
    }
    expect((await call('GET', `/funds?period=${currentPeriod()}&dealerId=${t.dealerId}`, { token: t.tokens.otherManager })).status).toBe(
      404,
    );
    expect(
      (await call('POST', `/fund-claims/${claimId}/decision`, { token: t.tokens.otherManager, body: { decision: 'approve' } })).status,
    ).toBe(404);
    expect((await call('GET', `/fund-claims/${claimId}/proof`, { token: t.tokens.otherManager })).status).toBe(404);
    expect((await call('GET', `/funds?period=${currentPeriod()}&dealerId=${t.dealerId}`, { token: t.tokens.manager })).status).toBe(200);
    expect((await call('GET', `/funds?period=2000-Q1`, { token: t.tokens.dealer })).status).toBe(404);
  });
});
