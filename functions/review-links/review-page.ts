/**
 * The review link from the email. GET shows the deal and the choice and changes nothing (mail scanners open
 * links); HEAD reads nothing; only a POST with the button's `decision` decides, through the same decision use
 * case as the API, as a conditional write that requires the registration to still await that decision, so a
 * link works once. An expired, used or refused link shows the state only, never the deal.
 */

import { reviewLinkRoutes } from '../../shared/api/reviews.js';
import { registrations } from '../../shared/db/registration-repository.js';
import { loadParties } from '../../shared/db/setup-repository.js';
import type { Caller } from '../../shared/domain/caller.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { StoredRegistration } from '../../shared/domain/registration.js';
import { fieldErrors } from '../../shared/http/problem.js';
import { publicRoute } from '../../shared/http/public-route.js';
import type { HttpResult } from '../../shared/http/route-stack.js';
import { awaitsDecision, decideRegistration } from '../../shared/registrations/decide.js';
import { currentState, decisionForm, expiredLink, inConflict, invalidLink, notYourRegion } from '../../shared/review-links/review-page.js';
import { type ReviewClaims, verifyReviewToken } from '../../shared/review-links/review-token.js';
import { reviewTokenSecret } from '../../shared/review-links/token-secret.js';
import { ReviewFormDecision } from '../../shared/schemas/registration.js';

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
  if (!check.valid) return { ok: false, page: expiredLink(registration) };
  const { dealer, region } = await loadParties(registration.dealerId, registration.regionId);
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

/** The page for a registration this link can no longer decide. */
const settled = (status: number, registration: StoredRegistration) =>
  registration.status === 'in_conflict' ? inConflict(status) : currentState(status, 'Already decided', registration);

export const view = publicRoute(reviewLinkRoutes.view, async ({ params }) => {
  const opened = await open(params.token, new Date());
  if (!opened.ok) return opened.page;
  const { registration, dealerName, claims } = opened;
  return awaitsDecision(registration, claims.purpose) ? decisionForm(registration, dealerName, claims.purpose) : settled(200, registration);
});

export const head = publicRoute(reviewLinkRoutes.head, async () => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' },
}));

export const decide = publicRoute(reviewLinkRoutes.decide, async ({ params, body }) => {
  const opened = await open(params.token, new Date());
  if (!opened.ok) return opened.page;
  const { registration, dealerName, claims, reviewer } = opened;
  if (!awaitsDecision(registration, claims.purpose)) return settled(409, registration);
  const form = ReviewFormDecision.safeParse(body);
  if (!form.success) {
    const reasonProblem = fieldErrors(form.error.issues).find((e) => e.path === '/reason');
    return decisionForm(
      registration,
      dealerName,
      claims.purpose,
      reasonProblem ? `The reason ${reasonProblem.message}.` : 'Choose Approve or Reject.',
    );
  }
  const reason = form.data.reason || undefined;
  if (form.data.decision === 'reject' && !reason) {
    return decisionForm(registration, dealerName, claims.purpose, 'Give a reason to reject.');
  }
  const decision =
    form.data.decision === 'approve' ? { decision: 'approve' as const, reason } : { decision: 'reject' as const, reason: reason as string };
  try {
    const decided = await decideRegistration({
      id: registration.id,
      caller: reviewer,
      purpose: claims.purpose,
      decision,
      channel: 'review_link',
      now: () => new Date(),
    });
    const done = claims.purpose === 'review' ? `Registration ${decided.status}` : `Extension ${decided.extension?.status}`;
    return currentState(200, done, decided);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return settled(409, (await registrations.get(registration.id)) ?? registration);
  }
});
