/**
 * A dealer's update of an open registration (optimistic concurrency: the version read). What is protected is what
 * was reviewed (SPEC §3): product lines stay within the claim once approved; a pending registration that adds a
 * line takes that line's customer locks in the same transaction; an auto-approved deal raised above the
 * auto-approval limit stays protected and goes to the partner manager for a look, recorded in its history.
 */
import { loadSubmissionContext } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { Forbidden } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import { applyUpdate } from '../domain/registration-changes.js';
import type { RegistrationUpdate } from '../schemas/registration.js';
import { changeRegistration } from './change.js';
import { locksForLines } from './customer-claims.js';

const ABOVE_AUTO_APPROVAL = 'The expected value rose above the auto-approval limit after the deal was auto-approved.';

export async function updateRegistration(args: {
  caller: Caller;
  id: string;
  expectedVersion: number;
  update: RegistrationUpdate;
  now: () => Date;
}): Promise<StoredRegistration> {
  const { caller, update } = args;
  const context = await loadSubmissionContext(caller.dealerId as string, update.products?.map((p) => p.sku) ?? []);
  if (context.dealer?.status === 'phased_out') {
    throw new Forbidden('This dealer has been phased out of the program: its registrations can no longer be changed.');
  }
  const { registration } = await changeRegistration({
    id: args.id,
    caller,
    expectedVersion: args.expectedVersion,
    now: args.now,
    compute: (current, now) => {
      const updated = applyUpdate({ registration: current, update, catalog: context.catalog, program: context.program, now });
      const next = current.locks?.length
        ? { ...updated, locks: locksForLines(current.locks, current.customer, current.productLines, updated.productLines) }
        : updated;
      const needsLook = next.reviewRequestedAt !== current.reviewRequestedAt;
      return {
        next,
        action: 'updated',
        detail: `changed ${Object.keys(update).join(', ')}`,
        happening: needsLook ? { kind: 'needs_review', reason: ABOVE_AUTO_APPROVAL } : { kind: 'updated' },
        note: needsLook
          ? { action: 'needs_review', detail: `${ABOVE_AUTO_APPROVAL} Protection kept; the partner manager is asked to look.` }
          : undefined,
      };
    },
  });
  return registration;
}
