import { supportRoutes } from '../../shared/api/enablement.js';
import { supportContact } from '../../shared/enablement/support-contact.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const get = httpRoute(supportRoutes.get, async ({ caller }) => ({ status: 200, body: await supportContact(caller) }));
