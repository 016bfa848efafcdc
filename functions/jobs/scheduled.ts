/** Lambda handlers of the schedules: each runs its job as of the event's time. */
import type { ScheduledEvent } from 'aws-lambda';
import { scheduledJobs, type JobName } from '../../shared/jobs/scheduled-jobs.js';
import { logger } from '../../shared/observability/logger.js';

const run = (name: JobName) => async (event: ScheduledEvent) => {
  const at = event.time ? new Date(event.time) : new Date();
  const report = await scheduledJobs[name](at);
  logger.info(`${name} job done`, { at: at.toISOString(), report });
  return report;
};

export const reviews = run('reviews');
export const protections = run('protections');
export const outbox = run('outbox');
export const forecastSnapshot = run('forecast-snapshot');
export const tiers = run('tiers');
export const improvementPlans = run('improvement-plans');
