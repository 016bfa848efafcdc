import { registrationRoutes } from '../../shared/api/registrations.js';
import { InvalidInput, PreconditionRequired } from '../../shared/domain/errors.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { updateRegistration } from '../../shared/registrations/update.js';

/** Accepts `"3"`, `W/"3"` or a bare `3`. */
function versionFrom(ifMatch: string | undefined): number {
  if (ifMatch === undefined) throw new PreconditionRequired('Send If-Match with the version you read (its ETag).');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw new InvalidInput([{ path: 'If-Match', message: 'must be the ETag of the registration, such as "3"' }]);
  return Number(match[1]);
}

export const handler = httpRoute(registrationRoutes.update, async ({ caller, params, body, headers }) => {
  const registration = await updateRegistration({
    caller,
    id: params.id,
    expectedVersion: versionFrom(headers['if-match']),
    update: body,
    now: () => new Date(),
  });
  return registrationResult(registration, caller);
});
