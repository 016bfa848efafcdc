import { openApiDocument } from '../../shared/api/openapi.js';
import { httpRoute } from '../../shared/http/route-handler.js';

const document = JSON.stringify(openApiDocument());

export const handler = httpRoute('GET /openapi.json', async () => ({
  status: 200,
  body: document,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
}));
