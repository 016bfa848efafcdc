/**
 * Schemas of the fields that identify a customer besides its name: web address and tax id. International domain
 * names are accepted (müller.de) and checked in their ASCII (punycode) form, the form matching uses.
 */
import * as z from 'zod';
import { asciiHost } from '../domain/customer-identity/ascii-host.js';
import { readTaxId } from '../domain/customer-identity/tax-id.js';

/** A DNS host name in ASCII: labels of letters, digits and inner dashes, ending in a TLD of letters or xn--. */
const ASCII_HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function isWebAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme && !/^https?$/i.test(scheme)) return false;
  try {
    const url = new URL(scheme ? value : `http://${value}`);
    if (url.username || url.password) return false;
  } catch {
    return false;
  }
  const host = asciiHost(value);
  return host !== undefined && host.length <= 253 && ASCII_HOST.test(host);
}

/** A web address with or without http(s)://, stored as written; IDN hosts allowed. */
export const Website = z
  .string()
  .trim()
  .max(253, 'must be at most 253 characters')
  .refine(isWebAddress, 'must be a web address such as https://example.com');

/**
 * A VAT or national tax id as written: with or without the country prefix or a label (USt-IdNr., EIN, IČO),
 * domestic formats included (FI 2077474-0, HU 12892312-2-41, NO 974 760 673 MVA, US 04-2103594). Checked
 * against the customer's country by `checkCustomerTaxId`.
 */
export const TaxId = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .+*/:#-]{2,39}$/u, 'must be a VAT or tax id: 3-40 letters, digits, spaces, dots, dashes or slashes');

/**
 * A customer's tax id must pass stdnum's check for its country (the prefix's, else the customer's): a wrong check
 * digit or, with a prefix, a wrong length answers 400 at `vatId`. Numbers of a kind no validator here knows are
 * accepted as written; they give no identity key unless prefixed.
 */
export function checkCustomerTaxId(customer: { country?: unknown; vatId?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof customer.vatId !== 'string' || typeof customer.country !== 'string') return;
  const reading = readTaxId(customer.vatId, customer.country);
  if (reading.kind === 'invalid') ctx.addIssue({ code: 'custom', path: ['vatId'], message: reading.message });
}
