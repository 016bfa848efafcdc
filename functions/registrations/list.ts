import { registrations } from '../../shared/db/registration-repository.js';
import { toApiRegistration, type RegistrationStatus } from '../../shared/domain/registration.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const handler = httpRoute<undefined, { status?: RegistrationStatus; limit: number; cursor?: string }>(
  'GET /registrations',
  async ({ caller, query }) => {
    const page = await registrations.listForDealer(caller.dealerId as string, query.status, query);
    return { status: 200, body: { items: page.items.map((r) => toApiRegistration(r)), nextCursor: page.nextCursor } };
  },
);
