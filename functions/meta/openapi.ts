import { openApiDocument } from '../../shared/api/openapi.js';
import { metaRoutes } from '../../shared/api/meta.js';
import { httpRoute } from '../../shared/http/route-handler.js';

const document = JSON.stringify(openApiDocument());

export const handler = httpRoute(metaRoutes.openapi, async () => ({
  status: 200,
  body: document,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
}));
