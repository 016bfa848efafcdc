import * as z from 'zod';
import { CalendarDate, CountryCode, Email, formText, Instant, longText, Money, Segment, Slug, Stage, text } from './common.js';
import { checkCustomerTaxId, TaxId, Website } from './customer-keys.js';

export const Customer = z.strictObject({
  name: text(200),
  country: CountryCode,
  city: text(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$/, 'must be a postal code of letters, digits, spaces or dashes')
    .optional(),
  vatId: TaxId.optional(),
  website: Website.optional(),
  segment: Segment.optional(),
  employeeCount: z.number().int('must be a whole number').min(1).max(10_000_000).optional(),
});

/** The customer as a dealer sends it: its tax id checked against its country. */
export const CustomerInput = Customer.superRefine(checkCustomerTaxId);

export const Contact = z.strictObject({
  name: text(200),
  email: Email,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()./-]{4,24}$/, 'must be a phone number such as +49 89 123456')
    .optional(),
  role: text(100).optional(),
});

export const ProductLine = z.strictObject({
  sku: Slug,
  quantity: z.number('must be a number').int('must be a whole number').min(1).max(1_000_000),
});

const Products = z
  .array(ProductLine)
  .min(1, 'must name at least one product')
  .max(50, 'must name at most 50 products')
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.sku)) ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: 'is listed twice' });
      seen.add(line.sku);
    });
  });

const Competitors = z.array(text(100)).max(20, 'must name at most 20 competitors');

/** What a dealer sends to register an opportunity. */
export const RegistrationInput = z.strictObject({
  customer: CustomerInput,
  contact: Contact,
  products: Products,
  expectedValue: Money,
  expectedCloseDate: CalendarDate,
  stage: Stage.optional(),
  competitors: Competitors.optional(),
  nextSteps: longText(2000).optional(),
});
export type RegistrationInput = z.infer<typeof RegistrationInput>;

/** What a dealer may change while the deal is open; the customer's identity is fixed at submission. */
export const RegistrationUpdate = z
  .strictObject({
    contact: Contact.optional(),
    products: Products.optional(),
    expectedValue: Money.optional(),
    expectedCloseDate: CalendarDate.optional(),
    stage: Stage.optional(),
    competitors: Competitors.optional(),
    nextSteps: longText(2000).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, 'must change at least one field');
export type RegistrationUpdate = z.infer<typeof RegistrationUpdate>;

export const Outcome = z.discriminatedUnion(
  'result',
  [
    z.strictObject({
      result: z.literal('won'),
      actualValue: Money.optional().describe('Defaults to the expected value.'),
      closedOn: CalendarDate,
    }),
    z.strictObject({
      result: z.literal('lost'),
      closedOn: CalendarDate,
      lostReason: text(500),
      competitor: text(100).optional(),
    }),
  ],
  { error: 'must be "won" or "lost"' },
);
export type Outcome = z.infer<typeof Outcome>;

export const Decision = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({ decision: z.literal('approve'), reason: text(1000).optional() }),
    z.strictObject({ decision: z.literal('reject'), reason: text(1000) }),
  ],
  { error: 'must be "approve" or "reject"' },
);
export type Decision = z.infer<typeof Decision>;

export const ExtensionRequest = z.strictObject({
  days: z
    .number('must be a number of days')
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365'),
  reason: text(1000),
});
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

/** The review page's form: the decision comes from the button pressed, never from a default. */
export const ReviewFormDecision = z.strictObject({
  decision: z.enum(['approve', 'reject'], 'choose approve or reject'),
  reason: formText(1000).optional(),
});

export const RegistrationStatus = z.enum(['submitted', 'in_conflict', 'approved', 'rejected', 'expired', 'won', 'lost', 'withdrawn']);

export const RegistrationListQuery = z.strictObject({
  status: RegistrationStatus.optional(),
  q: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(100, 'must be at most 100 characters')
    .optional()
    .describe(
      "Only registrations whose customer name contains this text (case and accents ignored); searches the caller's own registrations only.",
    ),
});

/** A registration as the API returns it. */
export const Registration = z.object({
  id: z.string(),
  dealerId: z.string(),
  status: RegistrationStatus,
  customer: Customer,
  contact: Contact,
  products: z.array(ProductLine),
  expectedValue: Money,
  expectedCloseDate: CalendarDate,
  stage: Stage.optional(),
  competitors: z.array(z.string()).optional(),
  nextSteps: z.string().optional(),
  submittedAt: Instant,
  decidedAt: Instant.optional(),
  decisionReason: z.string().optional(),
  protectedUntil: Instant.optional(),
  extension: z
    .object({
      status: z.enum(['requested', 'approved', 'rejected']),
      days: z.number().int(),
      reason: z.string(),
      decidedAt: Instant.optional(),
    })
    .optional(),
  outcome: z
    .object({
      result: z.enum(['won', 'lost']),
      actualValue: Money.optional(),
      closedOn: CalendarDate,
      lostReason: z.string().optional(),
      competitor: z.string().optional(),
    })
    .optional(),
  leadId: z.string().optional().describe('The lead this registration was converted from.'),
  earned: z
    .object({
      tier: z.enum(['gold', 'silver', 'bronze']),
      baseMarginPercent: z.number(),
      registeredUpliftPercent: z.number(),
      marginPercent: z.number(),
      tierPoints: z.number().int(),
    })
    .optional()
    .describe(
      "Set when won: the margin (the tier's base plus the registered-deal uplift) and tier points the deal earned at the dealer's tier then.",
    ),
  conflictNotice: z.string().optional().describe('Set while in conflict; never says with whom.'),
  flags: z
    .array(z.object({ rule: z.string(), detail: z.string() }))
    .optional()
    .describe('Rules of engagement or duplicates that fired at submission; shown to the manufacturer side only.'),
  version: z.number().int(),
});

export const HistoryEvent = z.object({
  at: Instant,
  action: z.string(),
  actor: z.object({ role: z.string(), id: z.string() }),
  fromStatus: RegistrationStatus.optional(),
  toStatus: RegistrationStatus.optional(),
  detail: z.string().optional(),
});
