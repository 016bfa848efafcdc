import { registrationRoutes } from '../../shared/api/registrations.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { decideRegistration } from '../../shared/registrations/decide.js';
import { requestExtension } from '../../shared/registrations/request-extension.js';

export const request = httpRoute(registrationRoutes.requestExtension, async ({ caller, params, body }) => {
  const registration = await requestExtension({ caller, id: params.id, request: body, now: () => new Date() });
  return registrationResult(registration, caller);
});

export const decide = httpRoute(registrationRoutes.decideExtension, async ({ caller, params, body }) => {
  const registration = await decideRegistration({
    id: params.id,
    caller,
    purpose: 'extension',
    decision: body,
    channel: 'api',
    now: () => new Date(),
  });
  return registrationResult(registration, caller);
});
