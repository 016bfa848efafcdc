import { type RouteDefinition, routeKey } from '../../shared/api/routes.js';
import type { ScheduleDefinition } from '../../shared/api/schedules.js';
import type { FunctionAccess } from './service-function.js';

/**
 * Review-link routes (`/review/{token}`) whose handler verifies the signed token: all but HEAD, which answers mail
 * scanners' probes without looking at the token.
 */
export const verifiesReviewLink = (route: Pick<RouteDefinition, 'method' | 'path'>): boolean =>
  route.path.startsWith('/review/') && route.method !== 'HEAD';

/**
 * Routes whose use case signs review links: their change enqueues a review prompt whose mail carries a signed link
 * (`reviewLink` in shared/registrations/effects.ts) — a submission prompts the partner manager, and so does an
 * extension request. Every other route that mails (decisions, outcomes, updates) sends notices without links, so it
 * never holds the key. Keep in step with the happenings that call `prompt` there.
 */
export const SIGNS_REVIEW_LINKS: ReadonlySet<string> = new Set(['POST /registrations', 'POST /registrations/{id}/extensions']);

/** Routes that manage accounts in the user pool: inviting a dealer's user (also on approving an application), disabling one. */
export const MANAGES_USERS: ReadonlySet<string> = new Set([
  'POST /partner-applications/{id}/decision',
  'POST /dealers/{dealerId}/users',
  'POST /dealers/{dealerId}/users/{userId}/disable',
]);

/** Jobs that sign review links: the review SLA job's reminders and escalations. */
export const JOBS_SIGNING_REVIEW_LINKS: ReadonlySet<string> = new Set(['reviews']);

/** Jobs that deliver the outbox: the `outbox` sweeper. Every other job only enqueues what it owes. */
export const JOBS_DELIVERING_OUTBOX: ReadonlySet<string> = new Set(['outbox']);

/**
 * The grants of a route's function, derived from the route table. No route delivers mail or events: its changes
 * enqueue them in their transaction and the outbox's stream consumer sends them, so no route holds SES or
 * PutEvents rights.
 */
export const routeAccess = (route: RouteDefinition): FunctionAccess => ({
  table: route.table,
  delivery: false,
  // Review prompts carry signed links; the review page verifies them. Nobody else reads the key.
  reviewSecret: SIGNS_REVIEW_LINKS.has(routeKey(route)) || verifiesReviewLink(route),
  countsLogins: route.auth === 'jwt' && route.roles.includes('dealer'),
  files: route.files ?? [],
  userDirectory: MANAGES_USERS.has(routeKey(route)),
});

/**
 * Scheduled jobs write the table (expiry, escalation, outbox bookkeeping); only the outbox sweeper sends mail and
 * events, and only those that sign review links read the key.
 */
export const jobAccess = (schedule: Pick<ScheduleDefinition, 'name'>): FunctionAccess => ({
  table: 'write',
  delivery: JOBS_DELIVERING_OUTBOX.has(schedule.name),
  reviewSecret: JOBS_SIGNING_REVIEW_LINKS.has(schedule.name),
  countsLogins: false,
  files: [],
});

/** The outbox's stream consumer: sends mail and events, and claims and deletes outbox items. */
export const OUTBOX_STREAM_ACCESS: FunctionAccess = {
  table: 'write',
  delivery: true,
  reviewSecret: false,
  countsLogins: false,
  files: [],
};
