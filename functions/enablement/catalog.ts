import { catalogRoutes } from '../../shared/api/enablement.js';
import { catalogProduct, listCatalog } from '../../shared/enablement/catalog.js';
import { httpRoute } from '../../shared/http/route-handler.js';

export const list = httpRoute(catalogRoutes.list, async ({ caller, query }) => ({ status: 200, body: await listCatalog(caller, query) }));

export const get = httpRoute(catalogRoutes.get, async ({ caller, params }) => ({
  status: 200,
  body: await catalogProduct(caller, params.sku),
}));
