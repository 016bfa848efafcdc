import { businessReviewRoutes } from '../../shared/api/business-reviews.js';
import { businessReview, holdBusinessReview } from '../../shared/business-reviews/review-pack.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { visibleDealer } from '../../shared/partner-program/access.js';

export const get = httpRoute(businessReviewRoutes.get, async ({ caller, params }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  return { status: 200, body: await businessReview(dealer, params.quarter, new Date()) };
});

export const hold = httpRoute(businessReviewRoutes.hold, async ({ caller, params, body }) => {
  const dealer = await visibleDealer(caller, params.dealerId);
  const review = await holdBusinessReview({ caller, dealer, quarter: params.quarter, input: body, now: new Date() });
  return { status: 201, body: review, headers: { location: `/dealers/${dealer.id}/business-reviews/${params.quarter}` } };
});
