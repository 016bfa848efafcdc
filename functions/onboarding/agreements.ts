import { agreementRoutes } from '../../shared/api/onboarding.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import {
  acceptAgreement,
  currentAgreement,
  listAcceptances,
  listAgreements,
  publishAgreement,
} from '../../shared/onboarding/agreements.js';

export const put = httpRoute(agreementRoutes.put, async ({ params, body }) => ({
  status: 200,
  body: await publishAgreement({ version: params.version, input: body, now: new Date() }),
}));

export const list = httpRoute(agreementRoutes.list, async ({ query }) => ({ status: 200, body: await listAgreements(query) }));

export const current = httpRoute(agreementRoutes.current, async ({ caller }) => ({
  status: 200,
  body: await currentAgreement({ caller, now: new Date() }),
}));

export const accept = httpRoute(agreementRoutes.accept, async ({ caller, params }) => ({
  status: 200,
  body: await acceptAgreement({ caller, version: params.version, now: new Date() }),
}));

export const acceptances = httpRoute(agreementRoutes.acceptances, async ({ params, query }) => ({
  status: 200,
  body: await listAcceptances({ version: params.version, page: query }),
}));
