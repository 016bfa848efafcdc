/** Leads (SPEC §4, §8): what the manufacturer hands to dealers, how a dealer answers, and what each side sees. */
import * as z from 'zod';
import { CalendarDate, Instant, longText, Money, Slug, Stage, text } from './common.js';
import { Contact, Customer, CustomerInput, ProductLine } from './registration.js';

export const LeadId = z.string().regex(/^lead_[0-9A-Za-z]{20,32}$/, 'is not a lead id');
export const LeadParams = z.strictObject({ id: LeadId });

/** A lead's state. Declined and lapsed are a dealer's answers; the lead itself then moves on (offered or unassigned). */
export const LeadStatus = z.enum(['offered', 'accepted', 'declined', 'lapsed', 'converted', 'unassigned']);
export type LeadStatus = z.infer<typeof LeadStatus>;

const Interest = z.strictObject({
  skus: z.array(Slug).max(50, 'must name at most 50 SKUs').optional(),
  productLines: z.array(Slug).max(20, 'must name at most 20 product lines').optional(),
  note: longText(2000).optional(),
});

export const LeadInput = z.strictObject({
  customer: CustomerInput,
  contact: Contact,
  interest: Interest.default({}),
  source: text(100).describe('Where the lead came from: website, a fair, a campaign.'),
  expectedValue: Money.optional(),
  regionId: Slug.optional().describe("The region whose dealers share the lead; default: the one region that holds the customer's country."),
});
export type LeadInput = z.infer<typeof LeadInput>;

export const LeadListQuery = z.strictObject({ status: LeadStatus.optional() });

export const LeadDecline = z.strictObject({ reason: text(1000) });
export const LeadRouting = z.strictObject({ dealerId: Slug });

/** What a dealer adds when it turns an accepted lead into a registration; customer and contact come from the lead. */
export const LeadConversion = z.strictObject({
  products: z
    .array(ProductLine)
    .min(1, 'must name at least one product')
    .max(50, 'must name at most 50 products')
    .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'must not list a product twice'),
  expectedValue: Money.optional().describe("Defaults to the lead's expected value."),
  expectedCloseDate: CalendarDate,
  stage: Stage.optional(),
  competitors: z.array(text(100)).max(20, 'must name at most 20 competitors').optional(),
  nextSteps: longText(2000).optional(),
});
export type LeadConversion = z.infer<typeof LeadConversion>;

const Exclusion = z.object({
  dealerId: z.string(),
  reason: z.string().describe('declined, lapsed, not active, at capacity, no weight, …'),
});

/** One routing decision, as stored: enough to replay it (`replayRouting`) and to show managers why. */
export const RoutingTrace = z.object({
  round: z.number().int(),
  at: Instant,
  by: z.enum(['rules', 'manual']),
  seed: z.string(),
  rule: z.enum(['named_account', 'territory', 'weighted', 'manual', 'none']),
  ruleId: z.string().optional(),
  ruleMatches: z.array(z.object({ rule: z.enum(['named_account', 'territory']), id: z.string(), dealerId: z.string().optional() })),
  candidates: z.array(
    z.object({
      dealerId: z.string(),
      tier: z.enum(['gold', 'silver', 'bronze']),
      status: z.string(),
      openLeads: z.number(),
      capacity: z.number(),
    }),
  ),
  exclusions: z.array(Exclusion),
  weights: z.array(z.object({ dealerId: z.string(), weight: z.number(), share: z.number() })),
  draw: z.number().optional().describe('The seeded uniform draw in [0, 1) that picked among the weights.'),
  chosen: z.string().optional(),
  outcome: z.enum(['offered', 'unassigned']),
  reason: z.string(),
  settings: z.object({
    capacityByTier: z.object({ gold: z.number(), silver: z.number(), bronze: z.number() }),
    weightByTier: z.object({ gold: z.number(), silver: z.number(), bronze: z.number() }),
  }),
  full: z.array(z.string()).describe('Dealers found full by the capacity counter when offered, so routed around.'),
  actor: z.object({ role: z.string(), id: z.string() }).optional(),
});
export type RoutingTrace = z.infer<typeof RoutingTrace>;

const LeadCustomer = Customer;

/** A lead as the manufacturer side sees it. */
export const Lead = z.object({
  id: z.string(),
  status: LeadStatus,
  regionId: z.string(),
  customer: LeadCustomer,
  contact: Contact,
  interest: Interest,
  source: z.string(),
  expectedValue: Money.optional(),
  offeredTo: z.string().optional(),
  offeredAt: Instant.optional(),
  acceptBy: Instant.optional(),
  acceptedAt: Instant.optional(),
  convertedAt: Instant.optional(),
  registrationId: z.string().optional(),
  answers: z
    .array(z.object({ dealerId: z.string(), answer: z.enum(['declined', 'lapsed']), at: Instant, reason: z.string().optional() }))
    .describe('Dealers that declined the lead or let it lapse: it is never offered to them again.'),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
  routing: z.array(RoutingTrace).optional().describe('Every routing decision, oldest first (on a single lead).'),
});
export type Lead = z.infer<typeof Lead>;

/**
 * A lead as the dealer it was offered to sees it: never where else it went. Contact data only while the lead is the
 * dealer's (offered, accepted, converted); a declined lead keeps only the dealer's own answer.
 */
export const DealerLead = z.object({
  id: z.string(),
  status: z.enum(['offered', 'accepted', 'declined', 'converted']),
  customer: LeadCustomer,
  contact: Lead.shape.contact.optional(),
  interest: Interest,
  source: z.string(),
  expectedValue: Money.optional(),
  offeredAt: Instant,
  acceptBy: Instant.optional(),
  acceptedAt: Instant.optional(),
  declinedAt: Instant.optional(),
  declineReason: z.string().optional(),
  convertedAt: Instant.optional(),
  registrationId: z.string().optional(),
});
export type DealerLead = z.infer<typeof DealerLead>;

/** A lead as either side sees it: the answer of the routes dealers and managers share. */
export const LeadView = z.union([Lead, DealerLead]);

/** The leads area's named types in the API description. */
export const LEAD_COMPONENTS = {
  Lead,
  DealerLead,
  LeadView,
  LeadInput,
  LeadStatus,
  LeadConversion,
  LeadDecline,
  LeadRouting,
  RoutingTrace,
};
