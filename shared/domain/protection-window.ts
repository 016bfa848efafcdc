const DAY_MS = 86_400_000;

/** When a protection granted at `from` for `days` days ends. */
export function protectedUntil(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString();
}

/** Today's date in UTC, `YYYY-MM-DD`. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
