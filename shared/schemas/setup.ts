import * as z from 'zod';
import { CountryCode, CurrencyCode, Email, ListQuery, longText, Money, Slug, text } from './common.js';
import { LeadSettings } from './lead-settings.js';

const probability = z.number('must be a number from 0 to 1').min(0, 'must be at least 0').max(1, 'must be at most 1');

const weight = z.number('must be a number from 0 to 100').min(0, 'must not be negative').max(100, 'must be at most 100');
const percent = z.number('must be a percentage').min(0, 'must not be negative').max(100, 'must be at most 100');
const minorUnits = z.number('must be an integer of minor units').int('must be an integer of minor units').min(0).max(10_000_000_000_000);

/**
 * The partner program's tier settings (SPEC §4). Every field has a default, so program bodies written before tiers
 * existed stay valid. Weights are relative (normalised by their sum); minimum revenues are minor units of the
 * reporting currency over the trailing 12 months that a tier evaluation looks at; margins are percentages.
 */
export const TierSettings = z
  .strictObject({
    weights: z
      .strictObject({
        revenue: weight,
        yoyGrowth: weight,
        registrationCompliance: weight,
        trainingCompletion: weight,
        customerSatisfaction: weight,
      })
      .refine((w) => Object.values(w).some((v) => v > 0), 'must give at least one criterion a positive weight')
      .default({ revenue: 35, yoyGrowth: 20, registrationCompliance: 20, trainingCompletion: 15, customerSatisfaction: 10 })
      .describe('Scoring weights of the five criteria, relative to each other.'),
    shares: z
      .strictObject({ gold: probability, silver: probability })
      .refine((s) => s.gold + s.silver <= 1, 'gold and silver together must be at most 1')
      .default({ gold: 0.2, silver: 0.3 })
      .describe('Share of the ranked network that may be Gold, and the next share that may be Silver.'),
    minimumRevenue: z
      .strictObject({ gold: minorUnits, silver: minorUnits })
      .refine((m) => m.gold >= m.silver, 'gold must be at least silver')
      .default({ gold: 100_000_000, silver: 25_000_000 })
      .describe('Revenue a dealer needs for a tier, in minor units of the reporting currency over 12 months.'),
    margins: z
      .strictObject({
        base: z.strictObject({ gold: percent, silver: percent, bronze: percent }),
        registeredUplift: percent.describe('Percentage points added for a registered deal.'),
      })
      .default({ base: { gold: 18, silver: 15, bronze: 12 }, registeredUplift: 3 }),
    points: z
      .strictObject({
        perWonRegistration: z.number().int().min(0).max(1000),
        maxScoreBonus: z.number().min(0).max(100).describe('Tier points count as score points up to this cap.'),
      })
      .default({ perWonRegistration: 1, maxScoreBonus: 10 }),
  })
  // Parsed through the schema, so the nested defaults above apply.
  .prefault({});
export type TierSettings = z.infer<typeof TierSettings>;

/** The open-registration limit when a program sets none. */
export const DEFAULT_MAX_OPEN_REGISTRATIONS = 500;
const openLimit = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100_000, 'must be at most 100000');

const Phone = text(40).refine((p) => /^[+0-9 ()/.-]+$/.test(p), 'must be a phone number: digits, spaces, + ( ) / . -');
export const SupportDesk = z.strictObject({ email: Email, phone: Phone.optional(), hours: text(100).optional() });

export const Program = z
  .strictObject({
    protectionDays: z.number().int().min(1).max(730).default(90),
    extensionMaxDays: z.number().int().min(0).max(365).default(90),
    reviewTargetHours: z.number().int().min(1).max(720).default(24),
    reviewLimitHours: z.number().int().min(1).max(720).default(48),
    expiryWarningDays: z
      .array(z.number().int().min(1).max(365))
      .max(5, 'must list at most 5 warnings')
      .refine((days) => new Set(days).size === days.length, 'must not list a day twice')
      .default([14, 3]),
    autoApproval: z.strictObject({ enabled: z.boolean(), maxValue: Money.optional() }).default({ enabled: false }),
    stageProbabilities: z
      .strictObject({ early: probability, mid: probability, late: probability })
      .default({ early: 0.1, mid: 0.4, late: 0.7 }),
    reportingCurrency: CurrencyCode.default('EUR'),
    fxRates: z.record(CurrencyCode, z.number().positive('must be a positive rate').max(1_000_000)).default({}),
    maxOpenRegistrationsPerDealer: openLimit
      .default(DEFAULT_MAX_OPEN_REGISTRATIONS)
      .describe('Anti-squatting: how many registrations (pending, in conflict or protected) a dealer may hold open at once.'),
    maxOpenRegistrationsByTier: z
      .strictObject({ gold: openLimit.optional(), silver: openLimit.optional(), bronze: openLimit.optional() })
      .optional()
      .describe('Per-tier limits; a tier left out uses maxOpenRegistrationsPerDealer. A dealer never evaluated is bronze.'),
    tiers: TierSettings,
    leads: LeadSettings,
    support: SupportDesk.default({ email: 'partner-support@dealer-channel.example', hours: 'Mon–Fri 08:00–17:00 CET' }).describe(
      'The self-service support address Bronze dealers are given (GET /support).',
    ),
  })
  .superRefine((p, ctx) => {
    if (p.reviewLimitHours < p.reviewTargetHours)
      ctx.addIssue({ code: 'custom', path: ['reviewLimitHours'], message: 'must not be less than reviewTargetHours' });
  });
export type Program = z.infer<typeof Program>;

/** How many open registrations a dealer of `tier` may hold. */
export const maxOpenRegistrations = (program: Program, tier: 'gold' | 'silver' | 'bronze'): number =>
  program.maxOpenRegistrationsByTier?.[tier] ?? program.maxOpenRegistrationsPerDealer ?? DEFAULT_MAX_OPEN_REGISTRATIONS;

/** The program until a channel admin sets one: SPEC defaults. */
export const defaultProgram = (): Program => Program.parse({});

/** The tier settings of a program, with defaults for a program stored before tiers existed. */
export const tierSettingsOf = (program: Partial<Pick<Program, 'tiers'>>): TierSettings => TierSettings.parse(program.tiers ?? undefined);

/** The languages the product speaks: mails to a dealer use the dealer's, mails to managers their region's. */
export const LANGUAGES = ['en', 'de', 'nl'] as const;
export const Language = z.enum(LANGUAGES).describe('Language of the mails (default `en`)');
export type Language = z.infer<typeof Language>;
export const languageOf = (party: { language?: Language | undefined }): Language => party.language ?? 'en';

export const RegionInput = z.strictObject({
  name: text(100),
  countries: z
    .array(CountryCode)
    .min(1, 'must list at least one country')
    .max(250)
    .refine((c) => new Set(c).size === c.length, 'must not list a country twice'),
  partnerManagerEmail: Email,
  regionalDirectorEmail: Email,
  language: Language.optional(),
  partnerManagerName: text(100).optional().describe('Shown to the region’s Silver dealers as their support contact.'),
  partnerManagerPhone: Phone.optional(),
});

export const DealerStatus = z.enum(['active', 'improvement_plan', 'phased_out']);
export const DealerInput = z.strictObject({
  name: text(200),
  regionId: Slug,
  email: Email,
  status: DealerStatus,
  language: Language.optional(),
  partnerManager: z
    .strictObject({ name: text(100), email: Email, phone: Phone.optional() })
    .optional()
    .describe('A Gold dealer’s dedicated partner manager; without one, the region’s partner manager.'),
});

/** Who may see a product (SPEC §4): every dealer, Gold dealers only (early access), or nobody any more. */
export const ProductAvailability = z.enum(['published', 'early_access', 'withdrawn']);
export type ProductAvailability = z.infer<typeof ProductAvailability>;

export const ProductSpecs = z
  .record(text(60), text(200))
  .refine((specs) => Object.keys(specs).length <= 50, 'must have at most 50 entries')
  .describe('Technical data by name, e.g. { "Spindle speed": "12,000 rpm" }.');

export const ProductInput = z.strictObject({
  name: text(200),
  productLine: Slug,
  description: longText(4000).optional(),
  specs: ProductSpecs.optional(),
  availability: ProductAvailability.default('published').describe(
    '`published`: every dealer; `early_access`: Gold dealers only; `withdrawn`: no dealer (kept for old registrations).',
  ),
});

/** What SES reported about a manager's address since the region was last saved: a hard bounce, or a complaint. */
export const MailIssue = z.object({
  kind: z.enum(['bounced', 'complained']),
  at: z.string(),
  detail: z.string().optional(),
});
export type MailIssue = z.infer<typeof MailIssue>;

export const Region = RegionInput.extend({
  id: z.string(),
  updatedAt: z.string(),
  partnerManagerMailIssue: MailIssue.optional().describe(
    'Set when mail to partnerManagerEmail bounced or drew a complaint; saving the region clears it.',
  ),
  regionalDirectorMailIssue: MailIssue.optional().describe(
    'Set when mail to regionalDirectorEmail bounced or drew a complaint; saving the region clears it.',
  ),
});
export const Dealer = DealerInput.extend({ id: z.string(), updatedAt: z.string() });
export const Product = ProductInput.extend({
  sku: z.string(),
  updatedAt: z.string(),
  // Products stored before availability existed have none: they are published.
  availability: ProductAvailability.optional(),
});
export type Region = z.infer<typeof Region>;
export type Dealer = z.infer<typeof Dealer>;
export type Product = z.infer<typeof Product>;

/** The dealer list managers and channel admins browse: one region or all the caller may see, searched by name or id. */
export const DealerDirectoryQuery = ListQuery.extend({
  regionId: Slug.optional().describe('Only this region’s dealers (a manager: one of its own regions).'),
  q: text(100).optional().describe('Part of the dealer’s name or id, in any case.'),
});
export const DealerDirectoryEntry = Dealer.extend({
  tier: z.enum(['gold', 'silver', 'bronze']).describe('The current tier (bronze until the first evaluation).'),
});
export type DealerDirectoryEntry = z.infer<typeof DealerDirectoryEntry>;

/** A product as dealers see it in the catalogue: what they register deals for, nothing of the admin's bookkeeping. */
export const CatalogProduct = z.object({
  sku: z.string(),
  name: z.string(),
  productLine: z.string(),
  description: z.string().optional(),
  availability: ProductAvailability,
});
/** One product of the catalogue with its technical data. */
export const CatalogProductDetail = CatalogProduct.extend({ specs: z.record(z.string(), z.string()).optional() });
