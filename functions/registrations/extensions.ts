import { program } from '../../shared/db/setup-repository.js';
import { applyExtensionRequest } from '../../shared/domain/registration-changes.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { registrationRoutes } from '../../shared/api/registrations.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';
import { decideRegistration } from '../../shared/registrations/decide.js';

export const request = httpRoute(
  registrationRoutes.requestExtension,
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

export const decide = httpRoute(
  registrationRoutes.decideExtension,
  async ({ caller, params, body }) => {
    const registration = await decideRegistration({
      id: params.id,
      caller,
      purpose: 'extension',
      decision: body,
      channel: 'api',
      now: () => new Date(),
    });
    return registrationResult(registration, caller);
  },
);
