/**
 * Claim deadlines: approvals seeded through the real use cases with the clock set back (into the stack's own
 * table), then the API and the funds schedule as of now. A claim after the deadline is refused and writes nothing;
 * the schedule lapses the unclaimed approval and its amount returns to the allocation; reminders go out 15, 5 and
 * 1 days before the deadline, each once however often the schedule runs.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, createTenant, dealerEmailOf, mailsArrived, mailsTo, runJob, type Tenant, tokenFor } from '../support/api.js';
import { claimBody, proofOf, TEST_BUDGET } from '../support/funds.js';
import { tableReader } from '../support/table.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: stack.tableName,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  CURSOR_SECRET: stack.reviewTokenSecret,
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

const { fundBudgets } = await import('../../shared/db/funds-repository.js');
const { dealers, program } = await import('../../shared/db/setup-repository.js');
const { allocateDealer } = await import('../../shared/funds/allocations.js');
const { putBudget } = await import('../../shared/funds/budgets.js');
const { submitFundRequest, decideFundRequest } = await import('../../shared/funds/requests.js');
const { periodOf } = await import('../../shared/domain/funds.js');

const DAY = 86_400_000;
const day = (at: Date) => at.toISOString().slice(0, 10);
const table = tableReader(stack.dynamoDbUrl, stack.region, stack.tableName);

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

/** An approval of `t`'s dealer for an activity that ended `endedDaysAgo` days ago (deadline: 60 days after). */
async function seededApproval(endedDaysAgo: number, amount = 50_000) {
  const submittedAt = new Date(Date.now() - (endedDaysAgo + 3) * DAY);
  const startsOn = day(new Date(submittedAt.getTime() + DAY));
  const period = periodOf(startsOn);
  const budget = (await fundBudgets.get(period)) ?? (await putBudget(period, TEST_BUDGET, await program.get(), submittedAt));
  const dealer = await dealers.get(t.dealerId);
  if (!dealer) throw new Error('fixture dealer');
  await allocateDealer(dealer, budget, await program.get(), new Date(submittedAt.getTime() - DAY));
  const { request } = await submitFundRequest({
    caller: { role: 'dealer', subject: 'u1', dealerId: t.dealerId, regions: [] },
    input: {
      activity: 'Open house',
      description: 'Demo day',
      startsOn,
      endsOn: day(new Date(Date.now() - endedDaysAgo * DAY)),
      cost: { amount: amount * 2, currency: 'EUR' },
      requested: { amount, currency: 'EUR' },
    },
    now: submittedAt,
  });
  await decideFundRequest({
    caller: { role: 'partner_manager', subject: 'pm', email: 'pm@m.example', regions: [t.regionId] },
    id: request.id,
    decision: { decision: 'approve' },
    now: new Date(submittedAt.getTime() + 3_600_000),
  });
  return { id: request.id, period };
}

const fundsOf = async (period: string) => (await call('GET', `/funds?period=${period}`, { token: t.tokens.dealer })).body;

describe('claim deadlines', () => {
  it('refuses a claim after the deadline, writing nothing, and the schedule lapses the approval and returns its amount', async () => {
    const { id, period } = await seededApproval(61);
    const before = await fundsOf(period);
    expect(before.approved.amount).toBeGreaterThanOrEqual(50_000);
    const footprint = async () =>
      JSON.stringify([await table.partition(`FUNDREQ#${id}`), await table.partition(`FUNDS#${t.dealerId}#${period}`)]);
    const stored = await footprint();
    const late = await call('POST', `/fund-requests/${id}/claims`, {
      token: t.tokens.dealer,
      body: claimBody(10_000, [await proofOf(t.tokens.dealer)]),
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/deadline/);
    expect(await footprint()).toBe(stored);

    await runJob('funds', new Date());
    const lapsed = (await call('GET', `/fund-requests/${id}`, { token: t.tokens.dealer })).body;
    expect(lapsed.status).toBe('lapsed');
    const after = await fundsOf(period);
    expect(after.approved.amount).toBe(before.approved.amount - 50_000);
    expect(after.available.amount).toBe(before.available.amount + 50_000);
    const finance = await tokenFor({ role: 'finance' });
    const ledger = await call('GET', `/funds/ledger?dealerId=${t.dealerId}&period=${period}`, { token: finance });
    expect(ledger.body.entries.at(-1)).toMatchObject({ kind: 'approval_lapsed', requestId: id, deltas: { approved: -50_000 } });
    expect(ledger.body.balances.available).toEqual(after.available);
    await mailsArrived(
      dealerEmailOf(t.dealerId),
      (m) => m.subject === 'Co-marketing funds lapsed' && (m.body.text ?? '').includes('Open house'),
    );
    const claimAfterLapse = await call('POST', `/fund-requests/${id}/claims`, {
      token: t.tokens.dealer,
      body: claimBody(10_000, [await proofOf(t.tokens.dealer)]),
    });
    expect(claimAfterLapse.status).toBe(409);
  });

  it('reminds 15, 5 and 1 days before the deadline, each once, then lapses', async () => {
    // The activity ended 50 days ago: 10 days left to claim.
    const { id } = await seededApproval(50, 20_000);
    const reminders = async () => (await mailsTo(dealerEmailOf(t.dealerId))).filter((m) => m.subject.startsWith('Reminder: claim'));
    const already = (await reminders()).length;
    await runJob('funds', new Date());
    await runJob('funds', new Date());
    await mailsArrived(dealerEmailOf(t.dealerId), (m) => m.subject.startsWith('Reminder: claim'), already + 1);
    expect((await call('GET', `/fund-requests/${id}`, { token: t.tokens.dealer })).body.remindersSent).toEqual([15]);

    await runJob('funds', new Date(Date.now() + 6 * DAY));
    await runJob('funds', new Date(Date.now() + 6 * DAY));
    await mailsArrived(dealerEmailOf(t.dealerId), (m) => m.subject.startsWith('Reminder: claim'), already + 2);
    await runJob('funds', new Date(Date.now() + 10 * DAY));
    await mailsArrived(dealerEmailOf(t.dealerId), (m) => m.subject.startsWith('Reminder: claim'), already + 3);
    const request = (await call('GET', `/fund-requests/${id}`, { token: t.tokens.dealer })).body;
    expect(request.remindersSent).toEqual([15, 5, 1]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await reminders()).length).toBe(already + 3);

    await runJob('funds', new Date(Date.now() + 12 * DAY));
    expect((await call('GET', `/fund-requests/${id}`, { token: t.tokens.dealer })).body.status).toBe('lapsed');
  });
});
