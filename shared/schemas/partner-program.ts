/** The partner program's API contract: bulk KPI inputs, the scorecard, tier history and improvement plans. */
import * as z from 'zod';
import { GOAL_KPIS } from '../domain/performance.js';
import { CalendarDate, CurrencyCode, Instant, longText, Money, Slug } from './common.js';

/**
 * The years a KPI month or a scorecard period may name: the same span as the forecast's months. Bounded so that
 * the year before a period and the quarters around it stay four-digit years (no year 0 or 10000).
 */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2199;
// Only judges labels that start with a year: the format check names anything else.
const inYears = (label: string) =>
  !/^\d{4}/.test(label) || (Number(label.slice(0, 4)) >= FIRST_YEAR && Number(label.slice(0, 4)) <= LAST_YEAR);
const YEARS_MESSAGE = `must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`;

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine(inYears, YEARS_MESSAGE);

/** A type error that says "is required" when the field is missing, like the rest of the API. */
const typeError = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message),
});

const count = (what: string) =>
  z
    .number(typeError(`must be a whole number of ${what}`))
    .int(`must be a whole number of ${what}`)
    .min(0, 'must not be negative')
    .max(10_000_000);

// ── Bulk inputs: one row schema per kind; JSON `{ items: [rows] }` or CSV with these columns ────────────────────

const rowBase = { dealerId: Slug, month: Month };

export const RevenueRow = z.strictObject({
  ...rowBase,
  productLine: Slug,
  amount: z
    .number(typeError('must be an integer of minor units'))
    .int('must be an integer of minor units')
    .min(0, 'must not be negative')
    .max(10_000_000_000_000),
  currency: CurrencyCode,
});
export const TrainingRow = z.strictObject({
  ...rowBase,
  userId: z.string().regex(/^[^\s,;]{1,128}$/, 'must be 1-128 characters without spaces, commas or semicolons'),
  moduleId: Slug,
  completed: z.boolean(typeError('must be true or false')),
});
export const MarketingRow = z.strictObject({
  ...rowBase,
  campaignId: Slug,
  participated: z.boolean(typeError('must be true or false')),
});
export const SupportRow = z.strictObject({ ...rowBase, tickets: count('tickets') });
export const SatisfactionRow = z.strictObject({
  ...rowBase,
  responses: count('responses'),
  score: z.number(typeError('must be a number from 0 to 100')).min(0, 'must be at least 0').max(100, 'must be at most 100'),
});

export const INPUT_KINDS = {
  revenue: {
    row: RevenueRow,
    /** The fields that together may appear once per upload. */
    unique: ['dealerId', 'month', 'productLine'],
    numbers: ['amount'],
    booleans: [],
    summary: 'ERP revenue per dealer, month and product line (minor units); replaces each posted dealer-month',
  },
  training: {
    row: TrainingRow,
    unique: ['dealerId', 'month', 'userId', 'moduleId'],
    numbers: [],
    booleans: ['completed'],
    summary: "Training modules assigned to each dealer user and whether completed: a month's snapshot per dealer",
  },
  marketing: {
    row: MarketingRow,
    unique: ['dealerId', 'month', 'campaignId'],
    numbers: [],
    booleans: ['participated'],
    summary: 'Marketing campaigns offered to each dealer in a month and whether it took part',
  },
  support: {
    row: SupportRow,
    unique: ['dealerId', 'month'],
    numbers: ['tickets'],
    booleans: [],
    summary: 'Support tickets each dealer opened in a month',
  },
  satisfaction: {
    row: SatisfactionRow,
    unique: ['dealerId', 'month'],
    numbers: ['responses', 'score'],
    booleans: [],
    summary: "Customer-satisfaction survey results of each dealer's customers in a month (score 0-100)",
  },
} as const;
export type InputKind = keyof typeof INPUT_KINDS;

/** Most rows one upload may carry (a year of monthly revenue for 500 dealers in 4 product lines is 24,000). */
export const MAX_INPUT_ROWS = 50_000;

export const inputBody = <T extends z.ZodType>(row: T) =>
  z.strictObject({ items: z.array(row).min(1, 'must hold at least one row').max(MAX_INPUT_ROWS) });

export const InputResult = z.object({
  kind: z.string(),
  rows: z.number().int().describe('Rows received and validated.'),
  written: z.number().int().describe('Dealer-months stored; each replaced whatever the same dealer-month of this kind held.'),
  dealerMonths: z.array(z.object({ dealerId: z.string(), month: z.string() })),
});

// ── Scorecard ────────────────────────────────────────────────────────────────────────────────────────────────────

export const Tier = z.enum(['gold', 'silver', 'bronze']);

export const ScorecardQuery = z.strictObject({
  period: z
    .string()
    .regex(/^\d{4}(-Q[1-4])?$/, 'must be a quarter YYYY-Qn or a year YYYY')
    .refine(inYears, YEARS_MESSAGE)
    .optional()
    .describe('A quarter (2026-Q2) or a calendar year (2026); without it, the current quarter to date.'),
});

const ratio = (description: string) => z.number().min(0).max(1).nullable().describe(description);

export const KpiSet = z
  .object({
    revenue: Money.describe("ERP revenue of the period's months, in the reporting currency (uploaded per dealer and month)."),
    yoyGrowth: z
      .number()
      .nullable()
      .describe('(revenue − revenue of the same months a year earlier) ÷ the latter, e.g. 0.12 for +12 %; null without earlier revenue.'),
    productMix: z
      .array(z.object({ productLine: z.string(), amount: z.number().int(), share: z.number().min(0).max(1) }))
      .describe("Revenue per product line (reporting-currency minor units) and its share of the period's revenue, largest first."),
    averageDealSize: Money.nullable().describe(
      'Mean actual value of the registered deals won (reported closed) in the period; null when none was won.',
    ),
    registeredDeals: z.number().int().describe('Registrations the dealer submitted in the period, whatever became of them.'),
    registrationToCloseRatio: ratio(
      'won ÷ (won + lost + expired) of the registrations that ran their course in the period (close reported, or protection ended); null when none did.',
    ),
    pipelineValue: Money.describe(
      'Expected value of the dealer’s open registrations (submitted, in conflict or approved, as of now) whose expected close date falls in the period.',
    ),
    averageCycleDays: z
      .number()
      .nullable()
      .describe('Mean days from submission to the reported close of the registrations won or lost in the period; null when none.'),
    portalLogins: z
      .number()
      .int()
      .describe('User-days in the period on which one of the dealer’s users made at least one authenticated API request.'),
    trainingCompletion: ratio("Completed ÷ assigned training modules of the dealer's users, in the period's latest training snapshot."),
    marketingParticipation: ratio(
      'Campaigns the dealer took part in ÷ campaigns offered to it in the period (each campaign once); each co-marketing activity whose claim was approved counts as one it took part in.',
    ),
    supportTickets: z.number().int().describe('Support tickets the dealer opened in the period.'),
  })
  .describe('The KPIs of the period. Money is in minor units of the program’s reporting currency.');

const CriterionScores = z.object({
  revenue: z.number(),
  yoyGrowth: z.number(),
  registrationCompliance: z.number(),
  trainingCompletion: z.number(),
  customerSatisfaction: z.number(),
});

export const Scorecard = z.object({
  dealerId: z.string(),
  period: z.string(),
  tier: Tier.describe('The tier of the latest evaluation for a quarter up to the end of the period (bronze before any).'),
  score: z.number().nullable().describe('That evaluation’s score: weighted criteria 0-100 plus tier points (capped); null before any.'),
  tierEvaluation: z
    .object({
      quarter: z.string().describe('The last quarter of the four-quarter window the evaluation scored.'),
      evaluatedAt: Instant,
      position: z.number().int(),
      networkSize: z.number().int(),
      criteria: CriterionScores.describe('Each scoring criterion 0-100 (see README: Partner program).'),
      tierPointsBonus: z.number(),
      limitedBy: z.literal('minimum_revenue').optional(),
    })
    .nullable(),
  gapToNextTier: z
    .object({
      tier: z.enum(['gold', 'silver']),
      score: z.number().describe('Score points missing to rank into that tier (0 when the rank already does).'),
      revenue: Money.describe('Revenue over four quarters missing to that tier’s minimum.'),
    })
    .nullable()
    .describe('What separates the dealer from the next tier at its latest evaluation; null for Gold or before any.'),
  kpis: KpiSet,
  customerSatisfaction: z.number().nullable().describe('Response-weighted mean survey score 0-100 in the period (a scoring criterion).'),
  registrationCompliance: z
    .number()
    .nullable()
    .describe('Registered won value ÷ ERP revenue in the period, at most 1 (a scoring criterion).'),
  diagnosis: z
    .array(
      z.object({
        code: z.enum(['few_registrations', 'few_leads', 'low_training_completion', 'low_registration_to_close', 'shrinking_revenue']),
        detail: z.string(),
        value: z.number(),
        threshold: z.number(),
      }),
    )
    .describe('Performance flags for the period; thresholds in README (Partner program).'),
  leads: z
    .object({
      offered: z.number().int(),
      accepted: z.number().int(),
      converted: z.number().int(),
      medianHoursToAccept: z.number().nullable(),
    })
    .describe(
      'Leads offered to the dealer in the period (by offer date), accepted, converted, and the median hours from offer to acceptance.',
    ),
  status: z.enum(['active', 'improvement_plan', 'phased_out']),
});

export const TierChange = z.object({
  quarter: z.string(),
  at: Instant,
  from: Tier.nullable(),
  to: Tier,
  reasons: z.array(z.string()),
  movedBy: z.array(z.object({ criterion: z.string(), previous: z.number(), current: z.number(), effect: z.number() })),
});

// ── Improvement plans ────────────────────────────────────────────────────────────────────────────────────────────

export const GoalInput = z.strictObject({
  kpi: z.enum(GOAL_KPIS, `must be one of ${GOAL_KPIS.join(', ')}`),
  target: z.number('must be a number').min(-1_000_000_000_000).max(10_000_000_000_000),
  direction: z.enum(['at_least', 'at_most']).optional().describe('Defaults to at_least.'),
});

export const ImprovementPlanInput = z.strictObject({
  goals: z.array(GoalInput).min(1, 'must name at least one goal').max(12, 'must name at most 12 goals'),
  deadline: CalendarDate.describe('The plan is judged the day after; goals are measured from its start month to this date.'),
  note: longText(2000).optional(),
});

export const ImprovementPlan = z.object({
  id: z.string(),
  dealerId: z.string(),
  status: z.enum(['open', 'met', 'missed']),
  goals: z.array(z.object({ kpi: z.string(), target: z.number(), direction: z.enum(['at_least', 'at_most']) })),
  startMonth: z.string(),
  deadline: CalendarDate,
  note: z.string().optional(),
  createdAt: Instant,
  createdBy: z.object({ role: z.string(), id: z.string() }),
  evaluatedAt: Instant.optional(),
  results: z
    .array(z.object({ kpi: z.string(), target: z.number(), direction: z.string(), actual: z.number().nullable(), met: z.boolean() }))
    .optional(),
  proposal: z.literal('phase_out').optional().describe('A missed plan proposes phase-out; a channel admin decides (PUT /dealers).'),
  history: z.array(
    z.object({ at: Instant, action: z.string(), actor: z.object({ role: z.string(), id: z.string() }), detail: z.string().optional() }),
  ),
});

export const DealerParams = z.strictObject({ dealerId: Slug });
