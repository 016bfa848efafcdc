import { registrationRoutes } from '../../shared/api/registrations.js';
import { registrations } from '../../shared/db/registration-repository.js';
import { toApiRegistration } from '../../shared/domain/registration.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const handler = httpRoute(registrationRoutes.list, async ({ caller, query }) => {
  const dealerId = caller.dealerId as string;
  const page = query.q
    ? await registrations.searchForDealer(dealerId, query.status, query.q, query)
    : await registrations.listForDealer(dealerId, query.status, query);
  return { status: 200, body: { items: page.items.map((r) => toApiRegistration(r)), nextCursor: page.nextCursor } };
});
