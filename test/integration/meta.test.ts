import { describe, expect, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';
import { qualifiedScope } from '../../shared/domain/api-scopes.js';
import { CRM_CLIENT_SCHEME } from '../../shared/integrations/token-url.js';
import { call } from '../support/api.js';

describe('public routes', () => {
  it('GET /health answers without a token', async () => {
    const response = await call('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /openapi.json describes every route of the route table with its schemas', async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.body) expect(operation.requestBody.content['application/json'].schema).toBeDefined();
      // A user's token, or a dealer's CRM client with the scope the route declares.
      if (route.auth === 'jwt') {
        expect(operation.security).toEqual([
          { bearer: [] },
          ...(route.scope ? [{ [CRM_CLIENT_SCHEME]: [qualifiedScope(route.scope)] }] : []),
        ]);
      }
    }
    // Bodies are named components: follow the $ref.
    const reference: string = document.paths['/registrations'].post.requestBody.content['application/json'].schema.$ref;
    const registration = document.components.schemas[reference.replace('#/components/schemas/', '')];
    expect(registration.required).toEqual(
      expect.arrayContaining(['customer', 'contact', 'products', 'expectedValue', 'expectedCloseDate']),
    );
    expect(registration.additionalProperties).toBe(false);
  });

  it('answers unknown routes with 404, as API Gateway does', async () => {
    expect((await call('GET', '/nope')).status).toBe(404);
    expect((await call('DELETE', '/registrations')).status).toBe(404);
  });
});
