/**
 * Contract of the integrations area: a dealer admin's API clients (OAuth 2 client credentials for its CRM) and
 * webhooks. None of these routes declares a scope: an API client never manages credentials or webhooks.
 */
import { ListQuery, listOf } from '../schemas/common.js';
import {
  ApiClient,
  ApiClientCreated,
  ApiClientInput,
  ApiClientParams,
  Webhook,
  WebhookDelivery,
  WebhookInput,
  WebhookParams,
  WebhookWithSecret,
} from '../schemas/integrations.js';
import { defineRoute } from './route-contract.js';

const dealerAdmin = { auth: 'jwt', roles: ['dealer'] } as const;

export const apiClientRoutes = {
  create: defineRoute({
    ...dealerAdmin,
    method: 'POST',
    path: '/api-clients',
    entry: 'functions/integrations/api-clients.ts',
    handler: 'create',
    summary: "Create an API client for the dealer's CRM; the secret is in this answer only",
    table: 'write',
    body: ApiClientInput,
    response: { status: 201, schema: ApiClientCreated, description: 'The client with its secret (shown once)' },
  }),
  list: defineRoute({
    ...dealerAdmin,
    method: 'GET',
    path: '/api-clients',
    entry: 'functions/integrations/api-clients.ts',
    handler: 'list',
    summary: "The dealer's API clients, newest first (never their secrets)",
    table: 'read',
    query: ListQuery,
    response: { status: 200, schema: listOf(ApiClient), description: 'A page of API clients' },
  }),
  revoke: defineRoute({
    ...dealerAdmin,
    method: 'DELETE',
    path: '/api-clients/{clientId}',
    entry: 'functions/integrations/api-clients.ts',
    handler: 'revoke',
    summary: 'Revoke an API client: its tokens stop working at the next request',
    table: 'write',
    params: ApiClientParams,
    response: { status: 204, description: 'Revoked (also when it was revoked before)' },
  }),
};

export const webhookRoutes = {
  create: defineRoute({
    ...dealerAdmin,
    method: 'POST',
    path: '/webhooks',
    entry: 'functions/integrations/webhooks.ts',
    handler: 'create',
    summary: "Subscribe an https URL to events of the dealer's own registrations; the signing secret is in this answer only",
    table: 'write',
    body: WebhookInput,
    conflict: 'The dealer has the maximum number of webhooks (10)',
    response: { status: 201, schema: WebhookWithSecret, description: 'The webhook with its signing secret (shown once)' },
  }),
  list: defineRoute({
    ...dealerAdmin,
    method: 'GET',
    path: '/webhooks',
    entry: 'functions/integrations/webhooks.ts',
    handler: 'list',
    summary: "The dealer's webhooks, newest first (never their secrets)",
    table: 'read',
    query: ListQuery,
    response: { status: 200, schema: listOf(Webhook), description: 'A page of webhooks' },
  }),
  remove: defineRoute({
    ...dealerAdmin,
    method: 'DELETE',
    path: '/webhooks/{id}',
    entry: 'functions/integrations/webhooks.ts',
    handler: 'remove',
    summary: 'Delete a webhook: nothing more is delivered to it',
    table: 'write',
    params: WebhookParams,
    response: { status: 204, description: 'Deleted' },
  }),
  rotateSecret: defineRoute({
    ...dealerAdmin,
    method: 'POST',
    path: '/webhooks/{id}/secret',
    entry: 'functions/integrations/webhooks.ts',
    handler: 'rotateSecret',
    summary: 'Rotate the signing secret; for 24 hours deliveries carry a signature with the previous secret too',
    table: 'write',
    params: WebhookParams,
    response: { status: 200, schema: WebhookWithSecret, description: 'The webhook with its new secret (shown once)' },
  }),
  deliveries: defineRoute({
    ...dealerAdmin,
    method: 'GET',
    path: '/webhooks/{id}/deliveries',
    entry: 'functions/integrations/webhooks.ts',
    handler: 'deliveries',
    summary: "The webhook's delivery log, newest first: each event with its attempts and the receiver's status codes",
    table: 'read',
    params: WebhookParams,
    query: ListQuery,
    response: { status: 200, schema: listOf(WebhookDelivery), description: 'A page of deliveries' },
  }),
};
