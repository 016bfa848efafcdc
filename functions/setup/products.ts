import { catalogRoutes, productRoutes } from '../../shared/api/setup.js';
import { products } from '../../shared/db/setup-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({ routes: productRoutes, repository: products });

/** The catalogue every signed-in role may read: sku, name and product line only. */
export const catalog = httpRoute(catalogRoutes.list, async ({ query }) => {
  const page = await products.list(query);
  return {
    status: 200,
    body: {
      items: page.items.map(({ sku, name, productLine }) => ({ sku, name, productLine })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
  };
});
