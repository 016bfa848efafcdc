/** Whether a fresh registration may be approved at once, without a manager (program setting, off by default). */
import type { Dealer, Program } from '../schemas/setup.js';
import { toReportingCurrency } from './money.js';
import type { StoredRegistration } from './registration.js';

export type AutoApprovalVerdict = { approve: true; reason: string } | { approve: false; why: string };

export function autoApprovalVerdict(
  registration: StoredRegistration,
  dealer: Pick<Dealer, 'status'>,
  program: Program,
): AutoApprovalVerdict {
  const { autoApproval } = program;
  if (!autoApproval.enabled) return { approve: false, why: 'auto-approval is off' };
  if (registration.status !== 'submitted') return { approve: false, why: `the registration is ${registration.status}` };
  if ((registration.flags ?? []).length > 0) return { approve: false, why: 'a rule or conflict flag needs review' };
  if (dealer.status !== 'active') return { approve: false, why: `the dealer is in status ${dealer.status}` };
  if (autoApproval.maxValue) {
    const value = toReportingCurrency(registration.expectedValue, program);
    const limit = toReportingCurrency(autoApproval.maxValue, program);
    if (value === undefined || limit === undefined || value > limit) {
      return { approve: false, why: 'the value is above the auto-approval limit' };
    }
  }
  return {
    approve: true,
    reason: autoApproval.maxValue
      ? 'Auto-approved: no conflict or rule flag, dealer active, value within the auto-approval limit.'
      : 'Auto-approved: no conflict or rule flag, dealer active.',
  };
}
