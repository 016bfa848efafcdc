import { registrations } from '../../shared/db/registration-repository.js';
import { registrationResult } from '../../shared/http/registration-result.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { actorOf, assertVisible, isManufacturerSide } from '../../shared/registrations/access.js';

type Params = { id: string };

export const registration = httpRoute<undefined, Record<string, never>, Params>(
  'GET /registrations/{id}',
  async ({ caller, params }) => {
    const found = assertVisible(caller, await registrations.get(params.id));
    if (isManufacturerSide(caller)) {
      await registrations.recordRead(found.id, { at: new Date().toISOString(), action: 'viewed', actor: actorOf(caller) });
    }
    return registrationResult(found, caller);
  },
);

export const history = httpRoute<undefined, { limit: number; cursor?: string }, Params>(
  'GET /registrations/{id}/history',
  async ({ caller, params, query }) => {
    const found = assertVisible(caller, await registrations.get(params.id));
    if (isManufacturerSide(caller)) {
      await registrations.recordRead(found.id, {
        at: new Date().toISOString(),
        action: 'history_viewed',
        actor: actorOf(caller),
      });
    }
    return { status: 200, body: await registrations.history(found.id, query) };
  },
);
