import { dealerUserRoutes } from '../../shared/api/onboarding.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { disableDealerUser, inviteDealerUser, listDealerUsers } from '../../shared/onboarding/dealer-users.js';

export const list = httpRoute(dealerUserRoutes.list, async ({ caller, params, query }) => ({
  status: 200,
  body: await listDealerUsers({ caller, dealerId: params.dealerId, page: query }),
}));

export const invite = httpRoute(dealerUserRoutes.invite, async ({ caller, params, body }) => {
  const { user, created } = await inviteDealerUser({ caller, dealerId: params.dealerId, input: body, now: new Date() });
  return { status: created ? 201 : 200, body: user };
});

export const disable = httpRoute(dealerUserRoutes.disable, async ({ caller, params }) => ({
  status: 200,
  body: await disableDealerUser({ caller, dealerId: params.dealerId, userId: params.userId, now: new Date() }),
}));
