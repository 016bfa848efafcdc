/** When a protection's expiry warnings fall due, and what the expiry job must look at next. */
const DAY_MS = 86_400_000;

export interface ExpiryWarning {
  /** Days before `protectedUntil`. */
  days: number;
  dueAt: string;
  sentAt?: string;
}

/** Warnings for a protection ending at `protectedUntil`; any already past at `now` is not scheduled. */
export function scheduleExpiryWarnings(protectedUntil: string, warningDays: readonly number[], now: Date): ExpiryWarning[] {
  const end = Date.parse(protectedUntil);
  return [...new Set(warningDays)]
    .sort((a, b) => b - a)
    .map((days) => ({ days, dueAt: new Date(end - days * DAY_MS).toISOString() }))
    .filter((w) => Date.parse(w.dueAt) > now.getTime());
}

/** Moves unsent warnings with a protection that now ends at `protectedUntil`; sent ones stay as history. */
export function rescheduleExpiryWarnings(
  warnings: readonly ExpiryWarning[],
  protectedUntil: string,
  warningDays: readonly number[],
  now: Date,
): ExpiryWarning[] {
  const sent = warnings.filter((w) => w.sentAt);
  const fresh = scheduleExpiryWarnings(protectedUntil, warningDays, now);
  return [...sent, ...fresh];
}

/** The earliest moment something is due: an unsent warning, or the expiry itself. */
export function nextDueAt(protectedUntil: string, warnings: readonly ExpiryWarning[] = []): string {
  return [protectedUntil, ...warnings.filter((w) => !w.sentAt).map((w) => w.dueAt)].sort()[0] as string;
}

/** Warnings due at `now` and not yet sent. */
export function dueWarnings(warnings: readonly ExpiryWarning[] = [], now: Date): ExpiryWarning[] {
  return warnings.filter((w) => !w.sentAt && Date.parse(w.dueAt) <= now.getTime());
}
