/** Schemas of co-marketing funds (SPEC §8): budgets, allocations, requests, claims, payouts and the ledger. */
import * as z from 'zod';
import { LEDGER_KINDS } from '../domain/fund-ledger.js';
import { FUND_PERIOD } from '../domain/funds.js';
import { CalendarDate, Instant, ListQuery, longText, Money, Slug, text } from './common.js';
import { FileId } from './files.js';
import { Tier } from './partner-program.js';

export const FundPeriod = z.string().regex(FUND_PERIOD, 'must be a quarter YYYY-Qn, such as 2027-Q1');
export const FundPeriodParams = z.strictObject({ period: FundPeriod });

export const FundRequestId = z.string().regex(/^fr_[0-9A-Za-z]{20,32}$/, 'is not a fund request id');
export const FundClaimId = z.string().regex(/^fc_[0-9A-Za-z]{20,32}$/, 'is not a fund claim id');
export const FundRequestParams = z.strictObject({ id: FundRequestId });
export const FundClaimParams = z.strictObject({ id: FundClaimId });

const percent = (what: string) => z.number(`must be a percentage of ${what}`).min(0, 'must be at least 0').max(100, 'must be at most 100');

const budgetTerms = {
  costSharePercent: percent('the activity cost')
    .min(1, 'must be at least 1')
    .default(50)
    .describe('The most of an activity cost a request may ask for, in percent.'),
  claimDays: z
    .number('must be a number of days')
    .int('must be a whole number of days')
    .min(0, 'must be at least 0')
    .max(365, 'must be at most 365')
    .default(60)
    .describe('Days after the activity ends within which it is claimed.'),
};

export const BudgetInput = z.union(
  [
    z.strictObject({
      byTier: z.strictObject({ gold: Money, silver: Money, bronze: Money }).describe('Fixed allocation per tier.'),
      ...budgetTerms,
    }),
    z.strictObject({
      accrualPercent: percent("the dealer's registered won revenue of the previous quarter")
        .positive('must be more than 0')
        .describe("Allocation: this percentage of the dealer's registered won revenue in the previous quarter."),
      ...budgetTerms,
    }),
  ],
  { error: 'must have byTier (fixed amounts) or accrualPercent' },
);
export type BudgetInput = z.infer<typeof BudgetInput>;

export const Budget = z.object({
  period: z.string(),
  byTier: z.object({ gold: Money, silver: Money, bronze: Money }).optional(),
  accrualPercent: z.number().optional(),
  currency: z.string(),
  costSharePercent: z.number(),
  claimDays: z.number().int(),
  updatedAt: Instant,
  openedAt: Instant.optional().describe('When the funds schedule first allocated this period.'),
});

export const FundsQuery = z.strictObject({
  period: FundPeriod.optional().describe('Default: the current quarter.'),
  dealerId: Slug.optional().describe('Whose allocation (manufacturer roles; a dealer reads its own).'),
});

export const AllocationBasis = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), tier: Tier }),
  z.object({ kind: z.literal('accrual'), tier: Tier, percent: z.number(), wonRevenue: Money, fromPeriod: z.string() }),
]);

export const Funds = z.object({
  dealerId: z.string(),
  period: z.string(),
  tier: Tier,
  basis: AllocationBasis,
  costSharePercent: z.number(),
  claimDays: z.number().int(),
  allocation: Money,
  requested: Money.describe('Asked for by requests awaiting a decision.'),
  approved: Money.describe('Held by approved requests (claimed or not), and approved claims.'),
  claimed: Money.describe('Claimed, in review or approved.'),
  approvedClaims: Money,
  paid: Money,
  available: Money.describe('Allocation not held by an approval.'),
  allocatedAt: Instant,
});

export const FundRequestInput = z.strictObject({
  activity: text(120).describe('What the activity is, e.g. "Booth at the EMO trade fair".'),
  description: longText(4000),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  cost: Money.describe('The whole cost of the activity.'),
  requested: Money.describe("The share asked for, up to the program's cost share of the cost."),
});
export type FundRequestInput = z.infer<typeof FundRequestInput>;

export const FUND_REQUEST_STATUSES = ['submitted', 'approved', 'rejected', 'claimed', 'claim_approved', 'paid', 'lapsed'] as const;
export const FundRequestStatus = z.enum(FUND_REQUEST_STATUSES);
export type FundRequestStatus = z.infer<typeof FundRequestStatus>;

export const FUND_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export const FundClaimStatus = z.enum(FUND_CLAIM_STATUSES);
export type FundClaimStatus = z.infer<typeof FundClaimStatus>;

export const FundClaimSummary = z.object({
  id: z.string(),
  status: FundClaimStatus,
  amount: Money,
  submittedAt: Instant,
});

export const FundRequest = z.object({
  id: z.string(),
  dealerId: z.string(),
  regionId: z.string(),
  period: z.string(),
  status: FundRequestStatus,
  activity: z.string(),
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  cost: Money,
  requested: Money,
  approved: Money.optional(),
  claimDeadline: z.string().describe('The last day a claim is accepted.'),
  submittedAt: Instant,
  decidedAt: Instant.optional(),
  decidedBy: z.string().optional(),
  decisionReason: z.string().optional(),
  claim: FundClaimSummary.optional().describe('The latest claim.'),
  lapsedAt: Instant.optional(),
  remindersSent: z.array(z.number().int()).optional(),
  version: z.number().int(),
});
export type FundRequest = z.infer<typeof FundRequest>;

export const FundRequestListQuery = ListQuery.extend({ status: FundRequestStatus.optional() });

export const FundRequestDecision = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({
      decision: z.literal('approve'),
      approved: Money.optional().describe('Default: the amount requested; at most that.'),
      reason: text(1000).optional(),
    }),
    z.strictObject({ decision: z.literal('reject'), reason: text(1000) }),
  ],
  { error: 'must be "approve" or "reject"' },
);
export type FundRequestDecision = z.infer<typeof FundRequestDecision>;

export const FundClaimInput = z.strictObject({
  amount: Money.describe('At most the approved amount.'),
  proof: z
    .array(FileId, 'must be a list of file ids')
    .min(1, 'must name at least one file: the invoice and evidence of the activity')
    .max(10, 'must name at most 10 files')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a file twice')
    .describe('Files uploaded with purpose "proof": the invoice and evidence of performance.'),
  note: longText(2000).optional(),
});
export type FundClaimInput = z.infer<typeof FundClaimInput>;

export const FundClaim = z.object({
  id: z.string(),
  requestId: z.string(),
  dealerId: z.string(),
  regionId: z.string(),
  period: z.string(),
  activity: z.string(),
  status: FundClaimStatus,
  amount: Money,
  approvedRequest: Money,
  proof: z.array(z.string()),
  note: z.string().optional(),
  submittedAt: Instant,
  decidedAt: Instant.optional(),
  decidedBy: z.string().optional(),
  decisionReason: z.string().optional(),
  paidOn: z.string().optional(),
  paymentReference: z.string().optional(),
  paidAt: Instant.optional(),
  version: z.number().int(),
});
export type FundClaim = z.infer<typeof FundClaim>;

export const ProofDownload = z.object({
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  url: z.url().describe('A presigned GET of the file, valid 5 minutes.'),
  expiresAt: Instant,
});

export const FundClaimListQuery = ListQuery.extend({
  status: FundClaimStatus.default('approved'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const FundClaimDecision = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({ decision: z.literal('approve'), reason: text(1000).optional() }),
    z.strictObject({ decision: z.literal('reject'), reason: text(1000) }),
  ],
  { error: 'must be "approve" or "reject"' },
);
export type FundClaimDecision = z.infer<typeof FundClaimDecision>;

export const FundClaimPayment = z.strictObject({
  paidOn: CalendarDate,
  reference: text(64).describe("The payment's reference in finance's system, e.g. the bank transfer id."),
});

export const LedgerQuery = z.strictObject({
  dealerId: Slug,
  period: FundPeriod,
  at: Instant.optional().describe('Rebuild the balances as they were at this instant (default: now).'),
});

const Balances = z.object({
  allocated: Money,
  requested: Money,
  approved: Money,
  claimed: Money,
  approvedClaims: Money,
  paid: Money,
  available: Money,
});

export const LedgerEntry = z.object({
  id: z.string(),
  at: Instant,
  kind: z.enum(LEDGER_KINDS),
  deltas: z.record(z.string(), z.number().int()).describe('Change of each balance, in minor units.'),
  requestId: z.string().optional(),
  claimId: z.string().optional(),
  actor: z.object({ role: z.string(), id: z.string() }),
});

export const LedgerReport = z.object({
  dealerId: z.string(),
  period: z.string(),
  at: Instant,
  currency: z.string(),
  balances: Balances.describe('Rebuilt from the entries up to `at`.'),
  entries: z.array(LedgerEntry).describe('Every entry up to `at`, oldest first.'),
});
