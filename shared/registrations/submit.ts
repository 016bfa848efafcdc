/** Submitting a registration: the dealer comes from the token, the write is one transaction. */
import { createHash, randomBytes } from 'node:crypto';
import { Forbidden, IdempotencyKeyReused } from '../domain/errors.js';
import { autoApprovalVerdict } from '../domain/auto-approval.js';
import { applyDecision, newRegistration } from '../domain/registration-changes.js';
import { toApiRegistration, type Registration } from '../domain/registration.js';
import { keys } from '../db/keys.js';
import { failedConditions, idempotencyRecords, registrations } from '../db/registration-repository.js';
import { loadParties, loadSubmissionContext } from '../db/setup-repository.js';
import { deliver, outboxPuts } from '../outbox/outbox.js';
import type { Caller } from '../http/caller.js';
import type { RegistrationInput } from '../schemas/registration.js';
import { SYSTEM_ACTOR, actorOf } from './access.js';
import { effectsOf } from './effects.js';

/** How long a retry with the same Idempotency-Key replays the first answer. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const ROUTE = 'POST /registrations';

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

export async function submitRegistration(args: {
  caller: Caller;
  input: RegistrationInput;
  idempotencyKey?: string | undefined;
  now: Date;
}): Promise<{ registration: Registration; replayed: boolean }> {
  const { caller, input, now } = args;
  const dealerId = caller.dealerId as string;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  const idempotencyKey = args.idempotencyKey ? keys.idempotencyKey(dealerId, ROUTE, args.idempotencyKey) : undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);

  if (idempotencyKey) {
    const record = await idempotencyRecords.get(idempotencyKey);
    if (record && record.expiresAt >= nowSeconds) return { registration: replay(record, requestHash), replayed: true };
  }

  const context = await loadSubmissionContext(
    dealerId,
    input.products.map((p) => p.sku),
  );
  if (!context.dealer) throw new Forbidden('This dealer is not enrolled in the partner program.');
  if (context.dealer.status === 'phased_out') throw new Forbidden('This dealer has been phased out of the program.');

  const submittedAt = now.toISOString();
  const submittedEntry = { at: submittedAt, action: 'submitted', actor: actorOf(caller), toStatus: 'submitted' as const };
  const fresh = newRegistration({
    id: newRegistrationId(),
    dealerId,
    regionId: context.dealer.regionId,
    input,
    catalog: context.catalog,
    program: context.program,
    now,
  });
  const verdict = autoApprovalVerdict(fresh, context.dealer, context.program);
  const stored = verdict.approve
    ? applyDecision({ registration: fresh, decision: { decision: 'approve', reason: verdict.reason }, program: context.program, now })
    : fresh;
  const entries = verdict.approve
    ? [
        submittedEntry,
        { at: submittedAt, action: 'approved', actor: SYSTEM_ACTOR, fromStatus: 'submitted' as const, toStatus: 'approved' as const, detail: verdict.reason },
      ]
    : [submittedEntry];

  const parties = await loadParties(dealerId, stored.regionId);
  const messages = await effectsOf({ kind: verdict.approve ? 'auto_approved' : 'submitted' }, stored, parties, now);
  const registration = toApiRegistration(stored);
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
    await registrations.create(stored, entries, [...claim, ...outboxPuts(messages, now)]);
  } catch (error) {
    // A concurrent retry with the same key won the race: answer what it answered.
    if (idempotencyKey && failedConditions(error)?.[1 + entries.length]) {
      const record = await idempotencyRecords.get(idempotencyKey);
      if (record) return { registration: replay(record, requestHash), replayed: true };
    }
    throw error;
  }
  await deliver(messages, now);
  return { registration, replayed: false };
}
