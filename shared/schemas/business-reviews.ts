/** Quarterly business reviews (SPEC §8): the review pack of a dealer and quarter, and holding the review. */
import * as z from 'zod';
import { CalendarDate, Instant, Money, Slug, text } from './common.js';
import { ImprovementPlan, KpiSet, Tier } from './partner-program.js';

/** The pack compares with the quarter a year earlier, whose own growth looks a year further back. */
const FIRST_YEAR = 2002;
const LAST_YEAR = 2199;

export const Quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'must be a quarter YYYY-Qn')
  .refine((q) => !/^\d{4}/.test(q) || (Number(q.slice(0, 4)) >= FIRST_YEAR && Number(q.slice(0, 4)) <= LAST_YEAR), {
    message: `must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`,
  });

export const BusinessReviewParams = z.strictObject({ dealerId: Slug, quarter: Quarter });

export const CommitmentInput = z.strictObject({
  text: text(500).describe('What is agreed'),
  owner: text(200).describe('Who delivers it: a person or a side ("dealer", "partner manager", a name)'),
  due: CalendarDate,
});

export const CommitmentState = z.enum(['open', 'overdue', 'done', 'not_done']);

export const HoldBusinessReviewInput = z.strictObject({
  heldOn: CalendarDate.describe('The day the review took place: in the quarter or after it, never in the future'),
  commitments: z.array(CommitmentInput).max(30, 'must list at most 30 commitments').describe('What both sides agree for the next quarter'),
  previousCommitments: z
    .array(z.strictObject({ index: z.number().int().min(0).max(29), state: z.enum(['done', 'not_done']) }))
    .max(30)
    .optional()
    .describe("How the last review's commitments ended, by their index in that review; the rest keep their state by due date"),
  attendees: z.array(text(200)).max(20).optional(),
});

const KpiComparison = z.object({
  current: KpiSet,
  previousQuarter: KpiSet.describe('The quarter before'),
  yearEarlier: KpiSet.describe('The same quarter a year earlier'),
});

const Protection = z.object({
  registrationId: z.string(),
  customer: z.string(),
  expectedValue: Money,
  protectedUntil: Instant,
});

export const ReviewPack = z
  .object({
    quarters: z.object({ current: z.string(), previousQuarter: z.string(), yearEarlier: z.string() }),
    kpis: KpiComparison,
    tier: z.object({
      tier: Tier,
      score: z.number().nullable(),
      gapToNextTier: z.object({ tier: z.enum(['gold', 'silver']), score: z.number(), revenue: Money }).nullable(),
    }),
    pipeline: z.object({
      openRegistrations: z.number().int(),
      value: Money.describe('Expected value of the open registrations (submitted, in conflict, approved), in the reporting currency'),
      byStage: z.array(z.object({ stage: z.enum(['early', 'mid', 'late', 'none']), count: z.number().int(), value: Money })),
    }),
    protections: z.object({
      active: z.number().int(),
      endingWithin30Days: z.number().int(),
      items: z.array(Protection).describe('Active protections, soonest ending first (at most 50)'),
    }),
    improvementPlan: ImprovementPlan.nullable().describe('The open plan, else the latest one; null when there never was one'),
    previousReview: z
      .object({
        quarter: z.string(),
        heldOn: CalendarDate,
        commitments: z.array(CommitmentInput.extend({ index: z.number().int(), state: CommitmentState })),
      })
      .nullable()
      .describe("The last review held before this quarter, its commitments and their state (as of the pack's time)"),
  })
  .describe('The review pack');

export const BusinessReview = z.object({
  dealerId: z.string(),
  dealerName: z.string(),
  quarter: z.string(),
  state: z.enum(['draft', 'held']).describe('draft: computed now from live data; held: the pack frozen when the review was held'),
  asOf: Instant.describe('When the pack was computed'),
  pack: ReviewPack,
  held: z
    .object({
      heldOn: CalendarDate,
      heldAt: Instant,
      heldBy: z.object({ role: z.string(), id: z.string() }),
      commitments: z.array(CommitmentInput),
      attendees: z.array(z.string()).optional(),
    })
    .optional(),
});

export type HoldBusinessReviewInput = z.infer<typeof HoldBusinessReviewInput>;
export type ReviewPack = z.infer<typeof ReviewPack>;
export type BusinessReview = z.infer<typeof BusinessReview>;
