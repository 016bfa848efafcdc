/**
 * The partner agreement: channel admins publish versions (Markdown, material or not, effective from a date); a
 * dealer's admin accepts one; while the latest material version in force is not accepted (itself or a later one),
 * the dealer's submissions answer 409 (the check is in the submission context read, registrations/submit.ts).
 */

import { agreements } from '../db/agreement-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { blockingVersion, covers, positionOf } from '../domain/agreement-gate.js';
import type { Caller } from '../domain/caller.js';
import { assertDealerAdmin } from '../domain/dealer-admin.js';
import { IllegalTransition, InvalidInput, NotFound, StateConflict } from '../domain/errors.js';
import type { Agreement, AgreementAcceptance, AgreementInput } from '../schemas/onboarding.js';

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** Publishes a version; one already in force cannot change (dealers may have accepted it): publish a new one. */
export async function publishAgreement(args: { version: string; input: AgreementInput; now: Date }): Promise<Agreement> {
  const today = dayOf(args.now);
  if (args.input.effectiveFrom < today) {
    throw new InvalidInput([{ path: '/effectiveFrom', message: `must be today (${today}) or later` }]);
  }
  const previous = await agreements.get(args.version);
  if (previous && previous.effectiveFrom <= today) {
    throw new IllegalTransition(`Version ${args.version} is in force since ${previous.effectiveFrom}; publish a new version instead.`);
  }
  const next: Agreement = { ...args.input, version: args.version, publishedAt: args.now.toISOString() };
  try {
    await agreements.publish(next, previous);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw new StateConflict(`Version ${args.version} changed meanwhile; read it and retry.`);
    throw error;
  }
  return next;
}

/** The version in force for the caller's dealer: whether it accepted it (or a later one), and whether it blocks. */
export async function currentAgreement(args: { caller: Caller; now: Date }) {
  const dealerId = args.caller.dealerId as string;
  const today = dayOf(args.now);
  const [version, accepted, gate] = await Promise.all([agreements.inForce(today), agreements.accepted(dealerId), agreements.gate()]);
  if (!version) throw new NotFound('No partner agreement is in force.');
  const own = covers(accepted.position, version) ? await agreements.acceptance(version.version, dealerId) : undefined;
  const acceptedAt = own?.acceptedAt ?? (covers(accepted.position, version) ? accepted.at : undefined);
  return {
    ...version,
    accepted: covers(accepted.position, version),
    ...(acceptedAt ? { acceptedAt } : {}),
    blocking: blockingVersion(gate, accepted.position, today) !== undefined,
  };
}

const MAX_ATTEMPTS = 3;

/** The dealer's admin accepts `version` for its dealer; accepting again answers the first acceptance. */
export async function acceptAgreement(args: { caller: Caller; version: string; now: Date }): Promise<AgreementAcceptance> {
  assertDealerAdmin(args.caller);
  const dealerId = args.caller.dealerId as string;
  const version = await agreements.get(args.version);
  if (!version) throw new NotFound(`There is no version ${args.version} of the partner agreement.`);
  const acceptance: AgreementAcceptance = {
    version: version.version,
    dealerId,
    userId: args.caller.subject,
    ...(args.caller.email ? { email: args.caller.email } : {}),
    acceptedAt: args.now.toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    const existing = await agreements.acceptance(version.version, dealerId);
    if (existing) return existing;
    const read = await agreements.accepted(dealerId);
    try {
      await agreements.accept(acceptance, positionOf(version), read.position);
      return acceptance;
    } catch (error) {
      if (!(error instanceof ConditionsFailed) || attempt + 1 >= MAX_ATTEMPTS) throw error;
    }
  }
}

export const listAgreements = (page: { limit: number; cursor?: string | undefined }) => agreements.list(page);

export async function listAcceptances(args: { version: string; page: { limit: number; cursor?: string | undefined } }) {
  if (!(await agreements.get(args.version))) throw new NotFound(`There is no version ${args.version} of the partner agreement.`);
  return agreements.acceptances(args.version, args.page);
}
