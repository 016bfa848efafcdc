/**
 * The schedules: each becomes an EventBridge rule and a Lambda function in the CDK stack, and runs in-process on
 * the local stack (`npm run job -- <name>` runs one once).
 */
import type { JobName } from '../jobs/scheduled-jobs.js';

export interface ScheduleDefinition {
  name: JobName;
  entry: string;
  handler: string;
  /** An EventBridge schedule expression. */
  schedule: string;
  /** How often the local stack fires it. */
  localEveryMs: number;
  description: string;
}

export const schedules: readonly ScheduleDefinition[] = [
  {
    name: 'reviews',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'reviews',
    schedule: 'rate(15 minutes)',
    localEveryMs: 60_000,
    description: 'Review SLA: reminders after the review target, escalations after the limit',
  },
  {
    name: 'protections',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'protections',
    schedule: 'rate(15 minutes)',
    localEveryMs: 60_000,
    description: 'Expiry warnings and expiry of protections',
  },
  {
    name: 'outbox',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'outbox',
    schedule: 'rate(1 minute)',
    localEveryMs: 10_000,
    description: 'Retries mails and events whose first delivery failed',
  },
  {
    name: 'webhooks',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'webhooks',
    schedule: 'rate(1 minute)',
    localEveryMs: 30_000,
    description: 'Retries webhook deliveries that are due (exponential backoff for 24 hours)',
  },
  {
    name: 'forecast-snapshot',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'forecastSnapshot',
    schedule: 'cron(0 2 1 * ? *)',
    localEveryMs: 6 * 3_600_000,
    description: 'Keeps what the forecast says about the next 12 months, for the accuracy report',
  },
  {
    name: 'tiers',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'tiers',
    schedule: 'cron(0 3 1 1,4,7,10 ? *)',
    localEveryMs: 6 * 3_600_000,
    description: 'Partner tiers: ranks the network on the four quarters to the last completed one, records changes',
  },
  {
    name: 'improvement-plans',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'improvementPlans',
    schedule: 'cron(0 4 * * ? *)',
    localEveryMs: 6 * 3_600_000,
    description: 'Judges improvement plans the day after their deadline: met, or missed with phase-out proposed',
  },
  {
    name: 'leads',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'leads',
    schedule: 'rate(15 minutes)',
    localEveryMs: 60_000,
    description: 'Lead accept windows: a reminder before one closes, recall and routing on once it has',
  },
  {
    name: 'funds',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'funds',
    schedule: 'cron(15 0 * * ? *)',
    localEveryMs: 3_600_000,
    description: "Co-marketing funds: allocates the quarter's budget to each dealer once, claim reminders, lapses",
  },
  {
    name: 'training',
    entry: 'functions/jobs/scheduled.ts',
    handler: 'training',
    schedule: 'cron(0 5 * * ? *)',
    localEveryMs: 6 * 3_600_000,
    description: 'Certification expiry: mails each dealer once per certification, 30 days before it ends',
  },
];
