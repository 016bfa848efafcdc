import { metaRoutes } from '../../shared/api/meta.js';
import { publicRoute } from '../../shared/http/public-route.js';

export const handler = publicRoute(metaRoutes.health, async () => ({ status: 200, body: { status: 'ok' } }));
