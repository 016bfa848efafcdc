/**
 * The funds ledger as a pure model: random sequences of requests, approvals (for less, or more than is left),
 * rejections, claims, claim decisions, lapses and payouts, each applied only when the database's conditions
 * (`refusedBy`) let it. The balances always equal a recomputation from the entries and the requests' own amounts,
 * and no invariant is ever broken; any change the conditions let through keeps every invariant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDeltas,
  type Balances,
  balancesFrom,
  brokenInvariants,
  type Deltas,
  deltasOf,
  refusedBy,
  zeroBalances,
} from '../../shared/domain/fund-ledger.js';

type Status = 'submitted' | 'approved' | 'rejected' | 'claimed' | 'claim_approved' | 'paid' | 'lapsed';
interface Request {
  status: Status;
  requested: number;
  approved?: number;
  claimed?: number;
}

const ALLOCATION = 100_000;

const op = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), amount: fc.integer({ min: 1, max: ALLOCATION }) }),
  fc.record({ kind: fc.constant('approve' as const), pick: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('claim' as const), pick: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('decideClaim' as const), pick: fc.nat(), approve: fc.boolean() }),
  fc.record({ kind: fc.constant('lapse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('pay' as const), pick: fc.nat() }),
);

/** The balances the requests themselves imply, for comparison with the ledger's. */
function fromRequests(requests: Request[]): Balances {
  const b = zeroBalances();
  b.allocated = ALLOCATION;
  for (const r of requests) {
    if (r.status === 'submitted') b.requested += r.requested;
    if (['approved', 'claimed', 'claim_approved', 'paid'].includes(r.status)) b.approved += r.approved ?? 0;
    if (['claimed', 'claim_approved', 'paid'].includes(r.status)) b.claimed += r.claimed ?? 0;
    if (['claim_approved', 'paid'].includes(r.status)) b.approvedClaims += r.claimed ?? 0;
    if (r.status === 'paid') b.paid += r.claimed ?? 0;
  }
  return b;
}

describe('the funds ledger (pure model)', () => {
  it('keeps balances equal to the entries and every invariant, whatever the sequence', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        let balances = applyDeltas(zeroBalances(), deltasOf.allocated(ALLOCATION));
        const entries: { at: string; deltas: Deltas }[] = [{ at: '0', deltas: deltasOf.allocated(ALLOCATION) }];
        const requests: Request[] = [];
        const commit = (deltas: Deltas, then: () => void) => {
          if (refusedBy(balances, deltas).length > 0) return false;
          balances = applyDeltas(balances, deltas);
          entries.push({ at: String(entries.length).padStart(4, '0'), deltas });
          then();
          return true;
        };
        for (const o of ops) {
          if (o.kind === 'submit') {
            commit(deltasOf.requestSubmitted(o.amount), () => requests.push({ status: 'submitted', requested: o.amount }));
            continue;
          }
          const r = requests.length ? requests[o.pick % requests.length] : undefined;
          if (!r) continue;
          if (o.kind === 'approve' && r.status === 'submitted') {
            const a = Math.max(1, Math.floor(r.requested * o.share));
            const accepted = commit(deltasOf.requestApproved(r.requested, a), () => Object.assign(r, { status: 'approved', approved: a }));
            // Refused only when it would exceed what is available.
            if (!accepted) expect(a).toBeGreaterThan(balances.allocated - balances.approved);
          } else if (o.kind === 'reject' && r.status === 'submitted') {
            commit(deltasOf.requestRejected(r.requested), () => (r.status = 'rejected'));
          } else if (o.kind === 'claim' && r.status === 'approved') {
            const c = Math.max(1, Math.floor((r.approved as number) * o.share));
            expect(commit(deltasOf.claimSubmitted(c), () => Object.assign(r, { status: 'claimed', claimed: c }))).toBe(true);
          } else if (o.kind === 'decideClaim' && r.status === 'claimed') {
            const c = r.claimed as number;
            if (o.approve) {
              commit(deltasOf.claimApproved(r.approved as number, c), () => Object.assign(r, { status: 'claim_approved', approved: c }));
            } else {
              commit(deltasOf.claimRejected(c), () => Object.assign(r, { status: 'approved', claimed: undefined }));
            }
          } else if (o.kind === 'lapse' && r.status === 'approved') {
            commit(deltasOf.approvalLapsed(r.approved as number), () => (r.status = 'lapsed'));
          } else if (o.kind === 'pay' && r.status === 'claim_approved') {
            expect(commit(deltasOf.claimPaid(r.claimed as number), () => (r.status = 'paid'))).toBe(true);
          }
          expect(brokenInvariants(balances)).toEqual([]);
          expect(balancesFrom(entries)).toEqual(balances);
          expect(balances).toEqual(fromRequests(requests));
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('lets through only changes that keep every invariant, from any valid state', () => {
    const amount = fc.integer({ min: -50_000, max: 50_000 });
    const valid = fc
      .record({
        allocated: fc.integer({ min: 0, max: 100_000 }),
        requested: fc.integer({ min: 0, max: 100_000 }),
        a: fc.double({ min: 0, max: 1, noNaN: true }),
        c: fc.double({ min: 0, max: 1, noNaN: true }),
        ac: fc.double({ min: 0, max: 1, noNaN: true }),
        p: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ allocated, requested, a, c, ac, p }) => {
        const approved = Math.floor(allocated * a);
        const claimed = Math.floor(approved * c);
        const approvedClaims = Math.floor(claimed * ac);
        return { allocated, requested, approved, claimed, approvedClaims, paid: Math.floor(approvedClaims * p) } satisfies Balances;
      });
    const deltas = fc.record(
      { allocated: amount, requested: amount, approved: amount, claimed: amount, approvedClaims: amount, paid: amount },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(valid, deltas, (b, d) => {
        expect(brokenInvariants(b)).toEqual([]);
        const broken = brokenInvariants(applyDeltas(b, d));
        if (refusedBy(b, d).length === 0) expect(broken).toEqual([]);
        else expect(broken.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('rebuilds a balance at a past instant from the entries up to it', () => {
    const entries = [
      { at: '2027-01-02T00:00:00.000Z', deltas: deltasOf.allocated(1000) },
      { at: '2027-01-05T00:00:00.000Z', deltas: deltasOf.requestSubmitted(400) },
      { at: '2027-01-06T00:00:00.000Z', deltas: deltasOf.requestApproved(400, 300) },
      { at: '2027-03-01T00:00:00.000Z', deltas: deltasOf.claimSubmitted(250) },
    ];
    expect(balancesFrom(entries, '2027-01-01T00:00:00.000Z')).toEqual(zeroBalances());
    expect(balancesFrom(entries, '2027-01-05T00:00:00.000Z')).toEqual({ ...zeroBalances(), allocated: 1000, requested: 400 });
    expect(balancesFrom(entries, '2027-02-01T00:00:00.000Z')).toEqual({ ...zeroBalances(), allocated: 1000, approved: 300 });
    expect(balancesFrom(entries)).toEqual({ ...zeroBalances(), allocated: 1000, approved: 300, claimed: 250 });
  });
});
