import { type RouteDefinition, routeKey } from '../../shared/api/routes.js';
import type { ScheduleDefinition } from '../../shared/api/schedules.js';
import type { FunctionAccess } from './service-function.js';

/**
 * Modules that write configuration or inputs (program, regions, dealers, products, rules, KPI inputs, improvement
 * plans), never mail or events.
 */
const SETUP_ENTRIES = ['functions/setup/', 'functions/rules/', 'functions/partner-program/'] as const;

/**
 * Whether a route's function delivers the transactional outbox (mail through SES, events to the bus) right after
 * its write. Only routes that change registrations or conflicts enqueue mail and events: a route that writes the
 * table, is not a GET or HEAD, and is not channel-admin setup.
 *
 * GET routes never write more than read records (`table: 'record-reads'`) and never decide anything — a GET must
 * not, since mail scanners follow every link (STACK-NOTES) — so they get no mail or event rights.
 */
export const deliversOutbox = (route: Pick<RouteDefinition, 'method' | 'table' | 'entry'>): boolean =>
  route.table === 'write' &&
  route.method !== 'GET' &&
  route.method !== 'HEAD' &&
  !SETUP_ENTRIES.some((prefix) => route.entry.startsWith(prefix));

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

/** Jobs that sign review links: the review SLA job's reminders and escalations. */
export const JOBS_SIGNING_REVIEW_LINKS: ReadonlySet<string> = new Set(['reviews']);

/** The grants of a route's function, derived from the route table. */
export const routeAccess = (route: RouteDefinition): FunctionAccess => {
  const delivery = deliversOutbox(route);
  return {
    table: route.table,
    delivery,
    // Review prompts carry signed links; the review page verifies them. Nobody else reads the key.
    reviewSecret: SIGNS_REVIEW_LINKS.has(routeKey(route)) || verifiesReviewLink(route),
    countsLogins: route.auth === 'jwt' && route.roles.includes('dealer'),
  };
};

/**
 * Scheduled jobs write the table (expiry, escalation, outbox bookkeeping) and send the mail and events they cause;
 * only those that sign review links read the key.
 */
export const jobAccess = (schedule: Pick<ScheduleDefinition, 'name'>): FunctionAccess => ({
  table: 'write',
  delivery: true,
  reviewSecret: JOBS_SIGNING_REVIEW_LINKS.has(schedule.name),
  countsLogins: false,
});
