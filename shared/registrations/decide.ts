/**
 * The one decision use case behind `POST /registrations/{id}/decision`, `POST /registrations/{id}/extensions/decision`
 * and the review link, so who may decide what is checked in one place (SPEC §3 Authority):
 * - only a partner manager or regional director of the registration's region decides (others do not see it: 404);
 * - a registration in conflict is decided only through its conflict case, never here (409);
 * - a review decides a submitted registration, an extension decision an approved one's pending request.
 */
import { program as programSettings } from '../db/setup-repository.js';
import { type Caller, isManager } from '../domain/caller.js';
import { Forbidden, IllegalTransition } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import { applyDecision, applyExtensionDecision } from '../domain/registration-changes.js';
import type { Decision } from '../schemas/registration.js';
import type { Program } from '../schemas/setup.js';
import { type Change, changeRegistration } from './change.js';

/** What is decided: the registration itself (its review) or its extension request. */
export type DecisionPurpose = 'review' | 'extension';

/** Where the decision was taken, recorded in the history. */
export type DecisionChannel = 'api' | 'review_link';

function assertDecidableHere(registration: StoredRegistration): void {
  if (registration.status === 'in_conflict') {
    throw new IllegalTransition(
      `This registration is in conflict: it is decided only through its conflict case${
        registration.conflictId ? ` ${registration.conflictId} (POST /conflicts/${registration.conflictId}/resolve)` : ''
      }.`,
    );
  }
}

/** Whether the registration still awaits a decision of this purpose (a review link works only then). */
export function awaitsDecision(registration: StoredRegistration, purpose: DecisionPurpose): boolean {
  return purpose === 'review'
    ? registration.status === 'submitted'
    : registration.status === 'approved' && registration.extension?.status === 'requested';
}

function decisionChange(
  current: StoredRegistration,
  purpose: DecisionPurpose,
  decision: Decision,
  channel: DecisionChannel,
  settings: Program,
  now: Date,
): Change {
  assertDecidableHere(current);
  const approve = decision.decision === 'approve';
  const detail =
    channel === 'review_link' ? (decision.reason ? `${decision.reason} (from the review link)` : 'from the review link') : decision.reason;
  return purpose === 'review'
    ? {
        next: applyDecision({ registration: current, decision, program: settings, now }),
        action: approve ? 'approved' : 'rejected',
        detail,
        happening: { kind: 'decided' },
      }
    : {
        next: applyExtensionDecision({ registration: current, decision, program: settings, now }),
        action: approve ? 'extension_approved' : 'extension_rejected',
        detail,
        happening: { kind: 'extension_decided' },
      };
}

export async function decideRegistration(args: {
  id: string;
  caller: Caller;
  purpose: DecisionPurpose;
  decision: Decision;
  channel: DecisionChannel;
  now: () => Date;
}): Promise<StoredRegistration> {
  const { caller, purpose, decision, channel } = args;
  if (!isManager(caller)) throw new Forbidden('Only partner managers and regional directors decide registrations.');
  const settings = await programSettings.get();
  const { registration } = await changeRegistration({
    id: args.id,
    // Managers see only their regions' registrations: a decision on another region's answers 404.
    caller,
    now: args.now,
    compute: (current, now) => decisionChange(current, purpose, decision, channel, settings, now),
  });
  return registration;
}
