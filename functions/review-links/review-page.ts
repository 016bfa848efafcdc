/**
 * The review link from the email. GET shows the deal and the choice and changes nothing (mail scanners open
 * links); HEAD reads nothing; only a POST with the button's `decision` decides, as a conditional write that
 * requires the registration to still await that decision, so a link works once.
 */
import { registrations } from '../../shared/db/registration-repository.js';
import { loadParties, program } from '../../shared/db/setup-repository.js';
import { DomainError, IllegalTransition } from '../../shared/domain/errors.js';
import { applyDecision, applyExtensionDecision } from '../../shared/domain/registration-changes.js';
import type { StoredRegistration } from '../../shared/domain/registration.js';
import type { Caller } from '../../shared/domain/caller.js';
import { reviewLinkRoutes } from '../../shared/api/reviews.js';
import { httpRoute, type HttpResult } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import { verifyReviewToken, type ReviewClaims } from '../../shared/review-links/review-token.js';
import { currentState, decisionForm, expiredLink, invalidLink, notYourRegion } from '../../shared/review-links/review-page.js';
import { reviewTokenSecret } from '../../shared/review-links/token-secret.js';
import { ReviewFormDecision } from '../../shared/schemas/registration.js';

const awaits = (r: StoredRegistration, purpose: ReviewClaims['purpose']) =>
  purpose === 'review' ? r.status === 'submitted' || r.status === 'in_conflict' : r.extension?.status === 'requested' && r.status === 'approved';

type Opened =
  | { ok: true; claims: ReviewClaims; registration: StoredRegistration; dealerName: string; reviewer: Caller }
  | { ok: false; page: HttpResult };

/** Checks the token, loads the registration and confirms the recipient still reviews its region. */
async function open(token: string, now: Date): Promise<Opened> {
  const check = verifyReviewToken(token, await reviewTokenSecret(), now);
  if (!check.valid && check.reason === 'forged') return { ok: false, page: invalidLink() };
  const claims = check.claims as ReviewClaims;
  const registration = await registrations.get(claims.registrationId);
  if (!registration) return { ok: false, page: invalidLink() };
  const { dealer, region } = await loadParties(registration.dealerId, registration.regionId);
  if (!check.valid) return { ok: false, page: expiredLink(registration, dealer.name) };
  const role =
    claims.recipient === region.regionalDirectorEmail
      ? 'regional_director'
      : claims.recipient === region.partnerManagerEmail
        ? 'partner_manager'
        : undefined;
  if (!role) return { ok: false, page: notYourRegion() };
  const reviewer: Caller = { role, email: claims.recipient, subject: claims.recipient, regions: [registration.regionId] };
  return { ok: true, claims, registration, dealerName: dealer.name, reviewer };
}

export const view = httpRoute(reviewLinkRoutes.view, async ({ params }) => {
  const opened = await open(params.token, new Date());
  if (!opened.ok) return opened.page;
  const { registration, dealerName, claims } = opened;
  return awaits(registration, claims.purpose)
    ? decisionForm(registration, dealerName, claims.purpose)
    : currentState(200, 'Already decided', registration, dealerName);
});

export const head = httpRoute(reviewLinkRoutes.head, async () => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' },
}));

export const decide = httpRoute(
  reviewLinkRoutes.decide,
  async ({ params, body }) => {
    const opened = await open(params.token, new Date());
    if (!opened.ok) return opened.page;
    const { registration, dealerName, claims, reviewer } = opened;
    if (!awaits(registration, claims.purpose)) return currentState(409, 'Already decided', registration, dealerName);
    const form = ReviewFormDecision.safeParse(body);
    if (!form.success) return decisionForm(registration, dealerName, claims.purpose, 'Choose Approve or Reject.');
    const reason = form.data.reason || undefined;
    if (form.data.decision === 'reject' && !reason) {
      return decisionForm(registration, dealerName, claims.purpose, 'Give a reason to reject.');
    }
    const decision = form.data.decision === 'approve' ? { decision: 'approve' as const, reason } : { decision: 'reject' as const, reason: reason as string };
    const settings = await program.get();
    try {
      const { registration: decided } = await changeRegistration({
        id: registration.id,
        caller: reviewer,
        now: () => new Date(),
        compute: (current, now) => {
          if (!awaits(current, claims.purpose)) throw new IllegalTransition('Already decided.');
          return claims.purpose === 'review'
            ? {
                next: applyDecision({ registration: current, decision, program: settings, now }),
                action: decision.decision === 'approve' ? 'approved' : 'rejected',
                detail: reason ? `${reason} (from the review link)` : 'from the review link',
                happening: { kind: 'decided' },
              }
            : {
                next: applyExtensionDecision({ registration: current, decision, program: settings, now }),
                action: decision.decision === 'approve' ? 'extension_approved' : 'extension_rejected',
                detail: reason ? `${reason} (from the review link)` : 'from the review link',
                happening: { kind: 'extension_decided' },
              };
        },
      });
      const done = claims.purpose === 'review' ? `Registration ${decided.status}` : `Extension ${decided.extension?.status}`;
      return currentState(200, done, decided, dealerName);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const latest = (await registrations.get(registration.id)) ?? registration;
      return currentState(409, 'Already decided', latest, dealerName);
    }
  },
);
