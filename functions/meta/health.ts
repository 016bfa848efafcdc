import { httpRoute } from '../../shared/http/route-handler.js';

export const handler = httpRoute('GET /health', async () => ({ status: 200, body: { status: 'ok' } }));
