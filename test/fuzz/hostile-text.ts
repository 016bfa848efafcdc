/**
 * Hostile text: the whole of Unicode where a person's input may legitimately carry it (NFKD-expanding characters
 * such as U+FDFA, stacks of combining marks, astral characters, bidi isolates, right-to-left scripts, ligatures that
 * expand when case-folded), and the characters a text field must refuse (controls, zero-width, bidi overrides).
 */
import fc from 'fast-check';

/** Characters that are fine in a name or a note, but stress normalisation, case mapping and length limits. */
export const EXPANDING = [
  '\uFDFA', // ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM: 18 characters after NFKD
  '\uFDFB',
  '\u0390', // GREEK SMALL LETTER IOTA WITH DIALYTIKA AND TONOS: 3 code points when upper-cased
  'ß',
  'ẞ',
  'ﬃ',
  'İ', // two code points when lower-cased
  '㍿',
  '\u2126', // OHM SIGN, NFKC-equal to Ω
  'Å', // ANGSTROM SIGN
];
export const COMBINING = ['\u0301', '\u0308', '\u0327', '\u0323', '\u036F', '\u20DD', '\u1AB0'];
export const ASTRAL = ['😀', '👩‍👩‍👧', '🇩🇪', '𝔘', '𠀋', '𓀀', '\u{10FFFD}', '\u{E0041}'];
/** Bidi isolates are legitimate in mixed-direction text (the embedding and override controls are refused). */
export const BIDI = ['\u2066', '\u2067', '\u2068', '\u2069', '\u061C'];
export const SCRIPTS = [
  'Müller',
  'Ørsted',
  'Łódź',
  'İstanbul',
  'Ελληνικά',
  'Москва',
  'עברית',
  'العربية',
  '中文',
  '日本語',
  'हिन्दी',
  'ไทย',
  '한국어',
];
/** Text a spreadsheet or a template might misread: formula starts, markup, SQL, format strings. */
export const INJECTION = [
  '=1+1',
  '+cmd',
  '-2+3',
  '@SUM(A1)',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as literal text
  '${7*7}',
  '{{7*7}}',
  '%s%n',
  '../..',
];

/** Refused in single-line text: C0/C1 controls, zero-width characters, bidi embeddings and overrides, BOM. */
export const REFUSED = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u200B',
  '\u200D',
  '\u202A',
  '\u202E',
  '\u2060',
  '\uFEFF',
  '\n',
  '\t',
];

const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EXPANDING) },
  { weight: 2, arbitrary: fc.constantFrom(...COMBINING) },
  { weight: 2, arbitrary: fc.constantFrom(...ASTRAL) },
  { weight: 1, arbitrary: fc.constantFrom(...BIDI) },
  { weight: 2, arbitrary: fc.constantFrom(...SCRIPTS) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTION) },
  // Any code point at all (fast-check's full range, astral planes and unassigned ones included).
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', 'a', 'Z', '0', '.', '&', '"', "'", '\\') },
);

/** A short hostile text that starts with a letter, so that it is still a plausible value for a free-text field. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('A', 'é', 'Ж', '中', '😀', '\uFDFA', '='), fc.array(unit, { minLength: 0, maxLength: 12 }))
  .map(([first, rest]) => first + rest.join(''));

/** A unit repeated to exactly `length` UTF-16 code units (zod counts those), for text exactly at a limit. */
export const filler = fc.constantFrom('\uFDFA', 'e\u0301', '😀', 'ﬃ', 'İ', '\u2067א\u2069', 'Ä', 'a\u0308\u0308\u0308');
export function fill(unitText: string, length: number): string {
  let out = '';
  while (out.length + unitText.length <= length) out += unitText;
  return out + 'x'.repeat(length - out.length);
}

/** Text that single-line fields must refuse: a refused character somewhere inside otherwise fine text. */
export const refusedText: fc.Arbitrary<string> = fc
  .tuple(hostileText, fc.constantFrom(...REFUSED), hostileText)
  .map(([a, bad, b]) => `${a}${bad}${b}`);
