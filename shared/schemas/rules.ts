import * as z from 'zod';
import { CountryCode, longText, RegistrationId, Segment, Slug, text } from './common.js';
import { checkCustomerTaxId } from './customer-keys.js';
import { Customer } from './registration.js';

export const TerritoryInput = z.strictObject({
  dealerId: Slug,
  country: CountryCode,
  postalPrefixes: z
    .array(z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'must be 1-10 letters or digits'))
    .max(500, 'must list at most 500 prefixes')
    .optional()
    .describe('Without prefixes the whole country belongs to the dealer.'),
});
export const Territory = TerritoryInput.extend({ id: z.string(), updatedAt: z.string() });
export type Territory = z.infer<typeof Territory>;

export const AccountOwner = z.union([z.strictObject({ dealerId: Slug }), z.strictObject({ direct: z.literal(true) })], {
  error: 'must be { "dealerId": "<id>" } or { "direct": true }',
});

export const NamedAccountInput = z.strictObject({
  customer: Customer.pick({ name: true, country: true, vatId: true, website: true }).superRefine(checkCustomerTaxId),
  owner: AccountOwner,
});
export const NamedAccount = NamedAccountInput.extend({ id: z.string(), updatedAt: z.string() });
export type NamedAccount = z.infer<typeof NamedAccount>;

export const DirectRules = z.strictObject({
  segments: z.array(Segment).max(3),
  productLines: z.array(Slug).max(100),
});
export type DirectRules = z.infer<typeof DirectRules>;

export const ConflictResolution = z.strictObject({
  winner: z.union([RegistrationId, z.literal('direct')], { error: 'must be a registration id of this conflict or "direct"' }),
  basis: z.enum(['first_registered', 'relationship', 'customer_choice']),
  note: longText(2000),
});
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const ConflictEscalation = z.strictObject({ note: text(1000).optional() });

export const ConflictId = z.string().regex(/^cf_[0-9A-Za-z]{20,40}$/, 'is not a conflict id');

export const Conflict = z.object({
  id: z.string(),
  state: z.enum(['open', 'resolved']),
  level: z.enum(['partner_manager', 'regional_director', 'customer_choice']),
  owner: z.string().describe("The partner manager of the first registration's region, fixed when the case opened."),
  ownerRegionId: z.string().optional().describe('The region whose partner manager and regional director decide the case.'),
  reason: z.object({ kind: z.enum(['duplicate', 'rule']), detail: z.string() }),
  customer: z.object({ name: z.string(), country: z.string() }),
  productLine: z.string(),
  parties: z.array(
    z.object({
      registrationId: z.string(),
      dealerId: z.string(),
      regionId: z.string(),
      submittedAt: z.string(),
      status: z.string(),
    }),
  ),
  openedAt: z.string(),
  resolution: ConflictResolution.extend({ resolvedAt: z.string(), resolvedBy: z.string() }).optional(),
  history: z.array(z.object({ at: z.string(), action: z.string(), actor: z.string(), detail: z.string().optional() })),
  version: z.number().int(),
});
export type Conflict = z.infer<typeof Conflict>;
