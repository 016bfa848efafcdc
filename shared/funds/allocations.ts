/**
 * Opening a period (the `funds` schedule): every dealer gets its allocation of the period's budget once — its
 * tier's fixed amount, or the accrual on its registered won revenue of the previous period — by the tier it holds
 * on the day it is allocated. Dealers that join later are allocated on the schedule's next run.
 */
import { randomUUID } from 'node:crypto';
import { fundAllocations, fundBudgets, type StoredBudget } from '../db/funds-repository.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query-pages.js';
import { registrationFacts } from '../db/registration-repository.js';
import { program as programRepository } from '../db/setup-repository.js';
import { tiers } from '../db/tier-repository.js';
import { SYSTEM_ACTOR } from '../domain/caller.js';
import { deltasOf, type LedgerEntry } from '../domain/fund-ledger.js';
import { allocationOf, periodOf, previousPeriod } from '../domain/funds.js';
import { parsePeriod, wonRegisteredValue } from '../domain/partner-kpis.js';
import { STARTING_TIER } from '../domain/tier-ranking.js';
import { logger } from '../observability/logger.js';
import type { Dealer, Program } from '../schemas/setup.js';

const PARALLEL = 8;

export const newLedgerEntryId = () => `le_${randomUUID().replaceAll('-', '')}`;

/** Allocates `budget` to one dealer, as of `at`; false when it holds an allocation of the period already. */
export async function allocateDealer(dealer: Dealer, budget: StoredBudget, program: Program, at: Date): Promise<boolean> {
  const tier = (await tiers.current(dealer.id))?.tier ?? STARTING_TIER;
  const won =
    budget.kind === 'accrual'
      ? wonRegisteredValue(await registrationFacts.forDealer(dealer.id), parsePeriod(previousPeriod(budget.period)), program)
      : 0;
  const { amount, basis } = allocationOf(budget, tier, won);
  const entry: LedgerEntry = {
    id: newLedgerEntryId(),
    dealerId: dealer.id,
    period: budget.period,
    at: at.toISOString(),
    kind: 'allocated',
    currency: budget.currency,
    deltas: deltasOf.allocated(amount),
    actor: SYSTEM_ACTOR,
  };
  return fundAllocations.create(
    {
      dealerId: dealer.id,
      regionId: dealer.regionId,
      period: budget.period,
      tier,
      currency: budget.currency,
      basis,
      costSharePercent: budget.costSharePercent,
      claimDays: budget.claimDays,
      allocatedAt: entry.at,
    },
    entry,
  );
}

/** Allocates the budget of the period `at` falls in to every dealer without an allocation yet. */
export async function openPeriod(at: Date): Promise<{ period: string; allocated: number }> {
  const period = periodOf(at.toISOString());
  const budget = await fundBudgets.get(period);
  if (!budget) return { period, allocated: 0 };
  const [program, allocated, dealers] = await Promise.all([
    programRepository.get(),
    fundAllocations.dealersOf(period),
    queryAll({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :p', ExpressionAttributeValues: { ':p': keys.dealersPartition() } }),
  ]);
  const pending = (dealers as unknown as Dealer[]).filter((d) => d.status !== 'phased_out' && !allocated.has(d.id));
  let created = 0;
  for (let i = 0; i < pending.length; i += PARALLEL) {
    const results = await Promise.allSettled(pending.slice(i, i + PARALLEL).map((d) => allocateDealer(d, budget, program, at)));
    for (const [index, result] of results.entries()) {
      if (result.status === 'fulfilled') created += result.value ? 1 : 0;
      else logger.error('Fund allocation failed', { dealerId: pending[i + index]?.id, period, error: result.reason as Error });
    }
  }
  await fundBudgets.markOpened(period, at.toISOString());
  return { period, allocated: created };
}
