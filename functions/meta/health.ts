import { metaRoutes } from '../../shared/api/meta.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const handler = httpRoute(metaRoutes.health, async () => ({ status: 200, body: { status: 'ok' } }));
