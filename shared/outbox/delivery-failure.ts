/**
 * What a failed delivery means for its message: a permanent failure (SES refused this message or its recipient)
 * makes it a dead letter at once, because sending it again can only fail again and costs reputation; anything else
 * (throttling, a 5xx, the network, a paused configuration set an operator will fix) is tried again later, with
 * exponential backoff and jitter so that a throttled burst does not come back as one.
 */

/**
 * SES errors about the message itself: `MessageRejected` (e.g. an unverified recipient in the sandbox, a virus),
 * the MAIL FROM domain not verified, an address SES cannot parse (`InvalidParameterValue`).
 */
export const PERMANENT_MAIL_ERRORS: ReadonlySet<string> = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'MailFromDomainNotVerified',
  'InvalidParameterValue',
  'InvalidParameterValueException',
]);

/** Our own refusal: every recipient of the mail complained before, so it is not sent (see mail-feedback.ts). */
export const SUPPRESSED = 'Suppressed';

export interface DeliveryFailure {
  permanent: boolean;
  /** What an operator reads in the dead-letter list: the error's name and message. */
  reason: string;
}

export function classifyMailError(error: unknown): DeliveryFailure {
  const name = (error as Error)?.name || 'Error';
  const message = (error as Error)?.message;
  const reason = (message && message !== name ? `${name}: ${message}` : name).slice(0, 500);
  return { permanent: PERMANENT_MAIL_ERRORS.has(name) || name === SUPPRESSED, reason };
}

/** First retry after 30 s, doubling up to an hour: 10 attempts span roughly 1.5 to 3 hours. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 3_600_000;

/**
 * The wait before the next attempt after `failedAttempts` failures: the exponential delay, of which a random half
 * is taken off ("equal jitter"), so that messages that failed together spread out but none comes back at once.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const delay = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), RETRY_MAX_MS);
  return Math.round(delay / 2 + (delay / 2) * random());
}
