/**
 * Portal logins (partner-program KPI): a dealer user's first authenticated request of a UTC day is counted once,
 * by one conditional write (shared/db/portal-login-repository.ts). A warm function remembers the days it has
 * already counted, so later requests of the same user that day cost nothing. Failures are logged, never raised.
 */
import { portalLogins } from '../db/portal-login-repository.js';
import { logger } from '../observability/logger.js';

const counted = new Set<string>();
const MAX_REMEMBERED = 10_000;

export async function countPortalLogin(dealerId: string, subject: string, now = new Date()): Promise<void> {
  if (!subject) return;
  const key = `${dealerId}#${subject}#${now.toISOString().slice(0, 10)}`;
  if (counted.has(key)) return;
  try {
    await portalLogins.record(dealerId, subject, now);
    if (counted.size >= MAX_REMEMBERED) counted.clear();
    counted.add(key);
  } catch (error) {
    logger.warn('Portal login not counted', { dealerId, error: (error as Error).name });
  }
}
