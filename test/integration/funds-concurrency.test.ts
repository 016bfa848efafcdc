/**
 * 100 approvals racing for one allocation: exactly as many succeed as the allocation holds, the surplus answers
 * 409, nothing answers 5xx, and the balances equal the ledger's recomputation afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createTenant, type Tenant } from '../support/api.js';
import { BRONZE_ALLOCATION, currentPeriod, fundRequestBody, openFunds } from '../support/funds.js';

const CONCURRENT = 100;
/** Twice the allocation in total: half of the approvals fit. */
const EACH = (2 * BRONZE_ALLOCATION) / CONCURRENT;

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  await openFunds(t);
});

describe('concurrent approvals against one allocation', () => {
  it(`never approve more than the allocation: ${CONCURRENT} at once, the surplus 409, no 5xx`, { timeout: 180_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONCURRENT; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, () => call('POST', '/fund-requests', { token: t.tokens.dealer, body: fundRequestBody(EACH) })),
      );
      for (const created of batch) {
        expect(created.status, created.text).toBe(201);
        ids.push(created.body.id);
      }
    }
    const started = Date.now();
    const answers = await Promise.all(
      ids.map((id) => call('POST', `/fund-requests/${id}/decision`, { token: t.tokens.manager, body: { decision: 'approve' } })),
    );
    const seconds = (Date.now() - started) / 1000;
    const statuses = answers.map((a) => a.status);
    const count = (status: number) => statuses.filter((s) => s === status).length;
    console.info(
      `${CONCURRENT} concurrent approvals: ${count(200)} × 200, ${count(409)} × 409 in ${seconds.toFixed(1)} s`,
      answers.filter((a) => a.status >= 500).map((a) => a.text),
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(count(200)).toBe(BRONZE_ALLOCATION / EACH);
    expect(count(409)).toBe(CONCURRENT - BRONZE_ALLOCATION / EACH);
    const refused = answers.find((a) => a.status === 409);
    expect(refused?.body.detail).toMatch(/exceed the allocation/);

    const funds = (await call('GET', `/funds?period=${currentPeriod()}`, { token: t.tokens.dealer })).body;
    expect(funds.approved.amount).toBe(BRONZE_ALLOCATION);
    expect(funds.available.amount).toBe(0);
    expect(funds.requested.amount).toBe(count(409) * EACH);
    const ledger = await call('GET', `/funds/ledger?dealerId=${t.dealerId}&period=${currentPeriod()}`, { token: t.tokens.finance });
    expect(ledger.body.balances.approved).toEqual(funds.approved);
    expect(ledger.body.balances.requested).toEqual(funds.requested);
    // Entries are stored in time order: every prefix is a state that existed, so none exceeds the allocation.
    let approved = 0;
    let last = '';
    for (const entry of ledger.body.entries as { at: string; deltas: Record<string, number> }[]) {
      expect(entry.at >= last).toBe(true);
      last = entry.at;
      approved += entry.deltas.approved ?? 0;
      expect(approved).toBeLessThanOrEqual(BRONZE_ALLOCATION);
    }
  });
});
