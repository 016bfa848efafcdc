/** Contract of the reviews area: the managers' review queue and their decisions, and the review links of mails. */
import * as z from 'zod';
import { MANAGER_ROLES } from '../domain/caller.js';
import { ListQuery, listOf, RegistrationParams } from '../schemas/common.js';
import { Decision, Registration } from '../schemas/registration.js';
import { defineRoute } from './route-contract.js';

export const reviewRoutes = {
  queue: defineRoute({
    method: 'GET',
    path: '/reviews',
    entry: 'functions/reviews/queue.ts',
    handler: 'handler',
    summary: "Registrations awaiting a decision in the caller's regions, oldest first",
    auth: 'jwt',
    roles: MANAGER_ROLES,
    table: 'record-reads',
    query: ListQuery,
    response: { status: 200, schema: listOf(Registration), description: 'A page of the review queue' },
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/registrations/{id}/decision',
    entry: 'functions/reviews/decide.ts',
    handler: 'handler',
    summary: 'Approve or reject a registration awaiting review (managers of its region)',
    auth: 'jwt',
    roles: MANAGER_ROLES,
    table: 'write',
    params: RegistrationParams,
    body: Decision,
    conflict: 'The registration no longer awaits a decision, or is decided through its conflict case',
    response: { status: 200, schema: Registration, description: 'The decided registration' },
  }),
};

const ReviewLinkParams = z.strictObject({ token: z.string().min(1).max(2048) });
const reviewLink = {
  path: '/review/{token}',
  entry: 'functions/review-links/review-page.ts',
  auth: 'public',
  roles: [],
  params: ReviewLinkParams,
} as const;

export const reviewLinkRoutes = {
  view: defineRoute({
    ...reviewLink,
    method: 'GET',
    handler: 'view',
    summary: 'The review page an email links to: shows the deal and the choice, changes nothing',
    table: 'read',
    pages: {
      403: 'The link was sent to someone who no longer reviews the region',
      404: 'The link is not valid',
      410: 'The link has expired',
    },
    response: { status: 200, description: 'An HTML page', contentType: 'text/html' },
  }),
  head: defineRoute({
    ...reviewLink,
    method: 'HEAD',
    handler: 'head',
    summary: 'Link checks by mail scanners: answers without reading or changing anything',
    table: 'none',
    response: { status: 200, description: 'No body', contentType: 'text/html' },
  }),
  decide: defineRoute({
    ...reviewLink,
    method: 'POST',
    handler: 'decide',
    summary: 'Decide from the review page (form fields decision=approve|reject and optional reason)',
    table: 'write',
    bodyType: 'form',
    pages: {
      400: 'The form came without a decision (a scanner submitting it): the page asks for one',
      403: 'The link was sent to someone who no longer reviews the region',
      404: 'The link is not valid',
      409: 'Already decided: the page shows the current state',
      410: 'The link has expired',
    },
    response: { status: 200, description: 'An HTML page with the outcome', contentType: 'text/html' },
  }),
};
