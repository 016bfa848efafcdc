/** What each change of a registration owes the outside world: the mails and domain events it puts in the outbox. */

import { environment } from '../config/environment.js';
import type { StoredRegistration } from '../domain/registration.js';
import { domainEvent } from '../notifications/events.js';
import { conflictNotice, dealerNotice, type Parties, reviewPrompt, reviewRequest } from '../notifications/mails.js';
import type { OutboxMessage } from '../outbox/message.js';
import { type ReviewPurpose, signReviewToken } from '../review-links/review-token.js';
import { reviewTokenSecret } from '../review-links/token-secret.js';
import type { Language } from '../schemas/setup.js';

export type Happening =
  | { kind: 'submitted' }
  | { kind: 'conflict_flagged'; conflictId: string; owner: string; ownerLanguage: Language }
  | { kind: 'auto_approved' }
  | { kind: 'decided' }
  | { kind: 'updated' }
  | { kind: 'needs_review'; reason: string }
  | { kind: 'withdrawn' }
  | { kind: 'closed' }
  | { kind: 'review_reminder' }
  | { kind: 'review_escalation' }
  | { kind: 'expiry_warning'; days: number }
  | { kind: 'expired' }
  | { kind: 'extension_requested' }
  | { kind: 'extension_decided' };

const linkExpiry = (now: Date) => now.getTime() + environment.reviewLinkTtlHours * 3_600_000;

export async function reviewLink(registrationId: string, recipient: string, purpose: ReviewPurpose, now: Date) {
  const token = signReviewToken({ registrationId, recipient, purpose, expiresAt: linkExpiry(now) }, await reviewTokenSecret());
  return `${environment.publicBaseUrl}/review/${token}`;
}

/** Where a mail's button leads in the partner portal (its paths: portal/src/app/paths.ts). */
const portalLink = (path: string) => `${environment.portalBaseUrl}${path}`;
const registrationPage = (id: string) => portalLink(`/registrations/${encodeURIComponent(id)}`);
const conflictPage = (id: string) => portalLink(`/conflicts/${encodeURIComponent(id)}`);

/** What the mails need besides the registration: who they go to and the program's review window. */
export type ChangeParties = Parties & { reviewWindow: { targetHours: number; limitHours: number } };

const hoursAfter = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

/**
 * The messages a change owes. `loadParties` (the dealer and its region's managers) is read only by changes that
 * send mail: an update, withdrawal or outcome publishes events alone and costs no extra read.
 */
export async function effectsOf(
  happening: Happening,
  r: StoredRegistration,
  loadParties: () => Promise<ChangeParties>,
  now: Date,
): Promise<OutboxMessage[]> {
  const at = now.toISOString();
  let n = 0;
  const id = () => `${r.id}.v${r.version}.${n++}`;
  const event = (type: Parameters<typeof domainEvent>[1], extra?: Record<string, unknown>) => domainEvent(id(), type, r, at, extra);
  const notice = async (kind: Parameters<typeof dealerNotice>[0]['kind'], daysLeft?: number) =>
    dealerNotice({
      id: id(),
      registration: r,
      parties: await loadParties(),
      kind,
      link: registrationPage(r.id),
      ...(daysLeft === undefined ? {} : { daysLeft }),
    });
  const prompt = async (kind: Parameters<typeof reviewPrompt>[0]['kind'], to: (region: Parties['region']) => string) => {
    // SPEC §3: a registration in conflict is decided only through its case, so no link is ever minted for one.
    if (r.status === 'in_conflict') throw new Error(`No review link for ${r.id}: it is in conflict`);
    const parties = await loadParties();
    const recipient = to(parties.region);
    const window = parties.reviewWindow;
    const decideBy = {
      review: () => hoursAfter(r.submittedAt, window.targetHours),
      reminder: () => hoursAfter(r.submittedAt, window.limitHours),
      escalation: () => new Date(linkExpiry(now)).toISOString(),
      extension: () => r.protectedUntil ?? hoursAfter(at, window.targetHours),
    }[kind]();
    return reviewPrompt({
      decideBy,
      id: id(),
      registration: r,
      parties,
      kind,
      to: recipient,
      link: await reviewLink(r.id, recipient, kind === 'extension' ? 'extension' : 'review', now),
    });
  };
  const partnerManager = (region: Parties['region']) => region.partnerManagerEmail;
  const regionalDirector = (region: Parties['region']) => region.regionalDirectorEmail;

  switch (happening.kind) {
    case 'submitted':
      return [event('RegistrationSubmitted'), await prompt('review', partnerManager)];
    case 'conflict_flagged':
      return [
        event('RegistrationSubmitted'),
        await (async () => {
          const parties = await loadParties();
          return conflictNotice({
            id: id(),
            registration: r,
            parties: { ...parties, region: { ...parties.region, language: happening.ownerLanguage } },
            conflictId: happening.conflictId,
            to: happening.owner,
            link: conflictPage(happening.conflictId),
            // The case moves up to the regional director at the review limit of its newest registration.
            settleBy: hoursAfter(r.submittedAt, parties.reviewWindow.limitHours),
          });
        })(),
      ];
    case 'auto_approved':
      return [event('RegistrationSubmitted'), event('RegistrationApproved', { automatic: true }), await notice('approved')];
    case 'decided':
      return r.status === 'approved'
        ? [event('RegistrationApproved'), await notice('approved')]
        : [event('RegistrationRejected'), await notice('rejected')];
    case 'updated':
      return [event('RegistrationUpdated')];
    case 'needs_review':
      return [
        event('RegistrationUpdated'),
        reviewRequest({ id: id(), registration: r, parties: await loadParties(), reason: happening.reason, link: registrationPage(r.id) }),
      ];
    case 'withdrawn':
      return [event('RegistrationWithdrawn')];
    case 'closed':
      return [event(r.status === 'won' ? 'RegistrationWon' : 'RegistrationLost')];
    case 'review_reminder':
      return [event('ReviewOverdue', { level: 'target' }), await prompt('reminder', partnerManager)];
    case 'review_escalation':
      return [event('ReviewEscalated', { escalatedTo: 'regional_director' }), await prompt('escalation', regionalDirector)];
    case 'expiry_warning':
      return [event('ProtectionExpiring', { daysLeft: happening.days }), await notice('expiring', happening.days)];
    case 'expired':
      return [event('ProtectionExpired'), await notice('expired')];
    case 'extension_requested':
      return [event('ExtensionRequested', { days: r.extension?.days }), await prompt('extension', partnerManager)];
    case 'extension_decided':
      return [
        event('ExtensionDecided', { decision: r.extension?.status }),
        await notice(r.extension?.status === 'approved' ? 'extension_approved' : 'extension_rejected'),
      ];
  }
}
