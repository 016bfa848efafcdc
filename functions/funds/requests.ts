import { fundRoutes } from '../../shared/api/funds.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { visibleFundRequest } from '../../shared/funds/access.js';
import { decideFundRequest, listFundRequests, submitFundRequest, toApiFundRequest } from '../../shared/funds/requests.js';
import { httpRoute } from '../../shared/http/route-handler.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

export const submit = httpRoute(fundRoutes.submitRequest, async ({ body, caller, headers }) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInput([{ path: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
  const { request, replayed } = await submitFundRequest({ caller, input: body, idempotencyKey, now: new Date() });
  return {
    status: 201,
    body: request,
    headers: { location: `/fund-requests/${request.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  };
});

export const list = httpRoute(fundRoutes.listRequests, async ({ caller, query }) => ({
  status: 200,
  body: await listFundRequests(caller, query),
}));

export const read = httpRoute(fundRoutes.getRequest, async ({ caller, params }) => ({
  status: 200,
  body: toApiFundRequest(await visibleFundRequest(caller, params.id)),
}));

export const decide = httpRoute(fundRoutes.decideRequest, async ({ caller, params, body }) => ({
  status: 200,
  body: await decideFundRequest({ caller, id: params.id, decision: body, now: new Date() }),
}));
