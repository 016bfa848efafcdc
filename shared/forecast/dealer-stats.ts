/**
 * What a registration's change adds to a dealer's forecast statistics, kept by `ADD` in the change's own
 * transaction (like the close statistics), never by read-then-write. Pure.
 *
 * - Stage flows: every time a registration leaves a stage — to another stage, or to an end (won, lost, expired,
 *   withdrawn, rejected) — the dealer's counts for that stage move. They give the chance that a deal now at a stage
 *   is eventually won (a chain: early → mid → … → won), which the stage at close cannot: a deal that ends at
 *   `early` is mostly one that died there, while a deal now at `early` may still grow.
 * - Value realism: for each won deal, its actual value ÷ the value registered just before the win.
 * - Timing: for each won deal, whether it closed in or before the month the dealer stated just before, and for
 *   every end, whether the registration had been overdue (stated month passed) when it ended.
 * - Age at the end: per registration month and stage at the end, how many deals ended and were won at each age
 *   (months since registration): how the chance of a deal still open falls as it gets older.
 * - Product line at the end: per dealer and per registration month, ends and wins of each product line: how much
 *   more or less often a line's deals are won than the dealer's others.
 */
import { isOpen } from '../domain/lifecycle.js';
import type { StoredRegistration } from '../domain/registration.js';
import { forecastLineOf } from './contribution.js';

export const FLOW_STAGES = ['none', 'early', 'mid', 'late'] as const;
export type FlowStage = (typeof FLOW_STAGES)[number];

export const stageOf = (r: Pick<StoredRegistration, 'stage'>): FlowStage => (r.stage ?? 'none') as FlowStage;

export const asFlowStage = (stage: string): FlowStage =>
  (FLOW_STAGES as readonly string[]).includes(stage) ? (stage as FlowStage) : 'none';

/**
 * A registration is `near` its close while its stated close month is at most `NEAR_MONTHS` months ahead (or
 * passed): the deals a next-quarter forecast is made of. Such deals still at an early stage are often stale ones,
 * so their flows are also counted apart.
 */
export const NEAR_MONTHS = 3;

const monthIndex = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
export const monthsAhead = (month: string, from: string) => monthIndex(month) - monthIndex(from);
export const isNear = (closeMonth: string, asOfMonth: string) => monthsAhead(closeMonth, asOfMonth) <= NEAR_MONTHS;

/** Counts of registrations that left `stage`: to each other stage, won, or ended otherwise; `far`: pushed out of near. */
export interface StageFlow {
  dealerId: string;
  stage: FlowStage;
  /** Whether the registration was near its close when it left (then also counted in the `near` flows). */
  near: boolean;
  exits: number;
  won: number;
  /** Moves to another stage, by target stage. */
  moves: Partial<Record<FlowStage, number>>;
  /** Near flows only: stated close moved beyond the near months, stage unchanged. */
  far: number;
}

/** A won deal's value realism and timing, and how many ended registrations were overdue when they ended. */
export interface OutcomeStat {
  dealerId: string;
  /** Registrations that ran to an end while approved or pending (not counting rejections). */
  ended: number;
  endedOverdue: number;
  wonOverdue: number;
  wonDeals: number;
  /** Sum over won deals of actual ÷ registered value (same currency only). */
  valueRatioSum: number;
  valueRatioDeals: number;
  /** The product line the registration counted in (contribution.ts). */
  line: string;
}

/** Ends and wins of one product line. */
export interface LineCounts {
  ended: number;
  won: number;
}

/** A dealer's statistics as read back: flows per stage, outcome counts. */
export type FlowCounts = Pick<StageFlow, 'exits' | 'won' | 'moves' | 'far'>;

export interface DealerStats {
  /** All exits per dealer and stage. */
  flows: Map<string, Map<FlowStage, FlowCounts>>;
  /** Exits while near the close, per dealer and stage. */
  nearFlows: Map<string, Map<FlowStage, FlowCounts>>;
  outcomes: Map<string, Omit<OutcomeStat, 'dealerId' | 'line'> & { lines?: Map<string, LineCounts> }>;
}

/** Ends and wins by age in months (index; the last one counts `AGE_MONTHS` and more). */
export interface AgeCounts {
  ended: number[];
  won: number[];
}

/** Ages are counted up to this many months; older ends count in the last one. */
export const AGE_MONTHS = 9;

/** The network's flows of one registration month, with how many of the month's registrations have ended. */
export interface CohortStat {
  created: number;
  ended: number;
  flows: Map<FlowStage, FlowCounts>;
  nearFlows: Map<FlowStage, FlowCounts>;
  /** Ends by the stage they ended at and their age then (cohorts counted since ages were kept). */
  ages?: Map<FlowStage, AgeCounts>;
  /** Ends by product line, not counting rejections (cohorts counted since lines were kept). */
  lines?: Map<string, LineCounts>;
  /** Registrations created since lines were counted: all of them (`created`) once the month is wholly counted. */
  createdWithLines?: number;
}

export type CohortStats = Map<string, CohortStat>;

const month = (isoDateOrTime: string) => isoDateOrTime.slice(0, 7);

export function stageFlowDelta(previous: StoredRegistration | undefined, next: StoredRegistration): StageFlow | undefined {
  if (!previous || !isOpen(previous.status)) return undefined;
  const from = stageOf(previous);
  const near = isNear(month(previous.expectedCloseDate), month(next.updatedAt));
  const base = { dealerId: next.dealerId, stage: from, near, exits: 1, won: 0, moves: {}, far: 0 };
  if (!isOpen(next.status)) return { ...base, won: next.status === 'won' ? 1 : 0 };
  const to = stageOf(next);
  if (to !== from) return { ...base, moves: { [to]: 1 } };
  return near && !isNear(month(next.expectedCloseDate), month(next.updatedAt)) ? { ...base, far: 1 } : undefined;
}

export function outcomeStatDelta(previous: StoredRegistration | undefined, next: StoredRegistration): OutcomeStat | undefined {
  if (!previous || !isOpen(previous.status) || isOpen(next.status) || next.status === 'rejected') return undefined;
  const endedIn = month(next.updatedAt);
  const overdue = month(previous.expectedCloseDate) < endedIn ? 1 : 0;
  const won = next.status === 'won' && next.outcome?.result === 'won';
  const actual = won && next.outcome?.result === 'won' ? next.outcome.actualValue : undefined;
  const comparable = actual !== undefined && actual.currency === previous.expectedValue.currency && previous.expectedValue.amount > 0;
  return {
    dealerId: next.dealerId,
    ended: 1,
    endedOverdue: overdue,
    wonOverdue: won ? overdue : 0,
    wonDeals: won ? 1 : 0,
    valueRatioSum: comparable ? actual.amount / previous.expectedValue.amount : 0,
    valueRatioDeals: comparable ? 1 : 0,
    line: forecastLineOf(previous),
  };
}

/** A registration's end at its stage and age (whole months from the registration month to the end's month). */
export interface AgeStat {
  cohort: string;
  stage: FlowStage;
  age: number;
  won: number;
}

export function ageStatDelta(previous: StoredRegistration | undefined, next: StoredRegistration): AgeStat | undefined {
  if (!previous || !isOpen(previous.status) || isOpen(next.status) || next.status === 'rejected') return undefined;
  const cohort = month(next.submittedAt);
  return {
    cohort,
    stage: stageOf(previous),
    age: Math.min(AGE_MONTHS, Math.max(0, monthsAhead(month(next.updatedAt), cohort))),
    won: next.status === 'won' ? 1 : 0,
  };
}
