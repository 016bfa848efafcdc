/** After a dealer user's request has been answered: count the day's portal login (never fails the request; a CRM's API client is no login). */
import { countPortalLogin } from '../portal-logins.js';
import type { RouteMiddleware } from '../route-stack.js';

export const portalLoginCounting = (): RouteMiddleware => ({
  after: async (request) => {
    const { caller } = request.context;
    if (caller?.role === 'dealer' && caller.dealerId && !caller.apiClient) await countPortalLogin(caller.dealerId, caller.subject);
  },
});
