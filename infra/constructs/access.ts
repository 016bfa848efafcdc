import type { RouteDefinition } from '../../shared/api/routes.js';
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
 * GET routes with `table: 'write'` only record reads (a registration's history) and never decide anything — a GET
 * must not, since mail scanners follow every link (STACK-NOTES) — so they get no mail or event rights. Should one
 * of them ever enqueue mail, nothing is lost: the outbox job (which has the rights) delivers it on its next run.
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

/** The grants of a route's function, derived from the route table. */
export const routeAccess = (route: RouteDefinition): FunctionAccess => {
  const delivery = deliversOutbox(route);
  return {
    table: route.table,
    delivery,
    // Mails of the outbox carry signed review links; the review page verifies them.
    reviewSecret: delivery || verifiesReviewLink(route),
    countsLogins: route.auth === 'jwt' && route.roles.includes('dealer'),
  };
};

/** Scheduled jobs write the table (expiry, escalation, outbox bookkeeping) and send the mail and events they cause. */
export const JOB_ACCESS: FunctionAccess = { table: 'write', delivery: true, reviewSecret: true, countsLogins: false };
