/** Every scheduled job by name: what the schedules in AWS and `npm run job` locally run, as if at `at`. */

import { takeForecastSnapshot } from '../forecast/forecast-service.js';
import { runFundsSchedule } from '../funds/schedule.js';
import { deliverDueWebhooks } from '../integrations/webhook-delivery.js';
import { runLeadSchedule } from '../leads/lead-schedule.js';
import { deliverPending } from '../outbox/outbox.js';
import { judgeDuePlans } from '../partner-program/improvement-plans.js';
import { evaluateTiers } from '../partner-program/tier-evaluation.js';
import { warnExpiringCertifications } from '../training/certification-expiry.js';
import { expireProtections } from './protection-expiry.js';
import { chaseOverdueReviews } from './review-sla.js';

export const scheduledJobs = {
  protections: expireProtections,
  reviews: chaseOverdueReviews,
  outbox: deliverPending,
  webhooks: deliverDueWebhooks,
  'forecast-snapshot': takeForecastSnapshot,
  tiers: evaluateTiers,
  'improvement-plans': judgeDuePlans,
  leads: runLeadSchedule,
  funds: runFundsSchedule,
  training: warnExpiringCertifications,
} satisfies Record<string, (at: Date) => Promise<unknown>>;

export type JobName = keyof typeof scheduledJobs;
