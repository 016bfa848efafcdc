/**
 * Co-marketing funds in API tests: the current quarter's budget (the same in every test file, since a period has
 * one budget), the funds schedule run to allocate it, and bodies of requests and claims.
 */
import { call, runJob, type Tenant } from './api.js';
import { uploadedFile } from './files.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Fresh test dealers are bronze: their allocation is 10,000.00 EUR. */
export const TEST_BUDGET = {
  byTier: { gold: eur(5_000_000), silver: eur(2_000_000), bronze: eur(1_000_000) },
  costSharePercent: 50,
  claimDays: 60,
};
export const BRONZE_ALLOCATION = TEST_BUDGET.byTier.bronze.amount;

export const today = () => new Date().toISOString().slice(0, 10);
export const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const currentPeriod = () => {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};

/** Puts the current quarter's budget and runs the funds schedule, so the tenant's dealers hold an allocation. */
export async function openFunds(t: Tenant): Promise<void> {
  const put = await call('PUT', `/funds/budgets/${currentPeriod()}`, { token: t.tokens.admin, body: TEST_BUDGET });
  if (put.status !== 200) throw new Error(`budget: ${put.status} ${put.text}`);
  await runJob('funds', new Date());
}

/** A request for an activity of today (requested up to the day it starts; claimed from the day it ends). */
export const fundRequestBody = (requested = 200_000, overrides: Record<string, unknown> = {}) => ({
  activity: 'Booth at the regional machinery fair',
  description: 'Shared booth with live demos of the MX-200.',
  startsOn: today(),
  endsOn: today(),
  cost: eur(requested * 2),
  requested: eur(requested),
  ...overrides,
});

/** An invoice uploaded by `token`'s dealer through a presigned URL and confirmed: proof for a claim. */
export const proofOf = (token: string) => uploadedFile(token, { purpose: 'proof', fileName: 'invoice.pdf' });

export const claimBody = (amount: number, proof: string[]) => ({ amount: eur(amount), proof, note: 'Invoice and photos attached' });

/** A request of `token`'s dealer, approved by the region's manager for `approved` (default: as requested). */
export async function approvedRequest(
  t: Tenant,
  requested = 200_000,
  approved = requested,
  token = t.tokens.dealer,
  manager = t.tokens.manager,
) {
  const created = await call('POST', '/fund-requests', { token, body: fundRequestBody(requested) });
  if (created.status !== 201) throw new Error(`fixture request: ${created.status} ${created.text}`);
  const decided = await call('POST', `/fund-requests/${created.body.id}/decision`, {
    token: manager,
    body: { decision: 'approve', approved: eur(approved) },
  });
  if (decided.status !== 200) throw new Error(`fixture approval: ${decided.status} ${decided.text}`);
  return created.body.id as string;
}

/** A claim of an approved request, submitted and (optionally) approved. */
export async function claim(t: Tenant, state: 'submitted' | 'approved' = 'submitted', token = t.tokens.dealer, manager = t.tokens.manager) {
  const requestId = await approvedRequest(t, 20_000, 20_000, token, manager);
  const created = await call('POST', `/fund-requests/${requestId}/claims`, { token, body: claimBody(18_000, [await proofOf(token)]) });
  if (created.status !== 201) throw new Error(`fixture claim: ${created.status} ${created.text}`);
  if (state === 'approved') {
    const decided = await call('POST', `/fund-claims/${created.body.id}/decision`, { token: manager, body: { decision: 'approve' } });
    if (decided.status !== 200) throw new Error(`fixture claim approval: ${decided.status} ${decided.text}`);
  }
  return created.body.id as string;
}
