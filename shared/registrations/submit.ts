/**
 * Submitting a registration. The dealer comes from the token. The registration, its history, the customer locks
 * it takes, the dealer's open count, an idempotency record, a conflict case and the outbox messages are one
 * transaction: a lock another registration holds, or a near-duplicate found by lookup, turns the submission into
 * a conflict instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { conflicts } from '../db/conflict-repository.js';
import { type BlockMember, type BlockState, customerBlocks } from '../db/customer-block-repository.js';
import { keys } from '../db/keys.js';
import { type HistoryEntry, idempotencyRecords, registrations } from '../db/registration-repository.js';
import { loadParties, loadSubmissionReads, regions, rulesInCountry } from '../db/setup-repository.js';
import { ConditionsFailed, type NamedItem } from '../db/transaction.js';
import { blockingVersion } from '../domain/agreement-gate.js';
import { autoApprovalVerdict } from '../domain/auto-approval.js';
import { actorOf, type Caller, SYSTEM_ACTOR } from '../domain/caller.js';
import { assertRoomForParty, conflictCaseFull, ownerRegionOf } from '../domain/conflict-case.js';
import { sameCustomer } from '../domain/customer-identity.js';
import { engagementFlags } from '../domain/engagement-rules.js';
import { AgreementNotAccepted, Forbidden, IdempotencyKeyReused, StateConflict } from '../domain/errors.js';
import { isOpen, nextStatus } from '../domain/lifecycle.js';
import { CONFLICT_NOTICE, type Registration, type StoredRegistration, toApiRegistration } from '../domain/registration.js';
import { applyDecision, newRegistration } from '../domain/registration-changes.js';
import { countMetric } from '../observability/metrics.js';
import { outboxPuts } from '../outbox/outbox.js';
import type { RegistrationInput } from '../schemas/registration.js';
import { languageOf, maxOpenRegistrations, type Program } from '../schemas/setup.js';
import { customerBlock, customerLocks } from './customer-claims.js';
import { effectsOf, type Happening } from './effects.js';

/** How long a retry with the same Idempotency-Key replays the first answer. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const ROUTE = 'POST /registrations';
/** Each refused attempt sees what beat it: a lock's holder, a new case, or a block claimed meanwhile. */
const MAX_ATTEMPTS = 8;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function newRegistrationId(): string {
  return `reg_${[...randomBytes(24)].map((b) => BASE62[b % 62]).join('')}`;
}

type IdempotencyRecord = Awaited<ReturnType<typeof idempotencyRecords.get>>;

function replay(record: NonNullable<IdempotencyRecord>, requestHash: string): Registration {
  if (record.requestHash !== requestHash) {
    throw new IdempotencyKeyReused('This Idempotency-Key was used with a different body; use a new key.');
  }
  return JSON.parse(record.response) as Registration;
}

const overlaps = (a: string[], b: string[]) => a.some((line) => b.includes(line));

/** Open registrations for the same customer and a shared product line among the name block's members. */
async function nearDuplicates(fresh: StoredRegistration, block: BlockState): Promise<BlockMember[]> {
  return (await customerBlocks.members(block)).filter(
    (r) =>
      r.id !== fresh.id && isOpen(r.status) && overlaps(r.productLines, fresh.productLines) && sameCustomer(r.customer, fresh.customer),
  );
}

interface Plan {
  registration: StoredRegistration;
  entries: HistoryEntry[];
  happening: Happening;
  extra: NamedItem[];
}

function cleanPlan(fresh: StoredRegistration, caller: Caller, program: Program, dealerStatus: string): Plan {
  const submitted: HistoryEntry = { at: fresh.submittedAt, action: 'submitted', actor: actorOf(caller), toStatus: 'submitted' };
  const claimed = { ...fresh, locks: customerLocks(fresh.customer, fresh.productLines) };
  // The manufacturer chose the dealer of a lead: its registration is approved at once unless the customer is claimed.
  const verdict = fresh.leadId
    ? { approve: true as const, reason: `Converted from lead ${fresh.leadId}, which the manufacturer routed to this dealer` }
    : autoApprovalVerdict(claimed, { status: dealerStatus as 'active' }, program);
  if (!verdict.approve) return { registration: claimed, entries: [submitted], happening: { kind: 'submitted' }, extra: [] };
  const now = new Date(fresh.submittedAt);
  return {
    registration: {
      ...applyDecision({ registration: claimed, decision: { decision: 'approve', reason: verdict.reason }, program, now }),
      approvedAutomatically: true,
    },
    entries: [
      submitted,
      {
        at: fresh.submittedAt,
        action: 'approved',
        actor: SYSTEM_ACTOR,
        fromStatus: 'submitted',
        toStatus: 'approved',
        detail: verdict.reason,
      },
    ],
    happening: { kind: 'auto_approved' },
    extra: [],
  };
}

/**
 * The newcomer joins the case of its earliest rival (or opens it). The case's owner — the partner manager of the
 * first registration's region — is fixed when the case opens, and gets a conflict notice, never a review link.
 */
async function conflictPlan(fresh: StoredRegistration, caller: Caller, rival: BlockMember, conflictId: string, now: Date): Promise<Plan> {
  const [existing, rivalParties] = await Promise.all([conflicts.get(conflictId), loadParties(rival.dealerId, rival.regionId)]);
  const joining = existing?.state === 'open' ? existing : undefined;
  if (joining) assertRoomForParty(joining);
  const ownerRegionId = joining ? ownerRegionOf(joining) : rival.regionId;
  const owner = joining ? joining.owner : rivalParties.region.partnerManagerEmail;
  // The notice speaks the owner's language: its region's, read only when the case's owner sits in another region.
  const ownerRegion = ownerRegionId === rival.regionId ? rivalParties.region : await regions.get(ownerRegionId);
  const registration: StoredRegistration = {
    ...fresh,
    status: nextStatus(fresh.status, 'flagConflict'),
    flags: [...(fresh.flags ?? []), { rule: 'duplicate', detail: `same customer and product line as ${rival.id}` }],
    conflictId,
  };
  const party = (r: BlockMember) => ({
    registrationId: r.id,
    dealerId: r.dealerId,
    regionId: r.regionId,
    submittedAt: r.submittedAt,
    status: r.status,
  });
  return {
    registration,
    entries: [
      { at: fresh.submittedAt, action: 'submitted', actor: actorOf(caller), toStatus: 'submitted' },
      {
        at: fresh.submittedAt,
        action: 'conflict_flagged',
        actor: SYSTEM_ACTOR,
        fromStatus: 'submitted',
        toStatus: 'in_conflict',
        detail: CONFLICT_NOTICE,
      },
    ],
    happening: { kind: 'conflict_flagged', conflictId, owner, ownerLanguage: languageOf(ownerRegion ?? {}) },
    extra: conflicts.join({
      conflictId,
      holder: party(rival),
      newcomer: party(registration),
      reason: { kind: 'duplicate', detail: 'same customer and product line while the first is pending or protected' },
      customer: { name: rival.customer.name, country: rival.customer.country },
      productLine: rival.productLines.find((l) => fresh.productLines.includes(l)) ?? fresh.productLines[0] ?? '',
      owner,
      ownerRegionId,
      now,
    }),
  };
}

export async function submitRegistration(args: {
  caller: Caller;
  input: RegistrationInput;
  idempotencyKey?: string | undefined;
  now: Date;
  /** A lead's conversion: the registration carries the lead's id, and the lead's own change commits with it. */
  fromLead?: { leadId: string; items: (registrationId: string) => NamedItem[] };
}): Promise<{ registration: Registration; replayed: boolean }> {
  const { caller, input, now } = args;
  const dealerId = caller.dealerId as string;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  const idempotencyKey = args.idempotencyKey ? keys.idempotencyKey(dealerId, ROUTE, args.idempotencyKey) : undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);

  // Three round trips, as the floor: every read by key in one BatchGetItem (the rules of the customer's country,
  // read by index, beside it); the near-duplicate lookup with the region's managers; the transaction. Nothing is
  // cached: a rule, agreement or block changed a moment ago applies.
  const nameBlock = customerBlock(input.customer);
  const [context, countryRules] = await Promise.all([
    loadSubmissionReads({ dealerId, skus: input.products.map((p) => p.sku), nameBlock, idempotencyKey }),
    rulesInCountry(input.customer.country),
  ]);
  const record = context.idempotencyRecord;
  if (record && record.expiresAt >= nowSeconds) return { registration: replay(record, requestHash), replayed: true };
  const dealer = context.dealer;
  if (!dealer) throw new Forbidden('This dealer is not enrolled in the partner program.');
  if (dealer.status === 'phased_out') throw new Forbidden('This dealer has been phased out of the program.');
  const unaccepted = blockingVersion(
    context.agreement.materialPositions,
    context.agreement.acceptedPosition,
    now.toISOString().slice(0, 10),
  );
  if (unaccepted) {
    throw new AgreementNotAccepted(
      `Your dealer has not accepted version ${unaccepted} of the partner agreement, which is in force: your dealer's admin accepts it in the portal (GET /agreements/current), then you can register deals again.`,
    );
  }

  const openLimit = maxOpenRegistrations(context.program, context.tier);
  const base = newRegistration({
    id: newRegistrationId(),
    dealerId,
    regionId: dealer.regionId,
    input,
    catalog: context.catalog,
    program: context.program,
    now,
  });
  // The block's version was read before the lookup: a clean submission commits only if no other claimed the block since.
  let block = context.block;
  const rules = { ...countryRules, directRules: context.directRules };
  const flags = engagementFlags({ dealerId, customer: input.customer, productLines: base.productLines, rules, sameCustomer });
  const fresh: StoredRegistration = {
    ...base,
    customerBlock: nameBlock,
    ...(flags.length ? { flags } : {}),
    ...(args.fromLead ? { leadId: args.fromLead.leadId } : {}),
  };
  // The mails a submission owes go to its dealer and its region's managers: the region is read beside the lookup.
  const [found, region] = await Promise.all([nearDuplicates(fresh, block), regions.get(dealer.regionId, { consistent: true })]);
  if (!region) throw new Error(`Region ${dealer.regionId} of dealer ${dealerId} is missing`);
  const parties = {
    dealer,
    region,
    reviewWindow: { targetHours: context.program.reviewTargetHours, limitHours: context.program.reviewLimitHours },
  };
  let rivals = found;
  let refusedCase: string | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rival = [...rivals].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))[0];
    const caseId = rival ? (rival.conflictId ?? `cf_${rival.id.slice(4)}`) : undefined;
    const plan = rival
      ? await conflictPlan(fresh, caller, rival, caseId === refusedCase ? `cf_${fresh.id.slice(4)}` : (caseId as string), now)
      : cleanPlan(fresh, caller, context.program, dealer.status);
    const registration = toApiRegistration(plan.registration);
    const messages = await effectsOf(plan.happening, plan.registration, async () => parties, now);
    const claim = idempotencyKey
      ? [
          idempotencyRecords.claim(
            idempotencyKey,
            { requestHash, response: JSON.stringify(registration), expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
            now,
          ),
        ]
      : [];
    try {
      // Only a submission that claims the customer advances the block; one in conflict claims nothing.
      const sequence = rival ? [] : [customerBlocks.advance(block, plan.registration.id, now)];
      await registrations.create(plan.registration, plan.entries, {
        extra: [...claim, ...plan.extra, ...sequence, ...(args.fromLead?.items(plan.registration.id) ?? []), ...outboxPuts(messages, now)],
        maxOpen: openLimit,
      });
      countMetric('Submissions', { outcome: plan.registration.status });
      if (rival) countMetric('Conflicts');
      return { registration, replayed: false };
    } catch (error) {
      if (!(error instanceof ConditionsFailed)) throw error;
      if (error.failed.has('registration')) {
        // An SDK retry of a transaction that had committed (its reply lost): the registration is ours, stored whole.
        const committed = await registrations.get(plan.registration.id);
        if (committed) return { registration: toApiRegistration(committed), replayed: false };
      }
      if (idempotencyKey && error.failed.has('idempotency')) {
        // A concurrent retry with the same key won the race: answer what it answered.
        const record = await idempotencyRecords.get(idempotencyKey);
        if (record) return { registration: replay(record, requestHash), replayed: true };
      }
      if (error.failed.has('open-count')) {
        throw new StateConflict(
          `This dealer already has ${openLimit} open registrations, the program's maximum for its tier (${context.tier}); close or withdraw one first.`,
        );
      }
      if (error.failed.has('conflict')) {
        // An open case that refuses is full; a resolved one sends the newcomer to a case of its own.
        if (error.failed.get('conflict')?.state === 'open') throw conflictCaseFull();
        refusedCase = caseId;
      }
      const holders = [...error.failed.entries()]
        .filter(([name]) => name.startsWith('lock:'))
        .map(([, item]) => item?.holder as string | undefined)
        .filter((id): id is string => !!id);
      // Another submission claimed in this name block since the version read: look again, as if submitted now.
      const raced = error.failed.has('name-block');
      if (!raced && holders.length === 0 && !error.failed.has('conflict')) throw error;
      if (raced) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        block = await customerBlocks.read(nameBlock);
      }
      const found = raced ? await nearDuplicates(fresh, block) : [];
      const held = await Promise.all(
        [...new Set(holders)].filter((id) => !found.some((r) => r.id === id)).map((id) => registrations.get(id)),
      );
      if (raced || holders.length > 0) rivals = [...found, ...held.filter((r): r is StoredRegistration => !!r && isOpen(r.status))];
    }
  }
  throw new StateConflict('This customer is being registered by several parties right now; retry.');
}
