/** The `funds` schedule: opens the current period's allocations, then chases claim deadlines. */
import { openPeriod } from './allocations.js';
import { chaseClaimDeadlines } from './claim-deadlines.js';

export async function runFundsSchedule(at: Date) {
  const opened = await openPeriod(at);
  const deadlines = await chaseClaimDeadlines(at);
  return { ...opened, ...deadlines };
}
