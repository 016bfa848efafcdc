/**
 * Performance management (SPEC §4): diagnosis flags first, then improvement plans with goals and a deadline. Pure.
 */
import { InvalidInput } from './errors.js';
import type { KpiFacts, Kpis } from './partner-kpis.js';

// ── Diagnosis ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The thresholds behind the flags (documented in README, "Partner program"). */
export const DIAGNOSIS = {
  /** Fewer registrations per quarter than this share of the region's median dealer is "too few for its territory". */
  registrationsShareOfRegionMedian: 0.5,
  /** Without a region benchmark (no tier run yet): fewer than this many registrations per quarter. */
  minRegistrationsPerQuarter: 1,
  trainingCompletionBelow: 0.6,
  registrationToCloseBelow: 0.2,
  /** The ratio is only judged on at least this many registrations that ran their course. */
  minClosedForRatio: 5,
  /** With few registrations, fewer leads offered per quarter than this says the territory got too few leads. */
  minLeadsPerQuarter: 1,
  /** Year-over-year growth at or below this is shrinking revenue. */
  revenueGrowthAtOrBelow: -0.1,
} as const;

export type DiagnosisCode =
  | 'few_registrations'
  | 'few_leads'
  | 'low_training_completion'
  | 'low_registration_to_close'
  | 'shrinking_revenue';

export interface DiagnosisFlag {
  code: DiagnosisCode;
  detail: string;
  value: number;
  threshold: number;
}

export function diagnose(args: {
  kpis: Kpis;
  facts: Pick<KpiFacts, 'closedRegistrations'>;
  /** Quarters in the period (1 for a quarter, 4 for a year). */
  quarters: number;
  /** Median registrations per dealer and quarter in the dealer's region at the last tier run, if any. */
  regionMedianPerQuarter?: number | null | undefined;
  /** Leads the manufacturer offered the dealer in the period. */
  leadsOffered?: number | undefined;
}): DiagnosisFlag[] {
  const { kpis, facts, quarters } = args;
  const flags: DiagnosisFlag[] = [];
  const perQuarter = Math.round((kpis.registeredDeals / quarters) * 100) / 100;
  const median = args.regionMedianPerQuarter ?? null;
  const expected =
    median !== null && median > 0
      ? Math.max(DIAGNOSIS.minRegistrationsPerQuarter, Math.round(median * DIAGNOSIS.registrationsShareOfRegionMedian * 100) / 100)
      : DIAGNOSIS.minRegistrationsPerQuarter;
  if (perQuarter < expected) {
    flags.push({
      code: 'few_registrations',
      detail:
        median !== null && median > 0
          ? `${perQuarter} registrations per quarter, below half the median of the dealer's region (${median})`
          : `${perQuarter} registrations per quarter, below the minimum of ${expected}`,
      value: perQuarter,
      threshold: expected,
    });
    // Too few leads for its territory: the dealer registers little and the manufacturer sent it (almost) nothing.
    const leadsPerQuarter = Math.round(((args.leadsOffered ?? 0) / quarters) * 100) / 100;
    if (args.leadsOffered !== undefined && leadsPerQuarter < DIAGNOSIS.minLeadsPerQuarter) {
      flags.push({
        code: 'few_leads',
        detail: `${leadsPerQuarter} leads offered per quarter to a dealer with few registrations: too few leads for its territory`,
        value: leadsPerQuarter,
        threshold: DIAGNOSIS.minLeadsPerQuarter,
      });
    }
  }
  if (kpis.trainingCompletion !== null && kpis.trainingCompletion < DIAGNOSIS.trainingCompletionBelow) {
    flags.push({
      code: 'low_training_completion',
      detail: `${Math.round(kpis.trainingCompletion * 100)}% of assigned training modules completed`,
      value: kpis.trainingCompletion,
      threshold: DIAGNOSIS.trainingCompletionBelow,
    });
  }
  if (
    kpis.registrationToCloseRatio !== null &&
    facts.closedRegistrations >= DIAGNOSIS.minClosedForRatio &&
    kpis.registrationToCloseRatio < DIAGNOSIS.registrationToCloseBelow
  ) {
    flags.push({
      code: 'low_registration_to_close',
      detail: `${Math.round(kpis.registrationToCloseRatio * 100)}% of ${facts.closedRegistrations} closed registrations won`,
      value: kpis.registrationToCloseRatio,
      threshold: DIAGNOSIS.registrationToCloseBelow,
    });
  }
  if (kpis.yoyGrowth !== null && kpis.yoyGrowth <= DIAGNOSIS.revenueGrowthAtOrBelow) {
    flags.push({
      code: 'shrinking_revenue',
      detail: `Revenue ${Math.round(kpis.yoyGrowth * 1000) / 10}% against the same months a year earlier`,
      value: kpis.yoyGrowth,
      threshold: DIAGNOSIS.revenueGrowthAtOrBelow,
    });
  }
  return flags;
}

/** The median of `values` (0 for none). */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

// ── Improvement plans ───────────────────────────────────────────────────────────────────────────────────────────

/** KPIs a goal can name: the numeric ones (money goals are in minor units of the reporting currency). */
export const GOAL_KPIS = [
  'revenue',
  'yoyGrowth',
  'averageDealSize',
  'registeredDeals',
  'registrationToCloseRatio',
  'pipelineValue',
  'averageCycleDays',
  'portalLogins',
  'trainingCompletion',
  'marketingParticipation',
  'supportTickets',
] as const;
export type GoalKpi = (typeof GOAL_KPIS)[number];

export interface Goal {
  kpi: GoalKpi;
  target: number;
  /** `at_least` (default) or `at_most` (e.g. support tickets, cycle days). */
  direction: 'at_least' | 'at_most';
}

export type PlanStatus = 'open' | 'met' | 'missed';

export interface GoalResult extends Goal {
  actual: number | null;
  met: boolean;
}

export interface PlanEvent {
  at: string;
  action: 'opened' | 'met' | 'missed';
  actor: { role: string; id: string };
  detail?: string;
}

export interface ImprovementPlan {
  id: string;
  dealerId: string;
  status: PlanStatus;
  goals: Goal[];
  /** The plan's goals are measured over the months from `startMonth` to the deadline's month. */
  startMonth: string;
  deadline: string;
  note?: string;
  createdAt: string;
  createdBy: { role: string; id: string };
  evaluatedAt?: string;
  results?: GoalResult[];
  /** Set when the plan was missed: what the program proposes next. An admin decides (PUT /dealers status). */
  proposal?: 'phase_out';
  history: PlanEvent[];
}

export function newPlan(args: {
  id: string;
  dealerId: string;
  goals: { kpi: GoalKpi; target: number; direction?: 'at_least' | 'at_most' | undefined }[];
  deadline: string;
  note?: string | undefined;
  actor: { role: string; id: string };
  now: Date;
}): ImprovementPlan {
  const today = args.now.toISOString().slice(0, 10);
  if (args.deadline <= today) throw new InvalidInput([{ path: '/deadline', message: 'must be after today' }]);
  const at = args.now.toISOString();
  return {
    id: args.id,
    dealerId: args.dealerId,
    status: 'open',
    goals: args.goals.map((g) => ({ kpi: g.kpi, target: g.target, direction: g.direction ?? 'at_least' })),
    startMonth: today.slice(0, 7),
    deadline: args.deadline,
    ...(args.note ? { note: args.note } : {}),
    createdAt: at,
    createdBy: args.actor,
    history: [{ at, action: 'opened', actor: args.actor, detail: `${args.goals.length} goals, deadline ${args.deadline}` }],
  };
}

/** The number a goal compares: money KPIs by amount. */
export function goalValue(kpis: Kpis, kpi: GoalKpi): number | null {
  const value = kpis[kpi];
  if (value === null) return null;
  return typeof value === 'number' ? value : value.amount;
}

export const isDue = (plan: ImprovementPlan, now: Date) => plan.status === 'open' && now.toISOString().slice(0, 10) > plan.deadline;

/** Judges a plan at its deadline: met when every goal is; a missed plan proposes phase-out. */
export function evaluatePlan(plan: ImprovementPlan, kpis: Kpis, now: Date, actor: { role: string; id: string }): ImprovementPlan {
  const results = plan.goals.map((goal): GoalResult => {
    const actual = goalValue(kpis, goal.kpi);
    const met = actual !== null && (goal.direction === 'at_most' ? actual <= goal.target : actual >= goal.target);
    return { ...goal, actual, met };
  });
  const met = results.every((r) => r.met);
  const at = now.toISOString();
  const missedGoals = results
    .filter((r) => !r.met)
    .map((r) => `${r.kpi} ${r.actual ?? 'n/a'} (target ${r.direction === 'at_most' ? '≤' : '≥'} ${r.target})`);
  return {
    ...plan,
    status: met ? 'met' : 'missed',
    evaluatedAt: at,
    results,
    ...(met ? {} : { proposal: 'phase_out' as const }),
    history: [
      ...plan.history,
      {
        at,
        action: met ? 'met' : 'missed',
        actor,
        detail: met ? 'Every goal met' : `Missed: ${missedGoals.join('; ')}. Phase-out proposed.`,
      },
    ],
  };
}
