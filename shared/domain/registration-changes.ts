/** Pure functions that compute a registration's next state. They read no clock and touch no database. */

import { primaryProductLine } from '../forecast/contribution.js';
import type { Decision, Outcome, RegistrationInput, RegistrationUpdate } from '../schemas/registration.js';
import type { Program } from '../schemas/setup.js';
import { type FieldError, IllegalTransition, InvalidInput, StateConflict } from './errors.js';
import { type ExpiryWarning, rescheduleExpiryWarnings, scheduleExpiryWarnings } from './expiry-schedule.js';
import { nextStatus } from './lifecycle.js';
import { toReportingCurrency } from './money.js';
import { protectedUntil, utcDate } from './protection-window.js';
import type { StoredRegistration } from './registration.js';

interface Catalog {
  productLineOf(sku: string): string | undefined;
}

function checkProducts(products: { sku: string }[], catalog: Catalog, path: string): FieldError[] {
  return products.flatMap((line, index) =>
    catalog.productLineOf(line.sku) === undefined
      ? [{ path: `${path}/${index}/sku`, message: `is not a product in the catalog (${line.sku})` }]
      : [],
  );
}

function checkCurrency(currency: string, program: Program, path: string): FieldError[] {
  const convertible = currency === program.reportingCurrency || currency in program.fxRates;
  return convertible ? [] : [{ path, message: `has no exchange rate to ${program.reportingCurrency} in the program` }];
}

function checkCloseDate(date: string, now: Date, path: string): FieldError[] {
  return date < utcDate(now) ? [{ path, message: 'must not be in the past' }] : [];
}

function fail(errors: FieldError[]): void {
  if (errors.length > 0) throw new InvalidInput(errors);
}

const productLinesOf = (products: { sku: string }[], catalog: Catalog) =>
  [...new Set(products.map((p) => catalog.productLineOf(p.sku) as string))].sort();

export function newRegistration(args: {
  id: string;
  dealerId: string;
  regionId: string;
  input: RegistrationInput;
  catalog: Catalog;
  program: Program;
  now: Date;
}): StoredRegistration {
  const { input, catalog, program, now } = args;
  fail([
    ...checkProducts(input.products, catalog, '/products'),
    ...checkCurrency(input.expectedValue.currency, program, '/expectedValue/currency'),
    ...checkCloseDate(input.expectedCloseDate, now, '/expectedCloseDate'),
  ]);
  const at = now.toISOString();
  return {
    ...input,
    id: args.id,
    dealerId: args.dealerId,
    regionId: args.regionId,
    productLines: productLinesOf(input.products, catalog),
    forecastLine: primaryProductLine({ products: input.products, productLines: [] }, catalog.productLineOf),
    status: 'submitted',
    submittedAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * SPEC §3 "What is protected is what was reviewed": an approved registration (or one in conflict, whose case is
 * about the lines it named) may change products only within the product lines it claims. Each product of another
 * line is named (409): a new product line needs a new registration.
 */
function checkClaimScope(registration: StoredRegistration, products: { sku: string }[] | undefined, catalog: Catalog): void {
  if (!products || (registration.status !== 'approved' && registration.status !== 'in_conflict')) return;
  const outside = products.flatMap((line, index) => {
    const productLine = catalog.productLineOf(line.sku) as string;
    return registration.productLines.includes(productLine) ? [] : [{ index, productLine }];
  });
  if (outside.length === 0) return;
  const lines = [...new Set(outside.map((o) => o.productLine))];
  throw new StateConflict(
    `This registration claims the product line${registration.productLines.length === 1 ? '' : 's'} ${registration.productLines.join(', ')} only; ` +
      `adding ${lines.join(', ')} needs a new registration.`,
    outside.map(({ index, productLine }) => ({
      path: `/products/${index}/sku`,
      message: `is in product line ${productLine}, which this registration does not claim: register it separately`,
    })),
  );
}

/**
 * Whether a change takes an auto-approved registration beyond what auto-approval would have approved: its value
 * above the limit (or no longer convertible to compare).
 */
function exceedsAutoApproval(registration: StoredRegistration, program: Program): boolean {
  const limit = program.autoApproval.maxValue;
  if (!registration.approvedAutomatically || registration.status !== 'approved' || !limit) return false;
  const value = toReportingCurrency(registration.expectedValue, program);
  const max = toReportingCurrency(limit, program);
  return value === undefined || max === undefined || value > max;
}

export function applyUpdate(args: {
  registration: StoredRegistration;
  update: RegistrationUpdate;
  catalog: Catalog;
  program: Program;
  now: Date;
}): StoredRegistration {
  const { registration, update, catalog, program, now } = args;
  const status = nextStatus(registration.status, 'update');
  fail([
    ...(update.products ? checkProducts(update.products, catalog, '/products') : []),
    ...(update.expectedValue ? checkCurrency(update.expectedValue.currency, program, '/expectedValue/currency') : []),
    ...(update.expectedCloseDate ? checkCloseDate(update.expectedCloseDate, now, '/expectedCloseDate') : []),
  ]);
  checkClaimScope(registration, update.products, catalog);
  const next: StoredRegistration = {
    ...registration,
    ...update,
    status,
    productLines: update.products ? productLinesOf(update.products, catalog) : registration.productLines,
    forecastLine: update.products
      ? primaryProductLine({ products: update.products, productLines: [] }, catalog.productLineOf)
      : registration.forecastLine,
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  };
  // The protection stays; the partner manager is asked to look, once.
  return !registration.reviewRequestedAt && exceedsAutoApproval(next, program) ? { ...next, reviewRequestedAt: now.toISOString() } : next;
}

export function applyDecision(args: {
  registration: StoredRegistration;
  decision: Decision;
  program: Program;
  now: Date;
}): StoredRegistration {
  const { registration, decision, program, now } = args;
  const status = nextStatus(registration.status, decision.decision === 'approve' ? 'approve' : 'reject');
  const at = now.toISOString();
  const until = status === 'approved' ? protectedUntil(now, program.protectionDays) : undefined;
  return {
    ...registration,
    status,
    decidedAt: at,
    ...(decision.reason === undefined ? {} : { decisionReason: decision.reason }),
    ...(until ? { protectedUntil: until, expiryWarnings: scheduleExpiryWarnings(until, program.expiryWarningDays, now) } : {}),
    updatedAt: at,
    version: registration.version + 1,
  };
}

/** A conflict settled for or against this registration: the winner is approved (and claims the customer). */
export function applyConflictOutcome(args: {
  registration: StoredRegistration;
  won: boolean;
  reason: string;
  locks: string[];
  program: Program;
  now: Date;
}): StoredRegistration {
  const { registration, won, reason, program, now } = args;
  const at = now.toISOString();
  const status = nextStatus(registration.status, won ? 'winConflict' : 'loseConflict');
  const newlyProtected = won && registration.status !== 'approved';
  const until = newlyProtected ? protectedUntil(now, program.protectionDays) : registration.protectedUntil;
  return {
    ...registration,
    status,
    decidedAt: at,
    decisionReason: reason,
    ...(won ? { locks: args.locks } : {}),
    ...(newlyProtected && until
      ? { protectedUntil: until, expiryWarnings: scheduleExpiryWarnings(until, program.expiryWarningDays, now) }
      : {}),
    updatedAt: at,
    version: registration.version + 1,
  };
}

export function applyExtensionRequest(args: {
  registration: StoredRegistration;
  request: { days: number; reason: string };
  program: Program;
  now: Date;
}): StoredRegistration {
  const { registration, request, program, now } = args;
  nextStatus(registration.status, 'requestExtension');
  if (registration.extension) {
    throw new StateConflict('This registration already had its one extension request.');
  }
  if (request.days > program.extensionMaxDays) {
    fail([{ path: '/days', message: `must be at most ${program.extensionMaxDays} (the program's maximum)` }]);
  }
  return {
    ...registration,
    extension: { status: 'requested', days: request.days, reason: request.reason },
    extensionRequestedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  };
}

export function applyExtensionDecision(args: {
  registration: StoredRegistration;
  decision: Decision;
  program: Program;
  now: Date;
}): StoredRegistration {
  const { registration, decision, program, now } = args;
  const extension = registration.extension;
  if (registration.status !== 'approved' || extension?.status !== 'requested') {
    throw new IllegalTransition('This registration has no extension request awaiting a decision.');
  }
  const at = now.toISOString();
  const approved = decision.decision === 'approve';
  const until = approved
    ? new Date(Date.parse(registration.protectedUntil as string) + extension.days * 86_400_000).toISOString()
    : (registration.protectedUntil as string);
  return {
    ...registration,
    extension: { ...extension, status: approved ? 'approved' : 'rejected', decidedAt: at },
    protectedUntil: until,
    expiryWarnings: approved
      ? rescheduleExpiryWarnings(registration.expiryWarnings ?? [], until, program.expiryWarningDays, now)
      : registration.expiryWarnings,
    updatedAt: at,
    version: registration.version + 1,
  };
}

/** The expiry job's step for one registration: send due warnings, or expire it once its protection ended. */
export function applyExpiryStep(args: { registration: StoredRegistration; now: Date }):
  | {
      next: StoredRegistration;
      warnings: ExpiryWarning[];
      expired: boolean;
    }
  | undefined {
  const { registration, now } = args;
  if (registration.status !== 'approved' || !registration.protectedUntil) return undefined;
  const at = now.toISOString();
  if (Date.parse(registration.protectedUntil) <= now.getTime()) {
    return {
      next: {
        ...registration,
        status: nextStatus(registration.status, 'expire'),
        updatedAt: at,
        version: registration.version + 1,
      },
      warnings: [],
      expired: true,
    };
  }
  const due = (registration.expiryWarnings ?? []).filter((w) => !w.sentAt && Date.parse(w.dueAt) <= now.getTime());
  if (due.length === 0) return undefined;
  const dueDays = new Set(due.map((w) => w.days));
  return {
    next: {
      ...registration,
      expiryWarnings: (registration.expiryWarnings ?? []).map((w) => (dueDays.has(w.days) && !w.sentAt ? { ...w, sentAt: at } : w)),
      updatedAt: at,
      version: registration.version + 1,
    },
    // Only the nearest of several overdue warnings is worth a mail.
    warnings: [due.reduce((a, b) => (a.days < b.days ? a : b))],
    expired: false,
  };
}

/**
 * The review SLA job's step: a reminder after the target, an escalation after the limit, each once. A
 * registration in conflict has none: its conflict case is what escalates (no review link is sent for it).
 */
export function applyReviewSlaStep(args: {
  registration: StoredRegistration;
  program: Program;
  now: Date;
}): { next: StoredRegistration; kind: 'reminder' | 'escalation' } | undefined {
  const { registration, program, now } = args;
  if (registration.status !== 'submitted') return undefined;
  const waitedHours = (now.getTime() - Date.parse(registration.submittedAt)) / 3_600_000;
  const at = now.toISOString();
  const bump = { updatedAt: at, version: registration.version + 1 };
  if (waitedHours >= program.reviewLimitHours && !registration.reviewEscalatedAt) {
    return {
      next: { ...registration, reviewEscalatedAt: at, reviewReminderSentAt: registration.reviewReminderSentAt ?? at, ...bump },
      kind: 'escalation',
    };
  }
  if (waitedHours >= program.reviewTargetHours && !registration.reviewReminderSentAt) {
    return { next: { ...registration, reviewReminderSentAt: at, ...bump }, kind: 'reminder' };
  }
  return undefined;
}

export function applyOutcome(args: {
  registration: StoredRegistration;
  outcome: Outcome;
  program: Program;
  now: Date;
  /** What a won registered deal earns at the dealer's current tier (partner program): recorded when won. */
  earned?: StoredRegistration['earned'];
}): StoredRegistration {
  const { registration, outcome, program, now } = args;
  const status = nextStatus(registration.status, outcome.result === 'won' ? 'win' : 'lose');
  if (outcome.result === 'won' && outcome.actualValue) {
    fail(checkCurrency(outcome.actualValue.currency, program, '/actualValue/currency'));
  }
  if (outcome.closedOn > utcDate(now)) fail([{ path: '/closedOn', message: 'must not be in the future' }]);
  if (outcome.closedOn < registration.submittedAt.slice(0, 10))
    fail([{ path: '/closedOn', message: 'must not be before the registration was submitted' }]);
  const recorded = outcome.result === 'won' ? { ...outcome, actualValue: outcome.actualValue ?? registration.expectedValue } : outcome;
  return {
    ...registration,
    status,
    outcome: recorded,
    ...(outcome.result === 'won' && args.earned ? { earned: args.earned } : {}),
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  };
}

export function applyWithdrawal(args: { registration: StoredRegistration; now: Date }): StoredRegistration {
  const { registration, now } = args;
  return {
    ...registration,
    status: nextStatus(registration.status, 'withdraw'),
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  };
}
