import { metaRoutes } from '../../shared/api/meta.js';
import { openApiDocument } from '../../shared/api/openapi.js';
import { publicRoute } from '../../shared/http/public-route.js';

const document = JSON.stringify(openApiDocument());

export const handler = publicRoute(metaRoutes.openapi, async () => ({
  status: 200,
  body: document,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
}));
