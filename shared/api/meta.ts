/** Contract of the meta routes: liveness and the API description (zod/mini: GET /health stays a few KB). */
import * as z from 'zod/mini';
import { defineRoute } from './route-contract.js';

export const metaRoutes = {
  health: defineRoute({
    method: 'GET',
    path: '/health',
    entry: 'functions/meta/health.ts',
    handler: 'handler',
    summary: 'Liveness check',
    auth: 'public',
    roles: [],
    table: 'none',
    response: { status: 200, schema: z.object({ status: z.literal('ok') }), description: 'The API is up' },
  }),
  openapi: defineRoute({
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/meta/openapi.ts',
    handler: 'handler',
    summary: 'This API description (OpenAPI 3.1)',
    auth: 'public',
    roles: [],
    table: 'none',
    response: { status: 200, description: 'The OpenAPI document' },
  }),
};
