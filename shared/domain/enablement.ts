/**
 * Who sees what of the enablement content (SPEC §4): products by availability, sales assets by minimum tier, and
 * the tier net prices of a price list. Pure rules, no AWS.
 */
import type { Tier } from './tier-ranking.js';

/** Bronze < Silver < Gold. */
export const TIER_RANK: Record<Tier, number> = { bronze: 0, silver: 1, gold: 2 };

export type Availability = 'published' | 'early_access' | 'withdrawn';

/** A dealer sees published products, and early-access ones when Gold; the manufacturer's staff see every product. */
export type Viewer = { tier: Tier } | 'manufacturer';

export function productVisible(product: { availability?: Availability | undefined }, viewer: Viewer): boolean {
  if (viewer === 'manufacturer') return true;
  const availability = product.availability ?? 'published';
  return availability === 'published' || (availability === 'early_access' && viewer.tier === 'gold');
}

/**
 * An asset shows to a dealer of at least its minimum tier, and only when every product it is about is one the
 * dealer may see (an early-access product's datasheet is as hidden as the product).
 */
export function assetVisible(
  asset: { minimumTier?: Tier | undefined; skus?: readonly string[] | undefined },
  viewer: Viewer,
  products: ReadonlyMap<string, { availability?: Availability | undefined }>,
): boolean {
  if (viewer === 'manufacturer') return true;
  if (TIER_RANK[viewer.tier] < TIER_RANK[asset.minimumTier ?? 'bronze']) return false;
  return (asset.skus ?? []).every((sku) => {
    const product = products.get(sku);
    return product !== undefined && productVisible(product, viewer);
  });
}

/** A validity period of a price list: both days included; no end means open-ended. */
export interface Validity {
  validFrom: string;
  validTo?: string | undefined;
}

export const validOn = (validity: Validity, date: string) =>
  validity.validFrom <= date && (validity.validTo === undefined || date <= validity.validTo);

export const overlaps = (a: Validity, b: Validity) =>
  (b.validTo === undefined || a.validFrom <= b.validTo) && (a.validTo === undefined || b.validFrom <= a.validTo);

/** The net price in minor units: the list price less the tier's discount, rounded half up to the minor unit. */
export const netAmount = (listAmount: number, discountPercent: number) => Math.round((listAmount * (100 - discountPercent)) / 100);

/** Whom a dealer calls (SPEC §4): Gold its dedicated partner manager, Silver its region's, Bronze self-service. */
export type SupportKind = 'dedicated_partner_manager' | 'shared_partner_manager' | 'self_service';
export const SUPPORT_KIND: Record<Tier, SupportKind> = {
  gold: 'dedicated_partner_manager',
  silver: 'shared_partner_manager',
  bronze: 'self_service',
};
