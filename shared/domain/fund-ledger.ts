/**
 * The co-marketing funds ledger (SPEC §4): every change of an amount is an immutable entry carrying the deltas it
 * makes to its allocation's balances. The allocation keeps the running sums and three headrooms derived from them;
 * the database refuses any change that would make a balance or a headroom negative, which is exactly the set of
 * invariants: approved ≤ allocation, claimed ≤ approved, paid ≤ approved claims. Pure: no clock, no AWS.
 *
 * Amounts are integer minor units of the allocation's currency.
 */

/** The running sums an allocation keeps. */
export const BALANCES = ['allocated', 'requested', 'approved', 'claimed', 'approvedClaims', 'paid'] as const;
export type BalanceName = (typeof BALANCES)[number];
export type Balances = Record<BalanceName, number>;

/** What the invariants leave room for (to approve, to claim, claims in review, to pay); each must stay ≥ 0. */
export const HEADROOMS = ['available', 'unclaimed', 'inReview', 'unpaid'] as const;
export type HeadroomName = (typeof HEADROOMS)[number];
export type Headrooms = Record<HeadroomName, number>;

export type Deltas = Partial<Balances>;

export const LEDGER_KINDS = [
  'allocated',
  'request_submitted',
  'request_approved',
  'request_rejected',
  'approval_lapsed',
  'claim_submitted',
  'claim_approved',
  'claim_rejected',
  'claim_paid',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  id: string;
  dealerId: string;
  period: string;
  at: string;
  kind: LedgerKind;
  currency: string;
  deltas: Deltas;
  requestId?: string | undefined;
  claimId?: string | undefined;
  actor: { role: string; id: string };
}

export const zeroBalances = (): Balances => ({ allocated: 0, requested: 0, approved: 0, claimed: 0, approvedClaims: 0, paid: 0 });

/** The headrooms of a set of balances: what may still be approved, claimed, paid. */
export function headroomsOf(b: Balances): Headrooms {
  return {
    available: b.allocated - b.approved,
    unclaimed: b.approved - b.claimed,
    inReview: b.claimed - b.approvedClaims,
    unpaid: b.approvedClaims - b.paid,
  };
}

/** How each headroom moves with a set of deltas. */
export function headroomDeltas(d: Deltas): Headrooms {
  const v = (name: BalanceName) => d[name] ?? 0;
  return {
    available: v('allocated') - v('approved'),
    unclaimed: v('approved') - v('claimed'),
    inReview: v('claimed') - v('approvedClaims'),
    unpaid: v('approvedClaims') - v('paid'),
  };
}

// The deltas of each kind of change (r: requested, a: approved, c: claimed amount).
export const deltasOf = {
  allocated: (amount: number): Deltas => ({ allocated: amount }),
  requestSubmitted: (r: number): Deltas => ({ requested: r }),
  requestApproved: (r: number, a: number): Deltas => ({ requested: -r, approved: a }),
  requestRejected: (r: number): Deltas => ({ requested: -r }),
  /** An approval nobody claimed in time: its hold returns to the allocation. */
  approvalLapsed: (a: number): Deltas => ({ approved: -a }),
  claimSubmitted: (c: number): Deltas => ({ claimed: c }),
  /** An approved claim below its approval releases the rest of the hold. */
  claimApproved: (a: number, c: number): Deltas => ({ approvedClaims: c, ...(a > c ? { approved: c - a } : {}) }),
  claimRejected: (c: number): Deltas => ({ claimed: -c }),
  claimPaid: (c: number): Deltas => ({ paid: c }),
};

export function applyDeltas(b: Balances, d: Deltas): Balances {
  const next = { ...b };
  for (const name of BALANCES) next[name] += d[name] ?? 0;
  return next;
}

/** The invariants a set of balances breaks, by name; empty when it keeps all of them. */
export function brokenInvariants(b: Balances): string[] {
  const broken: string[] = [];
  for (const name of BALANCES) if (b[name] < 0) broken.push(`${name} ≥ 0`);
  if (b.approved > b.allocated) broken.push('approved ≤ allocated');
  if (b.claimed > b.approved) broken.push('claimed ≤ approved');
  if (b.approvedClaims > b.claimed) broken.push('approved claims ≤ claimed');
  if (b.paid > b.approvedClaims) broken.push('paid ≤ approved claims');
  return broken;
}

/** The balances the entries add up to, in order; entries after `at` (an ISO instant), when given, are left out. */
export function balancesFrom(entries: readonly Pick<LedgerEntry, 'at' | 'deltas'>[], at?: string): Balances {
  return entries.filter((e) => at === undefined || e.at <= at).reduce((b, e) => applyDeltas(b, e.deltas), zeroBalances());
}

/**
 * What the database's conditions refuse a change for: the balances and headrooms it would make negative. The
 * allocation's conditional update is built from the same deltas, so this is the rule the table enforces.
 */
export function refusedBy(b: Balances, d: Deltas): string[] {
  const next = applyDeltas(b, d);
  const room = headroomsOf(next);
  return [...BALANCES.filter((name) => next[name] < 0), ...HEADROOMS.filter((name) => room[name] < 0)];
}
