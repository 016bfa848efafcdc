/**
 * The canonical comparison form of a company name. In order:
 *  1. at most MAX_NAME_INPUT characters are read; `any-ascii` turns every letter into ASCII (ü→u, ß→ss, ł→l,
 *     ø→o, æ→ae, ı/İ→i, ș→s, ð→d, þ→th, Cyrillic and Greek transliterated), of which at most MAX_FOLDED_LENGTH
 *     characters are kept, then lower case;
 *  2. qualifiers in parentheses, after a spaced dash, or after a comma when they name a site ("- Werk Hinwil",
 *     "(Eindhoven)", ", Niederlassung Süd") are dropped — unless the name is a public body, whose qualifier tells
 *     it from a namesake ("Gemeente Bergen (NH)"), or the qualifier is itself a legal form ("(publ)");
 *  3. the elided article l' dropped (L'Atelier = Atelier), other apostrophes too (O'Brien = OBrien);
 *     `&`/`+` split off; every other non-alphanumeric is a space;
 *  4. per word: Dutch `ij`→`y`, then `ae`→`a`, `oe`→`o`, `ue`→`u`, `aa`→`a`, and `dj`→`d` (Đ is written Dj or
 *     D). Step 1 turned ü into u, so folding `ue` on both sides makes Müller = Mueller = MULLER (it merges names
 *     that differ exactly by ue/u, Blue/Blu: a rare collision accepted for catching every transliteration).
 *     Two-letter words are not folded (AE, OE);
 *  5. runs of single letters are joined (G m b H → gmbh, J P → jp, z o o → zoo);
 *  6. abbreviations become their word (Gebr. → gebruder, F.lli → fratelli, St./Sankt/Saint → st, Az. Agr. →
 *     azienda agricola, San. Tic. → sanayi ticaret, V.d. → van der);
 *  7. a clear legal form inside the name ends it: what follows is a site or department ("Müller GmbH Werk Süd");
 *  8. legal forms are stripped from the end, repeatedly (GmbH & Co. KG), and from the start (AB, Oy, Société
 *     anonyme, The, Ets). A form is recognised by its joined words, so "Sp. z o.o." and "spzoo" are one form;
 *  9. connectors (&, und, and, et, en, és, și, a, …) are dropped — only now, so "A & B" is not read as AB;
 * 10. the key is cut to MAX_NAME_KEY_LENGTH characters at a word boundary.
 * At least one word always remains.
 */
import anyAscii from 'any-ascii';
import { LEADING_DESIGNATIONS, LEGAL_FORMS, UNAMBIGUOUS_FORMS, WORDS_ALSO_IN_NAMES } from './legal-forms.js';
import { ABBREVIATIONS, CONNECTORS, PUBLIC_BODY_OF, PUBLIC_BODY_WORDS, SITE_WORDS } from './name-vocabulary.js';

/**
 * Characters read from a name. The API allows 200; the cut keeps the work linear and bounded for any caller
 * (one character can transliterate to ~30: U+FDFA).
 */
export const MAX_NAME_INPUT = 256;

/**
 * Longest name key. It is part of lock keys (`LOCK#NAME#…`, a DynamoDB key of at most 2 KB) and of every
 * comparison (edit distance is quadratic), so it is bounded whatever the input. Real company names fold to far
 * less; two names equal in their first 120 folded letters are taken as one customer.
 */
export const MAX_NAME_KEY_LENGTH = 120;

/**
 * Folded characters worked on. Transliteration can multiply the length (U+FDFA becomes 30 letters); names that
 * long are not real names, and cutting here keeps every later step linear in a small bound.
 */
const MAX_FOLDED_LENGTH = 480;

const MAX_FORM_WORDS = 6;

/** Step 1. */
function asciiLower(name: string): string {
  const bounded = [...name.slice(0, MAX_NAME_INPUT * 2)].slice(0, MAX_NAME_INPUT).join('');
  return anyAscii(bounded).slice(0, MAX_FOLDED_LENGTH).toLowerCase();
}

/** Step 4. */
function foldTransliteration(word: string): string {
  const dutch = word.replaceAll('ij', 'y');
  if (dutch.length <= 2) return dutch;
  return dutch.replaceAll('ae', 'a').replaceAll('oe', 'o').replaceAll('ue', 'u').replaceAll('aa', 'a').replaceAll('dj', 'd');
}

/** Step 5: "g m b h" → "gmbh"; single letters in a run are most likely an acronym or a dotted legal form. */
function joinSingleLetters(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const word of words) {
    if (/^[a-z]$/.test(word)) {
      run += word;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(word);
  }
  if (run) out.push(run);
  return out;
}

/** The abbreviation rules by their first word, longer sequences first. */
const ABBREVIATION_RULES = new Map<string, { from: string[]; to: string[] }[]>();
for (const [from, to] of [...ABBREVIATIONS].sort(([a], [b]) => b.length - a.length)) {
  ABBREVIATION_RULES.set(from[0]!, [...(ABBREVIATION_RULES.get(from[0]!) ?? []), { from, to }]);
}

/** Step 6: replace each abbreviation sequence by its words, longest rules first. */
function expandAbbreviations(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const rule = ABBREVIATION_RULES.get(words[i]!)?.find(({ from }) => from.every((w, k) => words[i + k] === w));
    if (rule) {
      out.push(...rule.to);
      i += rule.from.length;
    } else {
      out.push(words[i]!);
      i += 1;
    }
  }
  return out;
}

/** Steps 3–6 on a piece of folded text. */
function wordsOf(text: string): string[] {
  const spaced = text
    .replace(/(^|[^a-z])l['`´](?=[a-z])/g, '$1')
    .replace(/['`´]/g, '')
    .replace(/[&+]/g, ' & ')
    .replace(/[^a-z0-9&]+/g, ' ');
  const words = spaced.split(' ').filter(Boolean).map(foldTransliteration);
  return expandAbbreviations(joinSingleLetters(words));
}

const joinedForm = (form: string): string => wordsOf(asciiLower(form)).join('');
const FORMS = new Set(LEGAL_FORMS.map(joinedForm));
const IN_NAME_WORDS = new Set(WORDS_ALSO_IN_NAMES.map(joinedForm));
const CLEAR_FORMS = new Set([
  ...UNAMBIGUOUS_FORMS.map(joinedForm),
  ...[...FORMS].filter((form) => form.length >= 8 && !IN_NAME_WORDS.has(form)),
]);
const PREFIX_FORMS = new Set([...LEADING_DESIGNATIONS.map(joinedForm), ...[...FORMS].filter((form) => form.length >= 8)]);

/** The number of words from `start` that make up a form of `forms` (the longest), or 0. */
function formAt(words: string[], start: number, forms: Set<string>): number {
  for (let n = Math.min(MAX_FORM_WORDS, words.length - start); n >= 1; n--) {
    if (forms.has(words.slice(start, start + n).join(''))) return n;
  }
  return 0;
}

/** Only legal forms and connectors, such as "(publ)" or "& Co. KG". */
function onlyForms(words: string[]): boolean {
  for (let i = 0; i < words.length; ) {
    if (CONNECTORS.has(words[i]!)) i += 1;
    else {
      const n = formAt(words, i, FORMS);
      if (n === 0) return false;
      i += n;
    }
  }
  return true;
}

function isPublicBody(words: string[]): boolean {
  const [first, second] = words;
  return (
    PUBLIC_BODY_WORDS.has(first ?? '') || PUBLIC_BODY_WORDS.has(words.at(-1) ?? '') || (PUBLIC_BODY_OF.has(first ?? '') && second === 'of')
  );
}

interface Qualifier {
  words: string[];
  bracketed: boolean;
}

/** Step 2: the name's own words and its qualifiers. A comma only separates a site ("…, Werk Süd"). */
function splitQualifiers(text: string): { base: string[]; qualifiers: Qualifier[] } {
  const qualifiers: Qualifier[] = [];
  const unbracketed = text.replace(/[([{]([^)\]}]*)[)\]}]?/g, (_, inner: string) => {
    qualifiers.push({ words: wordsOf(inner), bracketed: true });
    return ' ';
  });
  const [head = '', ...dashed] = unbracketed.split(/\s+[-|]+\s+|\s*-{2,}\s*/);
  const [first = '', ...commaParts] = head.split(',');
  const baseParts = [first];
  for (const part of commaParts) {
    const words = wordsOf(part);
    if (SITE_WORDS.has(words[0] ?? '')) qualifiers.push({ words, bracketed: false });
    else baseParts.push(part);
  }
  for (const part of dashed) qualifiers.push({ words: wordsOf(part), bracketed: false });
  return { base: wordsOf(baseParts.join(' ')), qualifiers };
}

/** Whether `words` has a legal form of `forms` at some position after the first word. */
function hasFormAfterStart(words: string[], forms: Set<string>): boolean {
  return words.some((_, i) => i > 0 && formAt(words, i, forms) > 0);
}

/** Step 2's decision: which qualifiers stay in the name. */
function withKeptQualifiers(base: string[], qualifiers: Qualifier[]): string[] {
  const publicBody = isPublicBody(base);
  const kept = [...base];
  for (const { words, bracketed } of qualifiers) {
    if (words.length === 0) continue;
    const keep = onlyForms(words) || publicBody || (!bracketed && !SITE_WORDS.has(words[0]!) && !hasFormAfterStart(base, FORMS));
    if (keep) kept.push(...words);
  }
  return kept;
}

/** Step 7: a clear form inside the name (or any form before a site word) ends it, unless only forms follow. */
function cutAtInnerForm(words: string[]): string[] {
  if (isPublicBody(words)) return words;
  for (let i = Math.max(1, formAt(words, 0, PREFIX_FORMS)); i < words.length; i++) {
    const clear = formAt(words, i, CLEAR_FORMS);
    const any = clear || formAt(words, i, FORMS);
    if (any === 0) continue;
    const rest = words.slice(i + any);
    // The legal forms that end the name ("Sociedad Limitada Unipersonal"): nothing inside to cut.
    if (onlyForms(rest)) return words;
    if (clear > 0 || SITE_WORDS.has(rest[0]!)) return words.slice(0, i);
  }
  return words;
}

/** How many words at the end form a legal form or a dangling connector (the "&" of "& Co."); 0 if none. */
function suffixFormLength(words: string[]): number {
  if (CONNECTORS.has(words.at(-1) ?? '')) return 1;
  for (let n = Math.min(MAX_FORM_WORDS, words.length - 1); n >= 1; n--) {
    if (FORMS.has(words.slice(-n).join(''))) return n;
  }
  return 0;
}

/** Articles that join a leading form to the name: "Société anonyme des Forges", "Établissements de …". */
const ARTICLES = new Set(['des', 'du', 'de', 'la', 'le', 'les', 'di', 'del', 'della', 'dei', 'degli', 'der']);

/** Step 8: remove forms at the end, then a designation or full form at the start, until none is left. */
function stripLegalForms(words: string[]): string[] {
  let rest = words;
  while (rest.length > 1) {
    const suffix = suffixFormLength(rest);
    if (suffix > 0) {
      rest = rest.slice(0, -suffix);
      continue;
    }
    const prefix = Math.min(formAt(rest, 0, PREFIX_FORMS), rest.length - 1);
    if (prefix > 0) rest = rest.slice(prefix + (ARTICLES.has(rest[prefix]!) && rest.length > prefix + 1 ? 1 : 0));
    else if (CONNECTORS.has(rest[0]!) && rest[0]!.length > 1) rest = rest.slice(1);
    else break;
  }
  return rest;
}

/** Step 9: connectors go; a single-letter one ("a", "y", "e") only between two longer words, else it is an initial. */
function withoutConnectors(words: string[]): string[] {
  const kept = words.filter((word, i) => {
    if (!CONNECTORS.has(word)) return true;
    if (word.length > 1 || word === '&' || word === '+') return false;
    return !(i > 0 && i < words.length - 1 && words[i - 1]!.length > 1 && words[i + 1]!.length > 1);
  });
  return kept.length > 0 ? kept : words;
}

/** Step 10. */
function bounded(key: string): string {
  if (key.length <= MAX_NAME_KEY_LENGTH) return key;
  const cut = key.slice(0, MAX_NAME_KEY_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, MAX_NAME_KEY_LENGTH)).trimEnd();
}

/** The canonical comparison form of a company name: folded words without legal forms, qualifiers and connectors. */
export function normaliseName(name: string): string {
  const { base, qualifiers } = splitQualifiers(asciiLower(name));
  const words = stripLegalForms(cutAtInnerForm(withKeptQualifiers(base, qualifiers)));
  return bounded(withoutConnectors(words).join(' '));
}
