/** Dates, money and numbers in the reader's language (Intl), from the API's formats. */
const DAY_MS = 86_400_000;

export const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

export function formatMoney(money: { amount: number; currency: string }, locale: string, options: { compact?: boolean } = {}) {
  const value = money.amount / 10 ** minorDigits(money.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  }).format(value);
}

/** Major units (what a person types) to the API's minor units. */
export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** A calendar date `YYYY-MM-DD` or an instant, as a date in UTC (the API's calendar). */
export function formatDate(value: string, locale: string) {
  const date = value.length === 10 ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(value: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}) {
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatPercent(value: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

export function formatMonth(month: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** Whole days from now until an instant, rounded up (a protection ending later today has 1 day left). */
export function daysUntil(instant: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((new Date(instant).getTime() - now) / DAY_MS));
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);
