import { registrationRoutes } from '../../shared/api/registrations.js';
import { registrations } from '../../shared/db/registration-repository.js';
import { actorOf, isManufacturerSide } from '../../shared/domain/caller.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { assertVisible } from '../../shared/registrations/access.js';

export const registration = httpRoute(registrationRoutes.read, async ({ caller, params }) => {
  const found = assertVisible(caller, await registrations.get(params.id));
  if (isManufacturerSide(caller)) {
    await registrations.recordRead(found.id, { at: new Date().toISOString(), action: 'viewed', actor: actorOf(caller) });
  }
  return registrationResult(found, caller);
});

export const history = httpRoute(registrationRoutes.history, async ({ caller, params, query }) => {
  const found = assertVisible(caller, await registrations.get(params.id));
  if (isManufacturerSide(caller)) {
    await registrations.recordRead(found.id, {
      at: new Date().toISOString(),
      action: 'history_viewed',
      actor: actorOf(caller),
    });
  }
  return { status: 200, body: await registrations.history(found.id, query) };
});
