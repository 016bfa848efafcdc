import type { Money } from '../schemas/common.js';
import type { Language } from '../schemas/setup.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** The locale a language's numbers and dates are written in. */
const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE', nl: 'nl-NL' };

/** Formatters by locale and options, made once: building an Intl formatter costs more than formatting with it. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

export function formatMoney(money: Money, language: Language = 'en'): string {
  const format = formatter(
    `money:${language}:${money.currency}`,
    () => new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: money.currency }),
  );
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

export const formatDate = (iso: string) => iso.slice(0, 10);

/** A calendar date (`YYYY-MM-DD` or an instant's day) as the recipient reads dates. */
export function formatDay(iso: string, language: Language): string {
  return formatter(`day:${language}`, () => new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' })).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

/** An instant, to the minute, in UTC (the recipient's time zone is not known), as the recipient reads times. */
export function formatInstant(iso: string, language: Language): string {
  const at = formatter(
    `instant:${language}`,
    () => new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  ).format(new Date(iso));
  return `${at} UTC`;
}
