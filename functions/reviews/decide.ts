import { program } from '../../shared/db/setup-repository.js';
import { applyDecision } from '../../shared/domain/registration-changes.js';
import { toApiRegistration } from '../../shared/domain/registration.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import type { Decision } from '../../shared/schemas/registration.js';

export const handler = httpRoute<Decision, Record<string, never>, { id: string }>(
  'POST /registrations/{id}/decision',
  async ({ caller, params, body }) => {
    const settings = await program.get();
    const decided = await changeRegistration({
      id: params.id,
      caller,
      action: body.decision === 'approve' ? 'approved' : 'rejected',
      ...(body.reason ? { detail: body.reason } : {}),
      now: () => new Date(),
      compute: (registration, now) => applyDecision({ registration, decision: body, program: settings, now }),
    });
    return { status: 200, body: toApiRegistration(decided), headers: { etag: `"${decided.version}"` } };
  },
);
