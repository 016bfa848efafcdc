import { registrationRoutes } from '../../shared/api/registrations.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { submitRegistration } from '../../shared/registrations/submit.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const handler = httpRoute(registrationRoutes.submit, async ({ body, caller, headers }) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInput([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
  const { registration, replayed } = await submitRegistration({ caller, input: body, idempotencyKey, now: new Date() });
  return {
    status: 201,
    body: registration,
    headers: {
      location: `/registrations/${registration.id}`,
      etag: `"${registration.version}"`,
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
});
