/**
 * Claims: after the activity and before its deadline the dealer claims at most the approved amount, with proof
 * files; a manager of the region approves or rejects the claim (a rejected claim may be made again in time);
 * finance pays approved claims and records the payment's reference. Each step is a ledger change.
 */
import { randomBytes } from 'node:crypto';
import {
  commitLedgerChange,
  fundClaimPut,
  fundClaims,
  fundRequestPut,
  fundRequests,
  type StoredFundClaim,
  type StoredFundRequest,
} from '../db/funds-repository.js';
import { dealers, existingDealers, regions } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { actorOf, type Caller, isManager } from '../domain/caller.js';
import { Forbidden, IllegalTransition, InvalidInput, NotFound, StateConflict } from '../domain/errors.js';
import { deltasOf } from '../domain/fund-ledger.js';
import { claimWindowProblem, nextDueAt } from '../domain/funds.js';
import { type CsvColumn, minorToMajor, toCsv } from '../exports/csv.js';
import { fundClaimDecidedMail, fundClaimPaidMail, fundEvent, fundReviewPrompt } from '../notifications/fund-mails.js';
import { outboxPuts } from '../outbox/outbox.js';
import type { FundClaim, FundClaimDecision, FundClaimInput, FundClaimStatus } from '../schemas/funds.js';
import { visibleFundClaim, visibleFundRequest } from './access.js';
import { newLedgerEntryId } from './allocations.js';
import { links, managerOf } from './mail-parties.js';
import { assertProofFiles } from './proof-files.js';
import { newMessageId } from './requests.js';

export const newFundClaimId = () => `fc_${randomBytes(15).toString('base64url').replace(/[-_]/g, '0')}`;

export const toApiFundClaim = (c: StoredFundClaim): FundClaim => c;

const summaryOf = (c: StoredFundClaim) => ({ id: c.id, status: c.status, amount: c.amount, submittedAt: c.submittedAt });

async function requestOf(claim: StoredFundClaim): Promise<StoredFundRequest> {
  const request = await fundRequests.get(claim.requestId);
  if (!request) throw new NotFound('There is no such fund claim.');
  return request;
}

export async function submitClaim(args: { caller: Caller; requestId: string; input: FundClaimInput; now: Date }): Promise<FundClaim> {
  const { caller, input, now } = args;
  const request = await visibleFundRequest(caller, args.requestId);
  if (request.status !== 'approved' || !request.approved) {
    throw new IllegalTransition(
      request.status === 'claimed'
        ? 'This request has a claim in review.'
        : `This request is ${request.status}; only an approved request is claimed.`,
    );
  }
  const approved = request.approved;
  const problems = [];
  if (input.amount.currency !== approved.currency) {
    problems.push({ path: '/amount/currency', message: `must be ${approved.currency}, the currency approved` });
  }
  if (input.amount.amount > approved.amount)
    problems.push({ path: '/amount/amount', message: `must be at most ${approved.amount}, the amount approved` });
  if (input.amount.amount <= 0) problems.push({ path: '/amount/amount', message: 'must be more than 0' });
  if (problems.length) throw new InvalidInput(problems);
  const window = claimWindowProblem(request, now);
  if (window) throw new IllegalTransition(window);
  await assertProofFiles(request.dealerId, input.proof);

  const [dealer, region] = await Promise.all([dealers.get(request.dealerId), regions.get(request.regionId)]);
  let claim: StoredFundClaim | undefined;
  try {
    await commitLedgerChange(now, (at) => {
      claim = {
        id: newFundClaimId(),
        requestId: request.id,
        dealerId: request.dealerId,
        regionId: request.regionId,
        period: request.period,
        activity: request.activity,
        status: 'submitted',
        amount: input.amount,
        approvedRequest: approved,
        proof: input.proof,
        ...(input.note ? { note: input.note } : {}),
        submittedAt: at.toISOString(),
        version: 1,
      };
      const next: StoredFundRequest = {
        ...request,
        status: 'claimed',
        claim: summaryOf(claim),
        dueAt: undefined,
        version: request.version + 1,
      };
      return {
        entry: {
          id: newLedgerEntryId(),
          dealerId: request.dealerId,
          period: request.period,
          at: claim.submittedAt,
          kind: 'claim_submitted',
          currency: approved.currency,
          deltas: deltasOf.claimSubmitted(input.amount.amount),
          requestId: request.id,
          claimId: claim.id,
          actor: actorOf(caller),
        },
        items: [
          fundRequestPut(next),
          fundClaimPut(claim),
          ...outboxPuts(
            region && dealer ? [fundReviewPrompt(newMessageId('mail'), managerOf(region), next, dealer.name, links().queue, claim)] : [],
            at,
          ),
        ],
      };
    });
  } catch (error) {
    if (error instanceof ConditionsFailed && error.failed.has('request'))
      throw new IllegalTransition('This request changed meanwhile; reload it.');
    throw error;
  }
  return toApiFundClaim(claim as StoredFundClaim);
}

export async function decideClaim(args: { caller: Caller; id: string; decision: FundClaimDecision; now: Date }): Promise<FundClaim> {
  const { caller, decision, now } = args;
  if (!isManager(caller)) throw new Forbidden('Only partner managers and regional directors decide claims.');
  const claim = await visibleFundClaim(caller, args.id);
  if (claim.status !== 'submitted') throw new IllegalTransition(`This claim is ${claim.status}; only a submitted claim is decided.`);
  const request = await requestOf(claim);
  const approve = decision.decision === 'approve';
  const dealer = await dealers.get(claim.dealerId);
  let next: StoredFundClaim | undefined;
  try {
    await commitLedgerChange(now, (at) => {
      const decidedAt = at.toISOString();
      next = {
        ...claim,
        status: approve ? 'approved' : 'rejected',
        decidedAt,
        decidedBy: actorOf(caller).id,
        ...(decision.reason ? { decisionReason: decision.reason } : {}),
        version: claim.version + 1,
      };
      // A rejected claim sends the request back to approved: the dealer may claim again before the deadline.
      const nextRequest: StoredFundRequest = {
        ...request,
        status: approve ? 'claim_approved' : 'approved',
        claim: summaryOf(next),
        ...(approve ? {} : { dueAt: nextDueAt(request.claimDeadline, request.remindersSent ?? []) }),
        version: request.version + 1,
      };
      return {
        entry: {
          id: newLedgerEntryId(),
          dealerId: claim.dealerId,
          period: claim.period,
          at: decidedAt,
          kind: approve ? 'claim_approved' : 'claim_rejected',
          currency: claim.amount.currency,
          deltas: approve
            ? deltasOf.claimApproved(claim.approvedRequest.amount, claim.amount.amount)
            : deltasOf.claimRejected(claim.amount.amount),
          requestId: claim.requestId,
          claimId: claim.id,
          actor: actorOf(caller),
        },
        items: [
          fundClaimPut(next),
          fundRequestPut(nextRequest),
          ...outboxPuts(
            [
              ...(dealer ? [fundClaimDecidedMail(newMessageId('mail'), dealer, nextRequest, next, links().funds)] : []),
              fundEvent(newMessageId('evt'), 'FundClaimDecided', nextRequest, decidedAt, next),
            ],
            at,
          ),
        ],
      };
    });
  } catch (error) {
    if (error instanceof ConditionsFailed && (error.failed.has('claim') || error.failed.has('request'))) {
      throw new IllegalTransition('This claim was decided meanwhile; reload it.');
    }
    throw error;
  }
  return toApiFundClaim(next as StoredFundClaim);
}

/** Records a payment. Idempotent: the same payment again answers the paid claim; a different one is refused. */
export async function markPaid(args: {
  caller: Caller;
  id: string;
  payment: { paidOn: string; reference: string };
  now: Date;
}): Promise<FundClaim> {
  const { caller, payment, now } = args;
  const samePayment = (c: StoredFundClaim) =>
    c.status === 'paid' && c.paymentReference === payment.reference && c.paidOn === payment.paidOn;
  const claim = await visibleFundClaim(caller, args.id);
  if (samePayment(claim)) return toApiFundClaim(claim);
  if (claim.status === 'paid')
    throw new StateConflict(`This claim was paid already, with reference ${claim.paymentReference} on ${claim.paidOn}.`);
  if (claim.status !== 'approved') throw new IllegalTransition(`This claim is ${claim.status}; only an approved claim is paid.`);
  const request = await requestOf(claim);
  const dealer = await dealers.get(claim.dealerId);
  let next: StoredFundClaim | undefined;
  try {
    await commitLedgerChange(now, (at) => {
      const paidAt = at.toISOString();
      next = { ...claim, status: 'paid', paidOn: payment.paidOn, paymentReference: payment.reference, paidAt, version: claim.version + 1 };
      const nextRequest: StoredFundRequest = { ...request, status: 'paid', claim: summaryOf(next), version: request.version + 1 };
      return {
        entry: {
          id: newLedgerEntryId(),
          dealerId: claim.dealerId,
          period: claim.period,
          at: paidAt,
          kind: 'claim_paid',
          currency: claim.amount.currency,
          deltas: deltasOf.claimPaid(claim.amount.amount),
          requestId: claim.requestId,
          claimId: claim.id,
          actor: actorOf(caller),
        },
        items: [
          fundClaimPut(next),
          fundRequestPut(nextRequest),
          ...outboxPuts(
            [
              ...(dealer ? [fundClaimPaidMail(newMessageId('mail'), dealer, nextRequest, next, links().funds)] : []),
              fundEvent(newMessageId('evt'), 'FundClaimPaid', nextRequest, paidAt, next),
            ],
            at,
          ),
        ],
      };
    });
  } catch (error) {
    if (!(error instanceof ConditionsFailed) || !(error.failed.has('claim') || error.failed.has('request'))) throw error;
    // A concurrent retry of the same payment won the race: answer what it stored.
    const current = await fundClaims.get(claim.id);
    if (current && samePayment(current)) return toApiFundClaim(current);
    throw new StateConflict('This claim was paid or changed meanwhile; reload it.');
  }
  return toApiFundClaim(next as StoredFundClaim);
}

export async function listClaims(caller: Caller, query: { limit: number; cursor?: string | undefined; status: FundClaimStatus }) {
  const page = isManager(caller)
    ? await fundClaims.ofRegions(caller.regions, query.status, query)
    : await fundClaims.ofStatus(query.status, query);
  return { items: page.items.map(toApiFundClaim), nextCursor: page.nextCursor };
}

const CSV_COLUMNS: CsvColumn[] = [
  { key: 'claimId', header: 'Claim' },
  { key: 'requestId', header: 'Request' },
  { key: 'dealerId', header: 'Dealer id' },
  { key: 'dealerName', header: 'Dealer' },
  { key: 'activity', header: 'Activity' },
  { key: 'period', header: 'Period' },
  { key: 'amount', header: 'Amount', decimals: 2 },
  { key: 'currency', header: 'Currency' },
  { key: 'submittedAt', header: 'Claimed at' },
  { key: 'decidedAt', header: 'Approved at' },
  { key: 'decidedBy', header: 'Approved by' },
  { key: 'paidOn', header: 'Paid on' },
  { key: 'paymentReference', header: 'Payment reference' },
];

/** Every claim of a status as CSV for finance (all pages; formula cells neutralised by the shared writer). */
export async function claimsCsv(caller: Caller, status: FundClaimStatus): Promise<string> {
  const all: StoredFundClaim[] = [];
  let cursor: string | undefined;
  do {
    const page = isManager(caller)
      ? await fundClaims.ofRegions(caller.regions, status, { limit: 100, cursor })
      : await fundClaims.ofStatus(status, { limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const names = await existingDealers(all.map((c) => c.dealerId));
  return toCsv(
    CSV_COLUMNS,
    all.map((c) => ({
      claimId: c.id,
      requestId: c.requestId,
      dealerId: c.dealerId,
      dealerName: names.get(c.dealerId)?.name ?? '',
      activity: c.activity,
      period: c.period,
      amount: minorToMajor(c.amount.amount, c.amount.currency),
      currency: c.amount.currency,
      submittedAt: c.submittedAt,
      decidedAt: c.decidedAt ?? '',
      decidedBy: c.decidedBy ?? '',
      paidOn: c.paidOn ?? '',
      paymentReference: c.paymentReference ?? '',
    })),
  );
}
