import { program } from '../../shared/db/setup-repository.js';
import { applyDecision } from '../../shared/domain/registration-changes.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { reviewRoutes } from '../../shared/api/reviews.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';

export const handler = httpRoute(
  reviewRoutes.decide,
  async ({ caller, params, body }) => {
    const settings = await program.get();
    const { registration } = await changeRegistration({
      id: params.id,
      caller,
      now: () => new Date(),
      compute: (current, now) => ({
        next: applyDecision({ registration: current, decision: body, program: settings, now }),
        action: body.decision === 'approve' ? 'approved' : 'rejected',
        detail: body.reason,
        happening: { kind: 'decided' },
      }),
    });
    return registrationResult(registration, caller);
  },
);
