/** Contract of the quarterly business reviews (SPEC §8): the pack of a dealer and quarter, and holding the review. */
import { MANAGER_ROLES } from '../domain/caller.js';
import { BusinessReview, BusinessReviewParams, HoldBusinessReviewInput } from '../schemas/business-reviews.js';
import { defineRoute } from './route-contract.js';

export const businessReviewRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/dealers/{dealerId}/business-reviews/{quarter}',
    entry: 'functions/business-reviews/business-reviews.ts',
    handler: 'get',
    summary:
      "A dealer's review pack for a quarter: frozen once the review is held, else computed now (KPIs vs the previous quarter and a year earlier, tier and gap, pipeline and protections, improvement plan, last review's commitments)",
    auth: 'jwt',
    roles: ['dealer', ...MANAGER_ROLES, 'channel_admin'],
    table: 'read',
    params: BusinessReviewParams,
    response: { status: 200, schema: BusinessReview, description: 'The review and its pack' },
  }),
  hold: defineRoute({
    method: 'POST',
    path: '/dealers/{dealerId}/business-reviews/{quarter}',
    entry: 'functions/business-reviews/business-reviews.ts',
    handler: 'hold',
    summary: 'Hold the review: freezes the pack as of now with the commitments agreed (owner, due date); once per dealer and quarter',
    auth: 'jwt',
    roles: [...MANAGER_ROLES, 'channel_admin'],
    table: 'write',
    params: BusinessReviewParams,
    body: HoldBusinessReviewInput,
    conflict: 'The review of this quarter was already held',
    response: { status: 201, schema: BusinessReview, description: 'The held review with its frozen pack' },
  }),
};
