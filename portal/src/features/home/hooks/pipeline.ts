/** The dealer home's figures, from its open registrations: what needs attention and the pipeline's shape. */
import { daysUntil } from '../../../lib/format.js';
import type { Registration } from '../../registrations/api/types.js';

export const EXPIRY_WINDOW_DAYS = 14;

export interface Attention {
  expiring: { registration: Registration; daysLeft: number }[];
  waiting: Registration[];
}

export function attentionOf(
  open: { submitted: Registration[]; in_conflict: Registration[]; approved: Registration[] },
  now = Date.now(),
): Attention {
  const expiring = open.approved
    .filter((r) => r.protectedUntil)
    .map((r) => ({ registration: r, daysLeft: daysUntil(r.protectedUntil as string, now) }))
    .filter((e) => e.daysLeft <= EXPIRY_WINDOW_DAYS)
    .sort((a, b) => a.daysLeft - b.daysLeft);
  const waiting = [...open.submitted, ...open.in_conflict].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { expiring, waiting };
}

/** The currency most of the pipeline is in; amounts in other currencies are counted apart, never mixed. */
export function mainCurrency(registrations: Registration[]): string {
  const totals = new Map<string, number>();
  for (const r of registrations) totals.set(r.expectedValue.currency, (totals.get(r.expectedValue.currency) ?? 0) + 1);
  return [...totals.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'EUR';
}

export function pipelineByStage(registrations: Registration[], currency: string) {
  const stages = ['early', 'mid', 'late'] as const;
  const values = stages.map((stage) =>
    registrations
      .filter((r) => r.expectedValue.currency === currency && (r.stage ?? 'early') === stage)
      .reduce((sum, r) => sum + r.expectedValue.amount, 0),
  );
  return { stages, values };
}

/** The next `months` months from this one; deals expected earlier count in this month. */
export function pipelineByMonth(registrations: Registration[], currency: string, months = 6, now = new Date()) {
  const keys = Array.from({ length: months }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)).toISOString().slice(0, 7),
  );
  const values = keys.map(() => 0);
  for (const r of registrations) {
    if (r.expectedValue.currency !== currency) continue;
    const month = r.expectedCloseDate.slice(0, 7);
    const index = month < (keys[0] as string) ? 0 : keys.indexOf(month);
    if (index >= 0) values[index] = (values[index] ?? 0) + r.expectedValue.amount;
  }
  return { months: keys, values };
}
