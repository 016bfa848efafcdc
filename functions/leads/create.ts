import { leadRoutes } from '../../shared/api/leads.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { createLead } from '../../shared/leads/create-lead.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const handler = httpRoute(leadRoutes.create, async ({ body, caller, headers }) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInput([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
  const { lead, replayed } = await createLead({ caller, input: body, idempotencyKey, now: new Date() });
  return {
    status: 201,
    body: lead,
    headers: { location: `/leads/${lead.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  };
});
