/** Pure functions that compute a registration's next state. They read no clock and touch no database. */
import type { Decision, Outcome, RegistrationInput, RegistrationUpdate } from '../schemas/registration.js';
import type { Program } from '../schemas/setup.js';
import { InvalidInput, type FieldError } from './errors.js';
import { nextStatus } from './lifecycle.js';
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
  return convertible
    ? []
    : [{ path, message: `has no exchange rate to ${program.reportingCurrency} in the program` }];
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
    status: 'submitted',
    submittedAt: at,
    updatedAt: at,
    version: 1,
  };
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
    ...(update.expectedValue
      ? checkCurrency(update.expectedValue.currency, program, '/expectedValue/currency')
      : []),
    ...(update.expectedCloseDate ? checkCloseDate(update.expectedCloseDate, now, '/expectedCloseDate') : []),
  ]);
  return {
    ...registration,
    ...update,
    status,
    productLines: update.products ? productLinesOf(update.products, catalog) : registration.productLines,
    updatedAt: now.toISOString(),
    version: registration.version + 1,
  };
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
  return {
    ...registration,
    status,
    decidedAt: at,
    ...(decision.reason === undefined ? {} : { decisionReason: decision.reason }),
    ...(status === 'approved' ? { protectedUntil: protectedUntil(now, program.protectionDays) } : {}),
    updatedAt: at,
    version: registration.version + 1,
  };
}

export function applyOutcome(args: {
  registration: StoredRegistration;
  outcome: Outcome;
  now: Date;
}): StoredRegistration {
  const { registration, outcome, now } = args;
  const status = nextStatus(registration.status, outcome.result === 'won' ? 'win' : 'lose');
  if (outcome.closedOn > utcDate(now)) fail([{ path: '/closedOn', message: 'must not be in the future' }]);
  if (outcome.closedOn < registration.submittedAt.slice(0, 10))
    fail([{ path: '/closedOn', message: 'must not be before the registration was submitted' }]);
  const recorded =
    outcome.result === 'won' ? { ...outcome, actualValue: outcome.actualValue ?? registration.expectedValue } : outcome;
  return {
    ...registration,
    status,
    outcome: recorded,
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
