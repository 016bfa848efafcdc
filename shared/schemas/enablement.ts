/** Enablement (SPEC §8): tier price lists, sales assets and the support contact. */
import * as z from 'zod';
import { CalendarDate, CurrencyCode, ListQuery, Money, Slug, text } from './common.js';
import { FileId } from './files.js';

export const TierName = z.enum(['gold', 'silver', 'bronze']);
const percent = z.number('must be a percentage').min(0, 'must be at least 0').max(100, 'must be at most 100');

/** At most this many SKUs in one price list: one item of the table stays well under DynamoDB’s 400 KB. */
export const MAX_PRICE_LIST_ITEMS = 2000;

export const TierDiscounts = z.strictObject({ gold: percent, silver: percent, bronze: percent });

export const PriceListInput = z
  .strictObject({
    currency: CurrencyCode,
    validFrom: CalendarDate,
    validTo: CalendarDate.optional().describe('The last day the list is valid; open-ended without.'),
    tierDiscountPercent: TierDiscounts.optional().describe(
      'Discount off the list price per tier; without it, the program’s base margins per tier (tiers.margins.base).',
    ),
    items: z
      .array(z.strictObject({ sku: Slug, listPrice: Money }))
      .min(1, 'must list at least one item')
      .max(MAX_PRICE_LIST_ITEMS, `must list at most ${MAX_PRICE_LIST_ITEMS} items`),
  })
  .superRefine((list, ctx) => {
    if (list.validTo && list.validTo < list.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
    const seen = new Set<string>();
    list.items.forEach((item, index) => {
      if (item.listPrice.currency !== list.currency)
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'listPrice', 'currency'],
          message: `must be the list's currency ${list.currency}`,
        });
      if (seen.has(item.sku)) ctx.addIssue({ code: 'custom', path: ['items', index, 'sku'], message: 'is listed twice' });
      seen.add(item.sku);
    });
  });
export type PriceListInput = z.infer<typeof PriceListInput>;

export const PriceList = z.object({
  id: z.string(),
  currency: z.string(),
  validFrom: z.string(),
  validTo: z.string().optional(),
  tierDiscountPercent: TierDiscounts,
  items: z.array(z.object({ sku: z.string(), listPrice: Money })),
  updatedAt: z.string(),
});
export type PriceList = z.infer<typeof PriceList>;
/** A price list in a list of them: without its items. */
export const PriceListSummary = PriceList.omit({ items: true }).extend({ itemCount: z.number().int() });

export const TierPriceQuery = z.strictObject({
  date: CalendarDate.optional().describe('The day the prices are valid on; default today (UTC).'),
  currency: CurrencyCode.optional().describe('Default: the program’s reporting currency.'),
  format: z.enum(['json', 'csv']).default('json'),
  tier: TierName.optional().describe('Managers, finance and channel admins name the tier; a dealer gets its own.'),
});

export const TierPriceList = z.object({
  priceListId: z.string(),
  currency: z.string(),
  tier: TierName,
  validFrom: z.string(),
  validTo: z.string().optional(),
  items: z.array(z.object({ sku: z.string(), name: z.string(), listPrice: Money, discountPercent: z.number(), netPrice: Money })),
});
export type TierPriceList = z.infer<typeof TierPriceList>;

export const AssetKind = z.enum(['presentation', 'datasheet', 'image', 'video', 'other']);
export const AssetLanguage = z.enum(['en', 'de', 'nl']);

export const AssetInput = z.strictObject({
  title: text(200),
  kind: AssetKind,
  fileId: FileId.describe('A confirmed upload of purpose `asset` (POST /files).'),
  minimumTier: TierName.default('bronze'),
  skus: z
    .array(Slug)
    .max(50)
    .refine((s) => new Set(s).size === s.length, 'must not list a SKU twice')
    .optional()
    .describe('The products the asset is about; it shows only to dealers who may see all of them.'),
  productLines: z.array(Slug).max(20).optional(),
  language: AssetLanguage.optional(),
});

export type AssetInput = z.infer<typeof AssetInput>;

export const Asset = z.object({
  id: z.string(),
  title: z.string(),
  kind: AssetKind,
  fileId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  minimumTier: TierName,
  skus: z.array(z.string()).optional(),
  productLines: z.array(z.string()).optional(),
  language: AssetLanguage.optional(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof Asset>;

export const AssetQuery = ListQuery.extend({
  sku: Slug.optional(),
  productLine: Slug.optional(),
  language: AssetLanguage.optional(),
});

export const AssetDownload = z.object({
  url: z.url().describe('A presigned GET of the file, valid 5 minutes.'),
  expiresAt: z.string(),
});

export const SupportContact = z.object({
  tier: TierName,
  kind: z.enum(['dedicated_partner_manager', 'shared_partner_manager', 'self_service']),
  name: z.string().optional(),
  email: z.string(),
  phone: z.string().optional(),
  hours: z.string().optional(),
});
export type SupportContact = z.infer<typeof SupportContact>;
