/** Budgets per period (`PUT /funds/budgets/{period}`): fixed amounts per tier, or an accrual percentage. */
import { fundBudgets, type StoredBudget } from '../db/funds-repository.js';
import { InvalidInput } from '../domain/errors.js';
import type { Budget } from '../domain/funds.js';
import type { BudgetInput } from '../schemas/funds.js';
import type { Program } from '../schemas/setup.js';

export function toApiBudget(b: StoredBudget) {
  const money = (amount: number) => ({ amount, currency: b.currency });
  return {
    period: b.period,
    ...(b.kind === 'fixed'
      ? { byTier: { gold: money(b.byTier.gold), silver: money(b.byTier.silver), bronze: money(b.byTier.bronze) } }
      : {}),
    ...(b.kind === 'accrual' ? { accrualPercent: b.accrualPercent } : {}),
    currency: b.currency,
    costSharePercent: b.costSharePercent,
    claimDays: b.claimDays,
    updatedAt: b.updatedAt,
    ...(b.openedAt ? { openedAt: b.openedAt } : {}),
  };
}

/**
 * Stores a period's budget. Fixed amounts are in one currency; an accrual is in the program's reporting currency,
 * the currency won revenue is counted in. Allocations already made for the period stay as they were.
 */
export async function putBudget(period: string, input: BudgetInput, program: Program, now: Date): Promise<StoredBudget> {
  const terms = { period, costSharePercent: input.costSharePercent, claimDays: input.claimDays };
  let budget: Budget;
  if ('byTier' in input) {
    const currency = input.byTier.gold.currency;
    const mismatched = (['silver', 'bronze'] as const).filter((tier) => input.byTier[tier].currency !== currency);
    if (mismatched.length) {
      throw new InvalidInput(mismatched.map((tier) => ({ path: `/byTier/${tier}/currency`, message: `must be ${currency}, like gold` })));
    }
    budget = {
      ...terms,
      kind: 'fixed',
      currency,
      byTier: { gold: input.byTier.gold.amount, silver: input.byTier.silver.amount, bronze: input.byTier.bronze.amount },
    };
  } else {
    budget = { ...terms, kind: 'accrual', accrualPercent: input.accrualPercent, currency: program.reportingCurrency };
  }
  return fundBudgets.put({ ...budget, updatedAt: now.toISOString() });
}
