/**
 * Community posts as callers see them. The stored author (dealer, user) never leaves this module: a caller gets
 * the kind of author, the company only when the author chose to show it, and `you` computed for that caller alone.
 * Search words: what a question is found by. Pure: no clock, no AWS.
 */
import type { Caller } from './caller.js';

export interface StoredAuthor {
  kind: 'dealer' | 'manufacturer';
  /** The author's dealer (dealer posts) — for `you` only, never shown. */
  dealerId?: string | undefined;
  /** The author's user (subject) — for `you` on staff posts and the rate limit, never shown. */
  userId: string;
  /** Set only when the author chose to show its company. */
  company?: string | undefined;
}

export interface AuthorView {
  kind: 'dealer' | 'manufacturer';
  company?: string;
  you: boolean;
}

export function authorAs(caller: Caller, author: StoredAuthor): AuthorView {
  const you =
    author.kind === 'dealer'
      ? caller.role === 'dealer' && caller.dealerId === author.dealerId
      : caller.role !== 'dealer' && caller.subject === author.userId;
  return { kind: author.kind, ...(author.company !== undefined ? { company: author.company } : {}), you };
}

export const authorOf = (caller: Caller, showCompany: boolean, dealerName: string | undefined): StoredAuthor =>
  caller.role === 'dealer'
    ? { kind: 'dealer', dealerId: caller.dealerId, userId: caller.subject, ...(showCompany && dealerName ? { company: dealerName } : {}) }
    : { kind: 'manufacturer', userId: caller.subject };

/** Hidden posts are for channel admins only. */
export const seesHidden = (caller: Caller) => caller.role === 'channel_admin';

/** A question is indexed under at most this many words (each an index item in the question's transaction). */
export const MAX_INDEXED_WORDS = 60;
const MIN_WORD = 2;
const MAX_WORD = 40;
const STOP_WORDS = new Set(
  (
    'the and for are but not you all any can had her was one our out has how its may who did get why' +
    ' der die das und ist ein eine mit von den dem zu im auf für nicht sich des wie' +
    ' het een van en de dat is op te voor met zijn niet aan er'
  ).split(' '),
);

/** Lower case, accents dropped, letters and digits only: "Müller's CNC-Fräse" → müller → muller, s, cnc, frase. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= MIN_WORD && w.length <= MAX_WORD && !STOP_WORDS.has(w));
}

/** The distinct words a question is indexed under: title words first, then the body's, at most MAX_INDEXED_WORDS. */
export function indexWords(title: string, body: string): string[] {
  return [...new Set([...wordsOf(title), ...wordsOf(body)])].slice(0, MAX_INDEXED_WORDS);
}

/** The words of a search; each must be indexed for a question to match. */
export const searchWords = (q: string) => [...new Set(wordsOf(q))];
