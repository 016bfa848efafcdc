/** Onboarding: partner applications, the partner agreement's versions and acceptances, a dealer's users. */
import * as z from 'zod';
import { CalendarDate, CountryCode, Email, Instant, ListQuery, longText, Slug, text } from './common.js';
import { TaxId, Website } from './customer-keys.js';

/** The languages mails and the portal speak. */
export const Language = z.enum(['en', 'de', 'nl']);
export type Language = z.infer<typeof Language>;

// ── Partner applications ─────────────────────────────────────────────────────────────────────────────────────────

export const ApplicationInput = z.strictObject({
  company: z.strictObject({
    name: text(200),
    country: CountryCode,
    city: text(100),
    vatId: TaxId.optional(),
    website: Website.optional(),
  }),
  contact: z.strictObject({ name: text(200), email: Email }),
  message: longText(2000).optional(),
  /** The language of the mails to the applicant. @default "en" */
  language: Language.default('en'),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

/** What the applicant is told: the same whether or not the company is known, so nothing is revealed. */
export const ApplicationReceipt = z.object({ status: z.literal('received'), message: z.string() });

export const ApplicationId = z.string().regex(/^app_[0-9A-Za-z]{20,32}$/, 'is not an application id');
export const ApplicationParams = z.strictObject({ id: ApplicationId });
export const ApplicationStatus = z.enum(['submitted', 'approved', 'declined']);

export const ApplicationDecision = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({
      decision: z.literal('approve'),
      /** The new dealer's id (must not exist yet). */
      dealerId: Slug,
      regionId: Slug,
      /** The dealer's name. @default the company's name */
      dealerName: text(200).optional(),
    }),
    z.strictObject({ decision: z.literal('decline'), reason: text(1000) }),
  ],
  { error: 'must be "approve" (with dealerId and regionId) or "decline" (with a reason)' },
);
export type ApplicationDecision = z.infer<typeof ApplicationDecision>;

export const Application = z.object({
  id: z.string(),
  status: ApplicationStatus,
  company: ApplicationInput.shape.company,
  contact: ApplicationInput.shape.contact,
  message: z.string().optional(),
  language: Language,
  submittedAt: Instant,
  decidedAt: Instant.optional(),
  decidedBy: z.string().optional(),
  declineReason: z.string().optional(),
  dealerId: z.string().optional(),
  regionId: z.string().optional(),
  /** The first user, invited as the dealer's admin when the application was approved. */
  firstUser: z.object({ status: z.enum(['pending', 'invited']), userId: z.string().optional() }).optional(),
});
export type Application = z.infer<typeof Application>;

export const ApplicationListQuery = ListQuery.extend({ status: ApplicationStatus.optional() });

// ── Partner agreement ────────────────────────────────────────────────────────────────────────────────────────────

/** A version's name: `2027-01`, `v3`…; `current` is the path of the version in force. */
export const AgreementVersion = Slug.refine((v) => v !== 'current', 'must not be "current"');
export const AgreementParams = z.strictObject({ version: AgreementVersion });

export const AgreementInput = z.strictObject({
  title: text(200),
  /** Markdown; rendered without raw HTML. */
  body: longText(50_000),
  /** A material version must be accepted by each dealer's admin before the dealer registers further deals. */
  material: z.boolean('must be true or false'),
  /** From this day (UTC) the version is in force; today or later. */
  effectiveFrom: CalendarDate,
});
export type AgreementInput = z.infer<typeof AgreementInput>;

export const Agreement = AgreementInput.extend({ version: z.string(), publishedAt: Instant });
export type Agreement = z.infer<typeof Agreement>;

/** The version in force, and whether the caller's dealer has accepted it (or a later one). */
export const CurrentAgreement = Agreement.extend({
  accepted: z.boolean(),
  acceptedAt: Instant.optional(),
  /** True while this version blocks the dealer's new registrations. */
  blocking: z.boolean(),
});

export const AgreementAcceptance = z.object({
  version: z.string(),
  dealerId: z.string(),
  userId: z.string(),
  email: z.string().optional(),
  acceptedAt: Instant,
});
export type AgreementAcceptance = z.infer<typeof AgreementAcceptance>;

// ── A dealer's users ─────────────────────────────────────────────────────────────────────────────────────────────

export const DealerUserParams = z.strictObject({ dealerId: Slug });
export const DealerUserId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'is not a user id');
export const DealerUserActionParams = z.strictObject({ dealerId: Slug, userId: DealerUserId });

export const DealerUserInput = z.strictObject({
  email: Email,
  name: text(200),
  /** The dealer's admin: manages its users and accepts agreements. @default false */
  admin: z.boolean('must be true or false').default(false),
});
export type DealerUserInput = z.infer<typeof DealerUserInput>;

export const DealerUser = z.object({
  id: z.string(),
  dealerId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'user']),
  status: z.enum(['active', 'disabled']),
  invitedAt: Instant,
  invitedBy: z.string(),
  disabledAt: Instant.optional(),
  disabledBy: z.string().optional(),
});
export type DealerUser = z.infer<typeof DealerUser>;
