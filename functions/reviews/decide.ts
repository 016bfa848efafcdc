import { reviewRoutes } from '../../shared/api/reviews.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { decideRegistration } from '../../shared/registrations/decide.js';

export const handler = httpRoute(reviewRoutes.decide, async ({ caller, params, body }) => {
  const registration = await decideRegistration({
    id: params.id,
    caller,
    purpose: 'review',
    decision: body,
    channel: 'api',
    now: () => new Date(),
  });
  return registrationResult(registration, caller);
});
