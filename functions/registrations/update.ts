import { InvalidInput, PreconditionRequired } from '../../shared/domain/errors.js';
import { applyUpdate } from '../../shared/domain/registration-changes.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { loadSubmissionContext } from '../../shared/db/setup-repository.js';
import { registrationRoutes } from '../../shared/api/registrations.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { changeRegistration } from '../../shared/registrations/change.js';

/** Accepts `"3"`, `W/"3"` or a bare `3`. */
function versionFrom(ifMatch: string | undefined): number {
  if (ifMatch === undefined) throw new PreconditionRequired('Send If-Match with the version you read (its ETag).');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw new InvalidInput([{ path: 'If-Match', message: 'must be the ETag of the registration, such as "3"' }]);
  return Number(match[1]);
}

export const handler = httpRoute(
  registrationRoutes.update,
  async ({ caller, params, body, headers }) => {
    const expectedVersion = versionFrom(headers['if-match']);
    const context = await loadSubmissionContext(caller.dealerId as string, body.products?.map((p) => p.sku) ?? []);
    const { registration } = await changeRegistration({
      id: params.id,
      caller,
      expectedVersion,
      now: () => new Date(),
      compute: (current, now) => ({
        next: applyUpdate({ registration: current, update: body, catalog: context.catalog, program: context.program, now }),
        action: 'updated',
        detail: `changed ${Object.keys(body).join(', ')}`,
        happening: { kind: 'updated' },
      }),
    });
    return registrationResult(registration, caller);
  },
);
