/**
 * VAT and national tax ids as one canonical key per company, with their check digits verified by `stdnum`.
 *
 * The key is the VIES form: prefix + number (DE136695976, EL094259216, CHE116281710, ATU13585627), also for ids
 * written without the prefix or in a domestic format that carries the same number: the Finnish business id
 * 2077474-0, the Hungarian tax number 12892312-2-41, the Norwegian org number with or without MVA, the French
 * SIREN/SIRET, the Swedish org number, the Swiss UID with MWST/TVA/IVA, the US EIN 04-2103594.
 *
 * Only the validators needed are imported, one module each, so a bundle carries these and not all of stdnum.
 */

import * as at from 'stdnum/lib/cjs/at/uid.js';
import * as be from 'stdnum/lib/cjs/be/vat.js';
import * as bg from 'stdnum/lib/cjs/bg/vat.js';
import * as chUid from 'stdnum/lib/cjs/ch/uid.js';
import * as cy from 'stdnum/lib/cjs/cy/vat.js';
import * as cz from 'stdnum/lib/cjs/cz/dic.js';
import * as de from 'stdnum/lib/cjs/de/vat.js';
import * as dk from 'stdnum/lib/cjs/dk/cvr.js';
import * as ee from 'stdnum/lib/cjs/ee/kmkr.js';
import * as es from 'stdnum/lib/cjs/es/nif.js';
import { InvalidChecksum, InvalidComponent } from 'stdnum/lib/cjs/exceptions.js';
import * as fi from 'stdnum/lib/cjs/fi/alv.js';
import * as frSiren from 'stdnum/lib/cjs/fr/siren.js';
import * as fr from 'stdnum/lib/cjs/fr/tva.js';
import * as gb from 'stdnum/lib/cjs/gb/vat.js';
import * as gr from 'stdnum/lib/cjs/gr/vat.js';
import * as hr from 'stdnum/lib/cjs/hr/oib.js';
import * as hu from 'stdnum/lib/cjs/hu/anum.js';
import * as ie from 'stdnum/lib/cjs/ie/vat.js';
import * as it from 'stdnum/lib/cjs/it/iva.js';
import * as lt from 'stdnum/lib/cjs/lt/pvm.js';
import * as lu from 'stdnum/lib/cjs/lu/tva.js';
import * as lv from 'stdnum/lib/cjs/lv/pvn.js';
import * as mt from 'stdnum/lib/cjs/mt/vat.js';
import * as nl from 'stdnum/lib/cjs/nl/btw.js';
import * as no from 'stdnum/lib/cjs/no/orgnr.js';
import * as pl from 'stdnum/lib/cjs/pl/nip.js';
import * as pt from 'stdnum/lib/cjs/pt/nif.js';
import * as ro from 'stdnum/lib/cjs/ro/cif.js';
import * as se from 'stdnum/lib/cjs/se/orgnr.js';
import * as si from 'stdnum/lib/cjs/si/ddv.js';
import * as sk from 'stdnum/lib/cjs/sk/dph.js';
import * as tr from 'stdnum/lib/cjs/tr/vkn.js';
import type { Validator } from 'stdnum/lib/cjs/types.js';
import * as us from 'stdnum/lib/cjs/us/ein.js';

/** Longer input is not a tax id; cutting it first keeps the work bounded whatever a client sends. */
const MAX_TAX_ID_INPUT = 64;

/** One way of writing a country's company number: the validator, and the VIES key of a valid compact number. */
interface Scheme {
  validator: Validator;
  /** Domestic spellings that carry the number in a longer string (HU 12892312-2-41 → 12892312). */
  extract?: (compact: string) => string;
  key: (compact: string) => string;
}

const v = (module: { default: Validator }): Validator => module.default ?? (module as unknown as Validator);
const prefixed = (prefix: string) => (compact: string) => `${prefix}${compact}`;

/** The French VAT key of a SIREN: FR + (12 + 3 × (SIREN mod 97)) mod 97 + SIREN. */
function frenchVatOfSiren(siren: string): string {
  const check = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(check).padStart(2, '0')}${siren}`;
}

const SCHEMES: Record<string, Scheme[]> = {
  AT: [{ validator: v(at), key: prefixed('AT') }],
  BE: [{ validator: v(be), key: prefixed('BE') }],
  BG: [{ validator: v(bg), key: prefixed('BG') }],
  CH: [{ validator: v(chUid), extract: (c) => `CHE${c.replace(/(MWST|TVA|IVA)$/, '')}`, key: prefixed('CHE') }],
  CY: [{ validator: v(cy), key: prefixed('CY') }],
  CZ: [{ validator: v(cz), key: prefixed('CZ') }],
  DE: [{ validator: v(de), key: prefixed('DE') }],
  DK: [{ validator: v(dk), key: prefixed('DK') }],
  EE: [{ validator: v(ee), key: prefixed('EE') }],
  ES: [{ validator: v(es), key: prefixed('ES') }],
  FI: [{ validator: v(fi), key: prefixed('FI') }],
  FR: [
    { validator: v(fr), key: prefixed('FR') },
    // SIREN, or the SIRET of one establishment, whose first nine digits are the SIREN.
    { validator: v(frSiren), extract: (c) => (/^\d{14}$/.test(c) ? c.slice(0, 9) : c), key: frenchVatOfSiren },
  ],
  GB: [{ validator: v(gb), key: prefixed('GB') }],
  GR: [{ validator: v(gr), key: prefixed('EL') }],
  HR: [{ validator: v(hr), key: prefixed('HR') }],
  HU: [{ validator: v(hu), extract: (c) => (/^\d{11}$/.test(c) ? c.slice(0, 8) : c), key: prefixed('HU') }],
  IE: [{ validator: v(ie), key: prefixed('IE') }],
  IT: [{ validator: v(it), key: prefixed('IT') }],
  LT: [{ validator: v(lt), key: prefixed('LT') }],
  LU: [{ validator: v(lu), key: prefixed('LU') }],
  LV: [{ validator: v(lv), key: prefixed('LV') }],
  MT: [{ validator: v(mt), key: prefixed('MT') }],
  NL: [{ validator: v(nl), key: prefixed('NL') }],
  NO: [{ validator: v(no), extract: (c) => c.replace(/MVA$/, ''), key: prefixed('NO') }],
  PL: [{ validator: v(pl), key: prefixed('PL') }],
  PT: [{ validator: v(pt), key: prefixed('PT') }],
  RO: [{ validator: v(ro), key: prefixed('RO') }],
  // The VAT number is the org number followed by 01.
  SE: [{ validator: v(se), extract: (c) => (/^\d{12}$/.test(c) ? c.slice(0, 10) : c), key: (c) => `SE${c}01` }],
  SI: [{ validator: v(si), key: prefixed('SI') }],
  SK: [{ validator: v(sk), key: prefixed('SK') }],
  TR: [{ validator: v(tr), key: prefixed('TR') }],
  US: [{ validator: v(us), key: prefixed('US') }],
};

/** Prefixes written in front of tax ids, and the country each names (VIES uses EL for Greece, XI for Northern Ireland). */
const PREFIX_COUNTRY: Record<string, string> = {
  ...Object.fromEntries(Object.keys(SCHEMES).map((country) => [country, country])),
  EL: 'GR',
  XI: 'GB',
  CHE: 'CH',
};

/** What a written tax id turned out to be. */
export type TaxIdReading =
  /** A number stdnum knows and whose check digits hold: `key` is canonical. */
  | { kind: 'valid'; key: string; country: string }
  /** Written as this country's number but wrong: a typo the writer should hear about. */
  | { kind: 'invalid'; country: string; message: string }
  /** A format no validator here knows: accepted as written; `key` only when it carries a country prefix. */
  | { kind: 'unknown'; key?: string };

/** The number has the shape of this kind of id but a wrong check digit or an impossible part: a typo. */
const looksRight = (error: Error | undefined): boolean => error instanceof InvalidChecksum || error instanceof InvalidComponent;

/** Labels written in front of the number ("USt-IdNr. DE…", "EIN 04-…", "P.IVA 0…"): not part of it. */
const LABEL =
  /^\s*(ust-?id-?nr|ust-?id|vat(\s*(reg(istration)?)?\s*(no|number|id)?)?|mwst(-?nr)?|tva|btw|iva|p\.?\s*iva|partita\s+iva|nip|i[cč]o|di[cč]|y-?tunnus|org\.?\s*nr|cvr|cif|nif|uid|ein|tin|siren|siret|vkn|kvk)\b[\s.:#-]*/i;

/** Upper case without a label, spaces, dots, dashes, slashes and commas. */
const compactOf = (taxId: string): string =>
  taxId
    .slice(0, MAX_TAX_ID_INPUT)
    .replace(LABEL, '')
    .toUpperCase()
    .replace(/[\s.\-_/,:#]/g, '');

function splitPrefix(compact: string): { prefix?: string; number: string } {
  for (const prefix of [compact.slice(0, 3), compact.slice(0, 2)]) {
    if (PREFIX_COUNTRY[prefix] && /^[A-Z]+$/.test(prefix)) return { prefix, number: compact.slice(prefix.length) };
  }
  return { number: compact };
}

/**
 * Reads a tax id written for a customer in `country` (ISO code). A prefix in the id wins over the country. A
 * wrong check digit (or an impossible part, such as an unassigned EIN prefix) is `invalid` whether or not the
 * prefix was written; a wrong length or format only with a prefix — without one it may be a national number of a
 * kind no validator here knows (a German Steuernummer, a UK company number), so it is `unknown`.
 */
export function readTaxId(taxId: string, country?: string): TaxIdReading {
  const compact = compactOf(taxId);
  const { prefix, number } = splitPrefix(compact);
  const idCountry = prefix ? PREFIX_COUNTRY[prefix]! : country?.toUpperCase() === 'UK' ? 'GB' : country?.toUpperCase();
  const schemes = idCountry ? SCHEMES[idCountry] : undefined;
  const genericKey = prefix && /^[A-Z]{2,3}[A-Z0-9+*]{2,}$/.test(compact) ? genericVatKey(compact) : undefined;
  if (!schemes || !idCountry) return genericKey ? { kind: 'unknown', key: genericKey } : { kind: 'unknown' };

  let failure: { validator: Validator; error: Error } | undefined;
  for (const scheme of schemes) {
    const result = scheme.validator.validate(scheme.extract ? scheme.extract(number) : number);
    if (result.isValid) return { kind: 'valid', key: scheme.key(result.compact.replace(/^[A-Z]{2,3}(?=\d)/, '')), country: idCountry };
    if (!failure || looksRight(result.error)) failure = { validator: scheme.validator, error: result.error };
  }
  if (failure && (prefix || looksRight(failure.error))) {
    const what =
      failure.error instanceof InvalidChecksum
        ? 'its check digit does not match — look for a typo'
        : failure.error instanceof InvalidComponent
          ? 'a part of it cannot occur in such a number — look for a typo'
          : 'it has the wrong length or format';
    return { kind: 'invalid', country: idCountry, message: `is not a valid ${failure.validator.name}: ${what}` };
  }
  return genericKey ? { kind: 'unknown', key: genericKey } : { kind: 'unknown' };
}

/** A prefixed id no validator accepted, compacted as written: Greece as EL, a Swiss UID without MWST/TVA/IVA. */
function genericVatKey(compact: string): string {
  if (compact.startsWith('GR')) return `EL${compact.slice(2)}`;
  if (compact.startsWith('CHE')) return compact.replace(/(MWST|TVA|IVA)$/, '');
  return compact;
}

/**
 * The canonical key of a tax id, if it gives one: the VIES form of a valid number, or the compact prefixed form of
 * one no validator accepted (stored before validation, or a format not known here). Undefined for an unprefixed
 * id that no validator of `country` reads: two such spellings cannot be told to be the same company or not.
 */
export function normaliseVatId(vatId: string, country?: string): string | undefined {
  const reading = readTaxId(vatId, country);
  if (reading.kind === 'valid') return reading.key;
  if (reading.kind === 'unknown') return reading.key;
  const compact = compactOf(vatId);
  return splitPrefix(compact).prefix && /^[A-Z]{2,3}[A-Z0-9+*]{2,}$/.test(compact) ? genericVatKey(compact) : undefined;
}
