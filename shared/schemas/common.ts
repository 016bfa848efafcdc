import { domainToASCII } from 'node:url';
import * as z from 'zod';

// A missing field says so, whatever its type.
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** ISO 3166-1 alpha-2, officially assigned codes. */
const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM ' +
    'FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT ' +
    'JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN ' +
    'MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT ' +
    'PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL ' +
    'TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));

// Control characters, and invisible format characters (zero-width spaces and joiners) that make blank-looking text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/;
const LINE_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/;

/** A single-line human text: trimmed, not blank, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !LINE_CONTROL_CHARACTERS.test(s), 'must not contain control characters');

/** A multi-line human text: like `text`, but line breaks and tabs are allowed. */
export const longText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters');

/** A multi-line text from an HTML form field: may be left empty, otherwise filtered like `longText`. */
export const formText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters');

/** Ids chosen by channel admins (regions, dealers, SKUs, rules): safe inside keys and URLs. */
export const Slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, dots, dashes or underscores');

/** Ids the system generates for registrations. */
export const RegistrationId = z.string().regex(/^reg_[0-9A-Za-z]{20,32}$/, 'is not a registration id');
/** The path parameters of a registration's routes. */
export const RegistrationParams = z.strictObject({ id: RegistrationId });

export const CountryCode = z
  .string()
  .refine((c) => COUNTRY_CODES.has(c), 'must be an ISO 3166-1 alpha-2 country code in upper case, such as DE');

export const CurrencyCode = z.string().refine((c) => CURRENCY_CODES.has(c), 'must be an ISO 4217 currency code in upper case, such as EUR');

/** The address with its domain in ASCII (punycode), as mail systems need it; an ASCII address stays as it is. */
function withAsciiDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || /^[\x00-\x7F]*$/.test(domain)) return address;
  const ascii = domainToASCII(domain);
  return ascii ? `${address.slice(0, at)}@${ascii}` : address;
}

/** An e-mail address; an international domain (anna@müller.de) is stored in punycode (anna@xn--mller-kva.de). */
export const Email = z
  .string('must be an email address')
  .max(254, 'must be at most 254 characters')
  .transform(withAsciiDomain)
  .pipe(z.email('must be an email address').max(254, 'must be at most 254 characters'));

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d);
  }, 'must be a date that exists');

export const Instant = z.iso.datetime();

/** Money in integer minor units (cents); amounts up to 10^13 minor units. */
export const Money = z.strictObject({
  amount: z
    .number('must be an integer number of minor units')
    .int('must be an integer number of minor units')
    .min(0, 'must not be negative')
    .max(10_000_000_000_000, 'is too large'),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

export const Stage = z.enum(['early', 'mid', 'late']);
export type Stage = z.infer<typeof Stage>;

export const Segment = z.enum(['smb', 'midmarket', 'enterprise']);

export const ListQuery = z.strictObject({
  limit: z.coerce
    .number('must be a number from 1 to 100')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(25),
  cursor: z.string().max(2048, 'is too long').optional(),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });
