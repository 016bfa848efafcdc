/**
 * Fund requests: a dealer asks for a share of an activity's cost before the activity; a manager of the dealer's
 * region approves (perhaps less) or rejects. Approval holds the amount against the allocation, through the ledger.
 */
import { createHash, randomBytes } from 'node:crypto';
import { commitLedgerChange, fundAllocations, fundRequestPut, fundRequests, type StoredFundRequest } from '../db/funds-repository.js';
import { keys } from '../db/keys.js';
import { idempotencyRecords } from '../db/registration-repository.js';
import { dealers, regions } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { actorOf, type Caller, isManager } from '../domain/caller.js';
import { Forbidden, IdempotencyKeyReused, IllegalTransition, InvalidInput, StateConflict } from '../domain/errors.js';
import { deltasOf } from '../domain/fund-ledger.js';
import { claimDeadline, nextDueAt, periodOf, requestProblems } from '../domain/funds.js';
import { formatMoney } from '../notifications/format.js';
import { fundEvent, fundRequestDecidedMail, fundReviewPrompt } from '../notifications/fund-mails.js';
import { outboxPuts } from '../outbox/outbox.js';
import type { FundRequest, FundRequestDecision, FundRequestInput, FundRequestStatus } from '../schemas/funds.js';
import { visibleFundRequest } from './access.js';
import { newLedgerEntryId } from './allocations.js';
import { links, managerOf } from './mail-parties.js';

const ROUTE = 'POST /fund-requests';
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export const newFundRequestId = () => `fr_${randomBytes(15).toString('base64url').replace(/[-_]/g, '0')}`;
export const newMessageId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

export function toApiFundRequest(r: StoredFundRequest): FundRequest {
  const { dueAt: _due, ...rest } = r;
  return rest;
}

/** Mail addresses of a dealer and its region's partner manager. */
async function partiesOf(dealerId: string) {
  const dealer = await dealers.get(dealerId);
  const region = dealer ? await regions.get(dealer.regionId) : undefined;
  return { dealer, region };
}

export async function submitFundRequest(args: {
  caller: Caller;
  input: FundRequestInput;
  idempotencyKey?: string | undefined;
  now: Date;
}): Promise<{ request: FundRequest; replayed: boolean }> {
  const { caller, input, now } = args;
  const dealerId = caller.dealerId as string;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  const idempotencyKey = args.idempotencyKey ? keys.idempotencyKey(dealerId, ROUTE, args.idempotencyKey) : undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const replay = (record: { requestHash: string; response: string }) => {
    if (record.requestHash !== requestHash)
      throw new IdempotencyKeyReused('This Idempotency-Key was used with a different body; use a new key.');
    return { request: JSON.parse(record.response) as FundRequest, replayed: true };
  };
  if (idempotencyKey) {
    const record = await idempotencyRecords.get(idempotencyKey);
    if (record && record.expiresAt >= nowSeconds) return replay(record);
  }

  const today = now.toISOString().slice(0, 10);
  const period = periodOf(input.startsOn);
  const [allocation, { dealer, region }] = await Promise.all([fundAllocations.get(dealerId, period), partiesOf(dealerId)]);
  if (!dealer) throw new Forbidden('This dealer is not enrolled in the partner program.');
  if (!allocation) {
    const dateProblems = requestProblems(input, { currency: input.cost.currency, costSharePercent: 100 }, today);
    if (dateProblems.length) throw new InvalidInput(dateProblems);
    throw new StateConflict(`There is no co-marketing allocation for ${period}, the quarter the activity starts in.`);
  }
  const problems = requestProblems(input, allocation, today);
  if (problems.length) throw new InvalidInput(problems);

  const id = newFundRequestId();
  let request: StoredFundRequest | undefined;
  try {
    await commitLedgerChange(now, (at) => {
      request = {
        id,
        dealerId,
        regionId: dealer.regionId,
        period,
        status: 'submitted',
        ...input,
        claimDeadline: claimDeadline(input.endsOn, allocation.claimDays),
        submittedAt: at.toISOString(),
        version: 1,
      };
      const response = toApiFundRequest(request);
      return {
        entry: {
          id: newLedgerEntryId(),
          dealerId,
          period,
          at: request.submittedAt,
          kind: 'request_submitted',
          currency: allocation.currency,
          deltas: deltasOf.requestSubmitted(input.requested.amount),
          requestId: id,
          actor: actorOf(caller),
        },
        items: [
          fundRequestPut(request),
          ...(idempotencyKey
            ? [
                idempotencyRecords.claim(
                  idempotencyKey,
                  { requestHash, response: JSON.stringify(response), expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
                  at,
                ),
              ]
            : []),
          ...outboxPuts(region ? [fundReviewPrompt(newMessageId('mail'), managerOf(region), request, dealer.name, links().queue)] : [], at),
        ],
      };
    });
    return { request: toApiFundRequest(request as StoredFundRequest), replayed: false };
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (idempotencyKey && error.failed.has('idempotency')) {
      const record = await idempotencyRecords.get(idempotencyKey);
      if (record) return replay(record);
    }
    // An SDK retry of a transaction that had committed (its reply lost): the request is ours, stored whole.
    const committed = error.failed.has('request') ? await fundRequests.get(id) : undefined;
    if (committed) return { request: toApiFundRequest(committed), replayed: false };
    throw error;
  }
}

export async function decideFundRequest(args: {
  caller: Caller;
  id: string;
  decision: FundRequestDecision;
  now: Date;
}): Promise<FundRequest> {
  const { caller, decision, now } = args;
  if (!isManager(caller)) throw new Forbidden('Only partner managers and regional directors decide fund requests.');
  const request = await visibleFundRequest(caller, args.id);
  if (request.status !== 'submitted')
    throw new IllegalTransition(`This request is ${request.status}; only a submitted request is decided.`);
  const approve = decision.decision === 'approve';
  const approved = approve ? (decision.approved ?? request.requested) : undefined;
  if (approved) {
    const problems = [];
    if (approved.currency !== request.requested.currency) {
      problems.push({ path: '/approved/currency', message: `must be ${request.requested.currency}, the currency requested` });
    }
    if (approved.amount > request.requested.amount)
      problems.push({ path: '/approved/amount', message: `must be at most ${request.requested.amount}, the amount requested` });
    if (approved.amount <= 0) problems.push({ path: '/approved/amount', message: 'must be more than 0; reject the request instead' });
    if (problems.length) throw new InvalidInput(problems);
  }
  const { dealer } = await partiesOf(request.dealerId);
  let next: StoredFundRequest | undefined;
  try {
    await commitLedgerChange(now, (at) => {
      const decidedAt = at.toISOString();
      next = {
        ...request,
        status: approve ? 'approved' : 'rejected',
        ...(approved ? { approved, dueAt: nextDueAt(request.claimDeadline, []) } : {}),
        decidedAt,
        decidedBy: actorOf(caller).id,
        ...(decision.reason ? { decisionReason: decision.reason } : {}),
        version: request.version + 1,
      };
      return {
        entry: {
          id: newLedgerEntryId(),
          dealerId: request.dealerId,
          period: request.period,
          at: decidedAt,
          kind: approve ? 'request_approved' : 'request_rejected',
          currency: request.requested.currency,
          deltas: approved
            ? deltasOf.requestApproved(request.requested.amount, approved.amount)
            : deltasOf.requestRejected(request.requested.amount),
          requestId: request.id,
          actor: actorOf(caller),
        },
        items: [
          fundRequestPut(next),
          ...outboxPuts(
            [
              ...(dealer ? [fundRequestDecidedMail(newMessageId('mail'), dealer, next, links().funds)] : []),
              fundEvent(newMessageId('evt'), 'FundRequestDecided', next, decidedAt),
            ],
            at,
          ),
        ],
      };
    });
    return toApiFundRequest(next as StoredFundRequest);
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (error.failed.has('request')) throw new IllegalTransition('This request was decided meanwhile; reload it.');
    const allocation = error.failed.get('allocation');
    if (allocation && approved) {
      throw new StateConflict(
        `Approving ${formatMoney(approved)} would exceed the allocation: ${formatMoney({ amount: Number(allocation.available), currency: approved.currency })} of it is still available. Approve less or reject.`,
      );
    }
    throw error;
  }
}

export async function listFundRequests(
  caller: Caller,
  query: { limit: number; cursor?: string | undefined; status?: FundRequestStatus | undefined },
) {
  const page =
    caller.role === 'dealer'
      ? await fundRequests.ofDealer(caller.dealerId as string, query)
      : await fundRequests.ofRegions(caller.regions, query.status ?? 'submitted', query);
  return { items: page.items.map(toApiFundRequest), nextCursor: page.nextCursor };
}
