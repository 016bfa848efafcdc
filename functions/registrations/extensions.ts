import { program } from '../../shared/db/setup-repository.js';
import { applyExtensionDecision, applyExtensionRequest } from '../../shared/domain/registration-changes.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import type { Decision, ExtensionRequest } from '../../shared/schemas/registration.js';

type Params = { id: string };

export const request = httpRoute<ExtensionRequest, Record<string, never>, Params>(
  'POST /registrations/{id}/extensions',
  async ({ caller, params, body }) => {
    const settings = await program.get();
    const { registration } = await changeRegistration({
      id: params.id,
      caller,
      now: () => new Date(),
      compute: (current, now) => ({
        next: applyExtensionRequest({ registration: current, request: body, program: settings, now }),
        action: 'extension_requested',
        detail: `${body.days} days: ${body.reason}`,
        happening: { kind: 'extension_requested' },
      }),
    });
    return registrationResult(registration, caller);
  },
);

export const decide = httpRoute<Decision, Record<string, never>, Params>(
  'POST /registrations/{id}/extensions/decision',
  async ({ caller, params, body }) => {
    const settings = await program.get();
    const { registration } = await changeRegistration({
      id: params.id,
      caller,
      now: () => new Date(),
      compute: (current, now) => ({
        next: applyExtensionDecision({ registration: current, decision: body, program: settings, now }),
        action: body.decision === 'approve' ? 'extension_approved' : 'extension_rejected',
        detail: body.reason,
        happening: { kind: 'extension_decided' },
      }),
    });
    return registrationResult(registration, caller);
  },
);
