/**
 * Customer identity for duplicate detection (SPEC §3): a canonical name key, plus the strong keys tax id and
 * registrable web domain, and the rule that decides whether two customers are the same. Pure functions, no I/O.
 * Every key is bounded in length whatever the input, so keys built from them fit DynamoDB's key limits.
 *
 * The parts: name keys (customer-identity/name-key.ts), name similarity (…/name-similarity.ts), tax ids with
 * check digits (…/tax-id.ts, stdnum), registrable domains (…/web-domain.ts, tldts).
 */
import { normaliseName } from './customer-identity/name-key.js';
import { namesNearlyEqual } from './customer-identity/name-similarity.js';
import { normaliseVatId } from './customer-identity/tax-id.js';
import { registrableDomain } from './customer-identity/web-domain.js';

export { asciiHost } from './customer-identity/ascii-host.js';
export { MAX_NAME_INPUT, MAX_NAME_KEY_LENGTH, normaliseName } from './customer-identity/name-key.js';
export {
  editDistance,
  MIN_FUZZY_NAME_LENGTH,
  NAME_SIMILARITY_THRESHOLD,
  nameSimilarity,
  namesNearlyEqual,
} from './customer-identity/name-similarity.js';
export { normaliseVatId, readTaxId, type TaxIdReading } from './customer-identity/tax-id.js';
export { registrableDomain } from './customer-identity/web-domain.js';

export interface CustomerLike {
  name: string;
  country: string;
  vatId?: string | undefined;
  website?: string | undefined;
}

export interface CustomerIdentity {
  country: string;
  nameKey: string;
  vatKey?: string;
  domainKey?: string;
}

/** ISO country code, upper case; UK and EL are accepted for GB and GR. */
function normaliseCountry(country: string): string {
  const code = country.trim().slice(0, 8).toUpperCase();
  return code === 'UK' ? 'GB' : code === 'EL' ? 'GR' : code;
}

export function customerIdentity(customer: CustomerLike): CustomerIdentity {
  const country = normaliseCountry(customer.country);
  const identity: CustomerIdentity = { country, nameKey: normaliseName(customer.name) };
  const vatKey = customer.vatId === undefined ? undefined : normaliseVatId(customer.vatId, country);
  const domainKey = customer.website === undefined ? undefined : registrableDomain(customer.website);
  if (vatKey) identity.vatKey = vatKey;
  if (domainKey) identity.domainKey = domainKey;
  return identity;
}

/**
 * The matching rule on identities. A shared tax id is decisive for, two different ones decisive against, in any
 * country. Otherwise the customers must be in the same country, and then a shared registrable domain is decisive
 * (across countries a shared domain is usually a group site of distinct national companies), else the names decide.
 */
export function sameIdentity(a: CustomerIdentity, b: CustomerIdentity): boolean {
  if (a.vatKey && b.vatKey) return a.vatKey === b.vatKey;
  if (a.country !== b.country) return false;
  if (a.domainKey && a.domainKey === b.domainKey) return true;
  return namesNearlyEqual(a.nameKey, b.nameKey);
}

/** Do `a` and `b` name the same customer? See `sameIdentity`. */
export function sameCustomer(a: CustomerLike, b: CustomerLike): boolean {
  return sameIdentity(customerIdentity(a), customerIdentity(b));
}
