/** The rules of a quarterly business review pack: which quarters it compares, pipeline, protections, commitments. */
import type { BusinessReview, ReviewPack } from '../schemas/business-reviews.js';
import type { Money, Stage } from '../schemas/common.js';
import type { Program } from '../schemas/setup.js';
import { toReportingCurrency } from './money.js';
import { OPEN_STATUSES, type RegistrationStatus } from './registration.js';

export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export const yearEarlier = (quarter: string) => `${Number(quarter.slice(0, 4)) - 1}${quarter.slice(4)}`;

/** The first day of a quarter (`YYYY-MM-DD`). */
export const quarterStart = (quarter: string) => `${quarter.slice(0, 4)}-${String(Number(quarter.slice(6)) * 3 - 2).padStart(2, '0')}-01`;

interface PackedRegistration {
  id: string;
  status: RegistrationStatus;
  customer: { name: string };
  stage?: Stage | undefined;
  expectedValue: Money;
  protectedUntil?: string | undefined;
}

const DAY_MS = 86_400_000;
const MAX_LISTED_PROTECTIONS = 50;

export function pipelineOf(registrations: PackedRegistration[], program: Program): ReviewPack['pipeline'] {
  const money = (amount: number) => ({ amount, currency: program.reportingCurrency });
  const open = registrations.filter((r) => OPEN_STATUSES.includes(r.status));
  const reportingValue = (r: PackedRegistration) => toReportingCurrency(r.expectedValue, program) ?? 0;
  const stages = ['early', 'mid', 'late', 'none'] as const;
  return {
    openRegistrations: open.length,
    value: money(open.reduce((sum, r) => sum + reportingValue(r), 0)),
    byStage: stages.map((stage) => {
      const of = open.filter((r) => (r.stage ?? 'none') === stage);
      return { stage, count: of.length, value: money(of.reduce((sum, r) => sum + reportingValue(r), 0)) };
    }),
  };
}

export function protectionsOf(registrations: PackedRegistration[], program: Program, now: Date): ReviewPack['protections'] {
  const active = registrations
    .filter((r) => r.status === 'approved' && r.protectedUntil && r.protectedUntil > now.toISOString())
    .sort((a, b) => (a.protectedUntil as string).localeCompare(b.protectedUntil as string));
  const soon = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  return {
    active: active.length,
    endingWithin30Days: active.filter((r) => (r.protectedUntil as string) <= soon).length,
    items: active.slice(0, MAX_LISTED_PROTECTIONS).map((r) => ({
      registrationId: r.id,
      customer: r.customer.name,
      expectedValue: {
        amount: toReportingCurrency(r.expectedValue, program) ?? r.expectedValue.amount,
        currency: program.reportingCurrency,
      },
      protectedUntil: r.protectedUntil as string,
    })),
  };
}

/**
 * The last review's commitments with their state: what this review recorded for each (done / not done), else open
 * until its due date passes, then overdue.
 */
export function previousCommitments(
  previous: BusinessReview | undefined,
  followUp: { index: number; state: 'done' | 'not_done' }[],
  today: string,
): ReviewPack['previousReview'] {
  if (!previous?.held) return null;
  return {
    quarter: previous.quarter,
    heldOn: previous.held.heldOn,
    commitments: previous.held.commitments.map((c, index) => ({
      ...c,
      index,
      state: followUp.find((f) => f.index === index)?.state ?? (c.due < today ? 'overdue' : 'open'),
    })),
  };
}
