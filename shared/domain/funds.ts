/**
 * The rules of co-marketing funds (SPEC §4), pure: periods, what a dealer's allocation is, what a request and a
 * claim may ask for, and the claim deadline with its reminders. No clock (callers pass `today`/`at`), no AWS.
 */
import type { FieldError } from './errors.js';
import type { MarketingMonth } from './partner-kpis.js';
import { parsePeriod, quarterOf } from './partner-kpis.js';
import type { Tier } from './tier-ranking.js';

export const FUND_PERIOD = /^\d{4}-Q[1-4]$/;

export const DEFAULT_COST_SHARE_PERCENT = 50;
export const DEFAULT_CLAIM_DAYS = 60;
/** Reminders go out this many days before the claim deadline, each once. */
export const CLAIM_REMINDER_DAYS = [15, 5, 1] as const;

const DAY_MS = 86_400_000;

/** The quarter `YYYY-Qn` a date `YYYY-MM-DD` (or instant) falls in. */
export const periodOf = (date: string) => quarterOf(date.slice(0, 7));

/** The quarter before `period`. */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** First and last day of a quarter. */
export function periodDays(period: string): { start: string; end: string } {
  const p = parsePeriod(period);
  return { start: p.start, end: p.end };
}

export type Budget =
  | { period: string; kind: 'fixed'; byTier: Record<Tier, number>; currency: string; costSharePercent: number; claimDays: number }
  | { period: string; kind: 'accrual'; accrualPercent: number; currency: string; costSharePercent: number; claimDays: number };

export type AllocationBasis =
  | { kind: 'fixed'; tier: Tier }
  | { kind: 'accrual'; tier: Tier; percent: number; wonRevenue: number; fromPeriod: string };

/**
 * A dealer's allocation of a budget: its tier's fixed amount, or the accrual percentage of the registered won
 * revenue of the previous period (in the budget's currency, rounded down to a minor unit).
 */
export function allocationOf(budget: Budget, tier: Tier, wonRevenueInPreviousPeriod: number): { amount: number; basis: AllocationBasis } {
  if (budget.kind === 'fixed') return { amount: budget.byTier[tier], basis: { kind: 'fixed', tier } };
  return {
    amount: Math.floor((wonRevenueInPreviousPeriod * budget.accrualPercent) / 100),
    basis: {
      kind: 'accrual',
      tier,
      percent: budget.accrualPercent,
      wonRevenue: wonRevenueInPreviousPeriod,
      fromPeriod: previousPeriod(budget.period),
    },
  };
}

/** The most a request may ask for: the program's cost share of the activity's cost, rounded down. */
export const maxRequestable = (cost: number, costSharePercent: number) => Math.floor((cost * costSharePercent) / 100);

export interface RequestTerms {
  currency: string;
  costSharePercent: number;
}

/**
 * What is wrong with a request, field by field: funds are requested before the activity (no later than the day it
 * starts), for an activity that ends on or after its start, in the allocation's currency, up to the cost share.
 */
export function requestProblems(
  input: { startsOn: string; endsOn: string; cost: { amount: number; currency: string }; requested: { amount: number; currency: string } },
  terms: RequestTerms,
  today: string,
): FieldError[] {
  const problems: FieldError[] = [];
  if (input.startsOn < today)
    problems.push({ path: '/startsOn', message: 'must not be in the past: funds are requested before the activity' });
  if (input.endsOn < input.startsOn) problems.push({ path: '/endsOn', message: 'must not be before startsOn' });
  if (input.cost.currency !== terms.currency) {
    problems.push({ path: '/cost/currency', message: `must be ${terms.currency}, the currency of the allocation` });
  }
  if (input.requested.currency !== input.cost.currency) {
    problems.push({ path: '/requested/currency', message: 'must be the currency of the cost' });
  }
  if (input.requested.amount <= 0) problems.push({ path: '/requested/amount', message: 'must be more than 0' });
  const max = maxRequestable(input.cost.amount, terms.costSharePercent);
  if (input.requested.amount > max) {
    problems.push({
      path: '/requested/amount',
      message: `must be at most ${max}, the program's cost share of ${terms.costSharePercent} % of the cost`,
    });
  }
  return problems;
}

/** The last day a claim is accepted: `claimDays` after the activity ends. */
export function claimDeadline(endsOn: string, claimDays: number): string {
  return new Date(Date.parse(`${endsOn}T00:00:00Z`) + claimDays * DAY_MS).toISOString().slice(0, 10);
}

/** The instant the claim window closes: the end of the deadline's day (UTC). */
export const claimWindowEnd = (deadline: string) => new Date(Date.parse(`${deadline}T00:00:00Z`) + DAY_MS - 1).toISOString();

/** When a claim for an activity is accepted: from the day the activity ends through its deadline. */
export function claimWindowProblem(request: { endsOn: string; claimDeadline: string }, at: Date): string | undefined {
  const today = at.toISOString().slice(0, 10);
  if (today < request.endsOn) return `The activity ends on ${request.endsOn}; claim from that day on.`;
  if (at.toISOString() > claimWindowEnd(request.claimDeadline)) {
    return `The claim deadline was ${request.claimDeadline}; the approval has lapsed or is about to.`;
  }
  return undefined;
}

/** When a reminder `daysBefore` the deadline is due. */
export const reminderAt = (deadline: string, daysBefore: number) =>
  new Date(Date.parse(claimWindowEnd(deadline)) + 1 - daysBefore * DAY_MS).toISOString();

/** When an unclaimed approval lapses: the first instant after its deadline. */
export const lapseAt = (deadline: string) => new Date(Date.parse(claimWindowEnd(deadline)) + 1).toISOString();

/** The next instant the schedule has something to do for an approved request: a reminder not yet sent, or the lapse. */
export function nextDueAt(deadline: string, remindersSent: readonly number[]): string {
  const pending = CLAIM_REMINDER_DAYS.filter((d) => !remindersSent.includes(d)).map((d) => reminderAt(deadline, d));
  return [...pending, lapseAt(deadline)].sort()[0] as string;
}

/** What is due at `at`: the reminders whose time has come (sent together as one mail), or the lapse. */
export function dueAction(
  deadline: string,
  remindersSent: readonly number[],
  at: Date,
): { kind: 'lapse' } | { kind: 'remind'; days: number[]; daysLeft: number } | undefined {
  const now = at.toISOString();
  if (now >= lapseAt(deadline)) return { kind: 'lapse' };
  const days = CLAIM_REMINDER_DAYS.filter((d) => !remindersSent.includes(d) && now >= reminderAt(deadline, d));
  if (days.length === 0) return undefined;
  const daysLeft = Math.max(0, Math.ceil((Date.parse(lapseAt(deadline)) - at.getTime()) / DAY_MS));
  return { kind: 'remind', days, daysLeft };
}

/**
 * Funded activities as the `marketingParticipation` KPI counts them: each activity whose claim was approved (or
 * paid) is a campaign the dealer took part in, in the month the activity ended.
 */
export function fundedActivities(requests: readonly { id: string; status: string; endsOn: string }[]): MarketingMonth[] {
  return requests
    .filter((r) => r.status === 'claim_approved' || r.status === 'paid')
    .map((r) => ({ month: r.endsOn.slice(0, 7), campaigns: [{ campaignId: `fund:${r.id}`, participated: true }] }));
}
