import { metaRoutes } from '../../shared/api/meta.js';
import { constantRoute } from '../../shared/http/constant-route.js';

export const handler = constantRoute(metaRoutes.health, { status: 200, body: { status: 'ok' } });
