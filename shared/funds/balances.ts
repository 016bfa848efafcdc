/** A dealer's funds of a period as the portal shows them, and the ledger report that rebuilds them at any instant. */
import { fundAllocations, fundLedger, type StoredAllocation } from '../db/funds-repository.js';
import type { Caller } from '../domain/caller.js';
import { InvalidInput, NotFound } from '../domain/errors.js';
import { balancesFrom } from '../domain/fund-ledger.js';
import { periodOf } from '../domain/funds.js';
import { canSeeFunds } from './access.js';

function toApiFunds(a: StoredAllocation) {
  const money = (amount: number) => ({ amount, currency: a.currency });
  return {
    dealerId: a.dealerId,
    period: a.period,
    tier: a.tier,
    basis: a.basis.kind === 'accrual' ? { ...a.basis, wonRevenue: money(a.basis.wonRevenue) } : a.basis,
    costSharePercent: a.costSharePercent,
    claimDays: a.claimDays,
    allocation: money(a.allocated),
    requested: money(a.requested),
    approved: money(a.approved),
    claimed: money(a.claimed),
    approvedClaims: money(a.approvedClaims),
    paid: money(a.paid),
    available: money(a.allocated - a.approved),
    allocatedAt: a.allocatedAt,
  };
}

async function visibleAllocation(caller: Caller, dealerId: string | undefined, period: string): Promise<StoredAllocation> {
  const missing = () => new NotFound(`There is no co-marketing allocation of ${period} for this dealer.`);
  if (caller.role === 'dealer' && dealerId !== undefined && dealerId !== caller.dealerId) throw missing();
  const owner = caller.role === 'dealer' ? caller.dealerId : dealerId;
  if (!owner) throw new InvalidInput([{ path: 'dealerId', message: 'is required' }]);
  const allocation = await fundAllocations.get(owner, period);
  if (!allocation || !canSeeFunds(caller, allocation)) throw missing();
  return allocation;
}

export async function fundsOf(caller: Caller, query: { period?: string | undefined; dealerId?: string | undefined }, now: Date) {
  return toApiFunds(await visibleAllocation(caller, query.dealerId, query.period ?? periodOf(now.toISOString())));
}

export async function ledgerReport(caller: Caller, query: { dealerId: string; period: string; at?: string | undefined }, now: Date) {
  const allocation = await visibleAllocation(caller, query.dealerId, query.period);
  const at = query.at ? new Date(query.at).toISOString() : now.toISOString();
  const entries = await fundLedger.entries(allocation.dealerId, allocation.period, at);
  const b = balancesFrom(entries);
  const money = (amount: number) => ({ amount, currency: allocation.currency });
  return {
    dealerId: allocation.dealerId,
    period: allocation.period,
    at,
    currency: allocation.currency,
    balances: {
      allocated: money(b.allocated),
      requested: money(b.requested),
      approved: money(b.approved),
      claimed: money(b.claimed),
      approvedClaims: money(b.approvedClaims),
      paid: money(b.paid),
      available: money(b.allocated - b.approved),
    },
    entries: entries.map((e) => ({
      id: e.id,
      at: e.at,
      kind: e.kind,
      deltas: e.deltas as Record<string, number>,
      ...(e.requestId ? { requestId: e.requestId } : {}),
      ...(e.claimId ? { claimId: e.claimId } : {}),
      actor: e.actor,
    })),
  };
}
