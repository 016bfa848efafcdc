import * as z from 'zod';
import { CountryCode, CurrencyCode, Email, Money, Slug, text } from './common.js';

const probability = z.number('must be a number from 0 to 1').min(0, 'must be at least 0').max(1, 'must be at most 1');

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
    autoApproval: z
      .strictObject({ enabled: z.boolean(), maxValue: Money.optional() })
      .default({ enabled: false }),
    stageProbabilities: z
      .strictObject({ early: probability, mid: probability, late: probability })
      .default({ early: 0.1, mid: 0.4, late: 0.7 }),
    reportingCurrency: CurrencyCode.default('EUR'),
    fxRates: z
      .record(CurrencyCode, z.number().positive('must be a positive rate').max(1_000_000))
      .default({}),
    maxOpenRegistrationsPerDealer: z.number().int().min(1).max(100_000).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.reviewLimitHours < p.reviewTargetHours)
      ctx.addIssue({ code: 'custom', path: ['reviewLimitHours'], message: 'must not be less than reviewTargetHours' });
  });
export type Program = z.infer<typeof Program>;

/** The program until a channel admin sets one: SPEC defaults. */
export const defaultProgram = (): Program => Program.parse({});

export const RegionInput = z.strictObject({
  name: text(100),
  countries: z
    .array(CountryCode)
    .min(1, 'must list at least one country')
    .max(250)
    .refine((c) => new Set(c).size === c.length, 'must not list a country twice'),
  partnerManagerEmail: Email,
  regionalDirectorEmail: Email,
});

export const DealerStatus = z.enum(['active', 'improvement_plan', 'phased_out']);
export const DealerInput = z.strictObject({
  name: text(200),
  regionId: Slug,
  email: Email,
  status: DealerStatus,
});

export const ProductInput = z.strictObject({
  name: text(200),
  productLine: Slug,
});

export const Region = RegionInput.extend({ id: z.string(), updatedAt: z.string() });
export const Dealer = DealerInput.extend({ id: z.string(), updatedAt: z.string() });
export const Product = ProductInput.extend({ sku: z.string(), updatedAt: z.string() });
export type Region = z.infer<typeof Region>;
export type Dealer = z.infer<typeof Dealer>;
export type Product = z.infer<typeof Product>;
