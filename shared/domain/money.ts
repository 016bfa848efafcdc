import type { Money } from '../schemas/common.js';
import type { Program } from '../schemas/setup.js';

/** `money` in the program's reporting currency (minor units, rounded), or undefined without a rate. */
export function toReportingCurrency(money: Money, program: Program): number | undefined {
  if (money.currency === program.reportingCurrency) return money.amount;
  const rate = program.fxRates[money.currency];
  return rate === undefined ? undefined : Math.round(money.amount * rate);
}
