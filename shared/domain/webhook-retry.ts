/**
 * When a failed webhook delivery is tried again: exponential backoff from one minute, doubling up to four hours
 * between attempts, for at least 24 hours after the event; the attempt that fails after that gives up. That is
 * 14 attempts for a receiver that is down the whole day (after 1, 2, 4 … 128 minutes, then every 4 hours).
 */
export const RETRY_FOR_MS = 24 * 3_600_000;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 4 * 3_600_000;

/** The next attempt after `failedAttempts` failures, or undefined once the delivery has been tried for 24 hours. */
export function nextAttemptAt(createdAt: Date, failedAttempts: number, now: Date): Date | undefined {
  if (now.getTime() - createdAt.getTime() >= RETRY_FOR_MS) return undefined;
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
  return new Date(now.getTime() + delay);
}
