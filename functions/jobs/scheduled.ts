/** Lambda handlers of the schedules: each runs its job as of the event's time. */
import type { ScheduledEvent } from 'aws-lambda';
import { type JobName, scheduledJobs } from '../../shared/jobs/scheduled-jobs.js';
import { logger } from '../../shared/observability/logger.js';
import { countMetric } from '../../shared/observability/metrics.js';

const run = (name: JobName) => async (event: ScheduledEvent) => {
  const at = event.time ? new Date(event.time) : new Date();
  try {
    const report = await scheduledJobs[name](at);
    countMetric('JobRuns', { job: name });
    logger.info(`${name} job done`, { at: at.toISOString(), report });
    return report;
  } catch (error) {
    countMetric('JobFailures', { job: name });
    throw error;
  }
};

export const reviews = run('reviews');
export const protections = run('protections');
export const outbox = run('outbox');
export const webhooks = run('webhooks');
export const forecastSnapshot = run('forecast-snapshot');
export const tiers = run('tiers');
export const improvementPlans = run('improvement-plans');
export const leads = run('leads');
export const funds = run('funds');
export const training = run('training');
