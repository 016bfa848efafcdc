import { existsSync, readFileSync } from 'node:fs';
import { metaRoutes } from '../../shared/api/meta.js';
import { constantRoute } from '../../shared/http/constant-route.js';
import { withTokenUrl } from '../../shared/integrations/token-url.js';

/**
 * The document the build writes beside the bundle (BUILT_FILES, infra/constructs/lambda-bundling.ts): generating
 * it takes ~80 ms and the route table ~80 ms more to load. It gets the stage's token URL here, which the build does
 * not know. Where there is none (the local stack, tests) it is generated here, from the same route table.
 */
const built = new URL('./openapi.json', import.meta.url);
const document = existsSync(built)
  ? JSON.stringify(withTokenUrl(JSON.parse(readFileSync(built, 'utf8'))))
  : JSON.stringify((await import('../../shared/api/openapi.js')).openApiDocument());

export const handler = constantRoute(metaRoutes.openapi, {
  status: 200,
  body: document,
  headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
});
