/** What each change of a registration owes the outside world: the mails and domain events it puts in the outbox. */
import type { StoredRegistration } from '../domain/registration.js';
import { environment } from '../config/environment.js';
import type { OutboxMessage } from '../outbox/message.js';
import { domainEvent } from '../notifications/events.js';
import { dealerNotice, reviewPrompt, type Parties } from '../notifications/mails.js';
import { signReviewToken, type ReviewPurpose } from '../review-links/review-token.js';
import { reviewTokenSecret } from '../review-links/token-secret.js';

export type Happening =
  | { kind: 'submitted' }
  | { kind: 'auto_approved' }
  | { kind: 'decided' }
  | { kind: 'updated' }
  | { kind: 'withdrawn' }
  | { kind: 'closed' }
  | { kind: 'review_reminder' }
  | { kind: 'review_escalation' }
  | { kind: 'expiry_warning'; days: number }
  | { kind: 'expired' }
  | { kind: 'extension_requested' }
  | { kind: 'extension_decided' };

export async function reviewLink(registrationId: string, recipient: string, purpose: ReviewPurpose, now: Date) {
  const token = signReviewToken(
    { registrationId, recipient, purpose, expiresAt: now.getTime() + environment.reviewLinkTtlHours * 3_600_000 },
    await reviewTokenSecret(),
  );
  return `${environment.publicBaseUrl}/review/${token}`;
}

export async function effectsOf(
  happening: Happening,
  r: StoredRegistration,
  parties: Parties,
  now: Date,
): Promise<OutboxMessage[]> {
  const at = now.toISOString();
  let n = 0;
  const id = () => `${r.id}.v${r.version}.${n++}`;
  const event = (type: Parameters<typeof domainEvent>[1], extra?: Record<string, unknown>) =>
    domainEvent(id(), type, r, at, extra);
  const notice = (kind: Parameters<typeof dealerNotice>[0]['kind'], daysLeft?: number) =>
    dealerNotice({ id: id(), registration: r, parties, kind, ...(daysLeft === undefined ? {} : { daysLeft }) });
  const prompt = async (kind: Parameters<typeof reviewPrompt>[0]['kind'], to: string) =>
    reviewPrompt({
      id: id(),
      registration: r,
      parties,
      kind,
      to,
      link: await reviewLink(r.id, to, kind === 'extension' ? 'extension' : 'review', now),
    });
  const { partnerManagerEmail, regionalDirectorEmail } = parties.region;

  switch (happening.kind) {
    case 'submitted':
      return [event('RegistrationSubmitted'), await prompt('review', partnerManagerEmail)];
    case 'auto_approved':
      return [event('RegistrationSubmitted'), event('RegistrationApproved', { automatic: true }), notice('approved')];
    case 'decided':
      return r.status === 'approved'
        ? [event('RegistrationApproved'), notice('approved')]
        : [event('RegistrationRejected'), notice('rejected')];
    case 'updated':
      return [event('RegistrationUpdated')];
    case 'withdrawn':
      return [event('RegistrationWithdrawn')];
    case 'closed':
      return [event(r.status === 'won' ? 'RegistrationWon' : 'RegistrationLost')];
    case 'review_reminder':
      return [event('ReviewOverdue', { level: 'target' }), await prompt('reminder', partnerManagerEmail)];
    case 'review_escalation':
      return [event('ReviewEscalated', { escalatedTo: 'regional_director' }), await prompt('escalation', regionalDirectorEmail)];
    case 'expiry_warning':
      return [event('ProtectionExpiring', { daysLeft: happening.days }), notice('expiring', happening.days)];
    case 'expired':
      return [event('ProtectionExpired'), notice('expired')];
    case 'extension_requested':
      return [event('ExtensionRequested', { days: r.extension?.days }), await prompt('extension', partnerManagerEmail)];
    case 'extension_decided':
      return [
        event('ExtensionDecided', { decision: r.extension?.status }),
        notice(r.extension?.status === 'approved' ? 'extension_approved' : 'extension_rejected'),
      ];
  }
}
