/**
 * Certifications: a completion certifies its module for the module's validity (calendar months; none: for good).
 * A dealer holds a module's certification while any of its users' completions is valid; `trainingCompletion` is the
 * share of the modules required for the dealer's tier that it holds on a day. Pure: no clock, no AWS.
 */
import type { Tier } from './tier-ranking.js';

/** The warning mail goes this many days before a certification ends. */
export const EXPIRY_WARNING_DAYS = 30;

export interface Completion {
  moduleId: string;
  completedOn: string;
  /** The first day it no longer counts; absent: it never expires. */
  expiresOn?: string | undefined;
}

export type CertificationState = 'not_completed' | 'valid' | 'expiring' | 'expired';

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** `date` plus whole calendar months; the 31st of a month without one becomes that month's last day. */
export function addMonths(date: string, months: number): string {
  const d = day(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return iso(target);
}

export const addDays = (date: string, days: number) => iso(new Date(day(date).getTime() + days * 86_400_000));

export const expiresOn = (completedOn: string, validityMonths: number | undefined) =>
  validityMonths === undefined ? undefined : addMonths(completedOn, validityMonths);

/** The day the expiry warning is due. */
export const warningDueOn = (expires: string) => addDays(expires, -EXPIRY_WARNING_DAYS);

export const isValidOn = (c: Pick<Completion, 'completedOn' | 'expiresOn'>, on: string) =>
  c.completedOn <= on && (c.expiresOn === undefined || on < c.expiresOn);

/** The completion that certifies longest among those valid on `on`; else the latest one (expired or future). */
export function bestCompletion<T extends Completion>(completions: T[], on: string): T | undefined {
  const valid = completions.filter((c) => isValidOn(c, on));
  const pool = valid.length > 0 ? valid : completions.filter((c) => c.completedOn <= on);
  return pool.sort(
    (a, b) => (b.expiresOn ?? '9999-12-31').localeCompare(a.expiresOn ?? '9999-12-31') || b.completedOn.localeCompare(a.completedOn),
  )[0];
}

export function certificationState(completion: Completion | undefined, on: string): CertificationState {
  if (!completion) return 'not_completed';
  if (!isValidOn(completion, on)) return 'expired';
  return completion.expiresOn !== undefined && on >= warningDueOn(completion.expiresOn) ? 'expiring' : 'valid';
}

export const isRequiredFor = (module: { requiredFor: readonly Tier[] }, tier: Tier) => module.requiredFor.includes(tier);

/**
 * `trainingCompletion` from records: the share of the modules required for `tier` with a completion valid on `on`;
 * null when no module is required for the tier.
 */
export function certifiedShare(modules: { id: string; requiredFor: readonly Tier[] }[], tier: Tier, completions: Completion[], on: string) {
  const required = modules.filter((m) => isRequiredFor(m, tier));
  if (required.length === 0) return null;
  const held = required.filter((m) => completions.some((c) => c.moduleId === m.id && isValidOn(c, on))).length;
  return Math.round((held / required.length) * 10_000) / 10_000;
}

export interface Quiz {
  passPercent: number;
  questions: { options: string[]; answer: number }[];
}

/** Grades answers (one option index per question, in order); the caller checks that every question is answered. */
export function grade(quiz: Quiz, answers: number[]) {
  const total = quiz.questions.length;
  const correct = quiz.questions.filter((q, i) => answers[i] === q.answer).length;
  const scorePercent = Math.floor((correct / total) * 100);
  return { passed: scorePercent >= quiz.passPercent, scorePercent, correct, total };
}
