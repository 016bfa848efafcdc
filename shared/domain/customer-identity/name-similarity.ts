/**
 * Whether two name keys (see name-key.ts) are equal or near-identical. Keys are at most MAX_NAME_KEY_LENGTH
 * characters, and every comparison cuts its input to that length, so one comparison costs at most 120² steps.
 */
import { MAX_NAME_KEY_LENGTH } from './name-key.js';

/**
 * Minimum similarity (1 − OSA edit distance / length, on the word-sorted keys) for two names that are not equal:
 * at most one edit per ten characters. On the tuning part of test/fixtures/customer-pairs*, precision and recall are
 * flat from 0.70 to 0.90 (the word-level guards in `namesNearlyEqual` do most of the work); 0.90 is the strictest
 * value on that plateau; from 0.94 real typos are lost.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.9;

/** Shorter names (joined, without spaces) must match exactly: one letter is a different company (Alpha/Alfa). */
export const MIN_FUZZY_NAME_LENGTH = 8;

/** Words shorter than this tolerate only swapped letters: Meier/Meyer and Jansen/Janssen are different people. */
const MIN_TYPO_WORD_LENGTH = 8;

const bounded = (key: string): string => key.slice(0, MAX_NAME_KEY_LENGTH);

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions, each costing one. */
export function editDistance(a: string, b: string): number {
  [a, b] = [bounded(a), bounded(b)];
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** 1 for equal strings, falling towards 0 with each edit relative to the longer string. */
export function nameSimilarity(a: string, b: string): number {
  const length = Math.max(bounded(a).length, bounded(b).length);
  return length === 0 ? 1 : 1 - editDistance(a, b) / length;
}

const sortedWords = (key: string): string[] => key.split(' ').filter(Boolean).sort();
const digitsOf = (key: string): string => key.replace(/\D/g, '');

/** Two adjacent letters swapped: the one typo that rarely turns a name into another real name. */
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  if (diffs.length !== 2) return false;
  const [i, j] = diffs as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/**
 * Masculine and feminine forms of one Slavic surname (Kowalski/Kowalska, Novotný/Novotná): different people,
 * so not a typo of each other.
 */
function genderedForms(a: string, b: string): boolean {
  if (a.length !== b.length || a.slice(0, -1) !== b.slice(0, -1)) return false;
  const endings = [a.at(-1), b.at(-1)].sort().join('');
  return endings === 'ai' || endings === 'ay';
}

/** Can word `b` be a typo of word `a`? Long words allow one edit per 8 letters, short words only a swap. */
function isTypo(a: string, b: string): boolean {
  if (a === b) return true;
  if (genderedForms(a, b)) return false;
  const length = Math.min(a.length, b.length);
  if (length < MIN_TYPO_WORD_LENGTH) return isSwap(a, b);
  return editDistance(a, b) <= Math.floor(length / MIN_TYPO_WORD_LENGTH);
}

/** Do the words pair up one-to-one as equal or typo, in the written order or sorted? */
function wordsPairUp(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((word, i) => isTypo(word, b[i]!));
}

/**
 * Names equal after normalisation, up to spaces or word order; or near-identical: not short, same numbers, the
 * same number of words each equal or a plausible typo, and similar enough overall.
 */
export function namesNearlyEqual(keyA: string, keyB: string): boolean {
  [keyA, keyB] = [bounded(keyA), bounded(keyB)];
  const [joinedA, joinedB] = [keyA.replaceAll(' ', ''), keyB.replaceAll(' ', '')];
  const [sortedA, sortedB] = [sortedWords(keyA), sortedWords(keyB)];
  if (joinedA === joinedB || sortedA.join(' ') === sortedB.join(' ')) return true;
  if (Math.min(joinedA.length, joinedB.length) < MIN_FUZZY_NAME_LENGTH) return false;
  if (digitsOf(keyA) !== digitsOf(keyB)) return false;
  const pairUp = wordsPairUp(keyA.split(' '), keyB.split(' ')) || wordsPairUp(sortedA, sortedB);
  return pairUp && nameSimilarity(sortedA.join(' '), sortedB.join(' ')) >= NAME_SIMILARITY_THRESHOLD;
}
