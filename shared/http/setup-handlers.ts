/** GET, PUT and list handlers of a channel-admin reference collection (regions, dealers, products, rules). */
import type * as z from 'zod';
import type { CollectionRoutes } from '../api/collection-routes.js';
import { NotFound } from '../domain/errors.js';
import { httpRoute } from './route-handler.js';

interface Repository<T> {
  get(id: string): Promise<T | undefined>;
  put(item: T): Promise<void>;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{ items: T[]; nextCursor: string | undefined }>;
}

export function setupHandlers<Id extends string, Input extends z.ZodType, Output extends z.ZodType>(args: {
  routes: CollectionRoutes<Id, Input, Output>;
  repository: Repository<z.output<Output>>;
  check?: (item: z.output<Output>) => Promise<void>;
}) {
  const { routes, repository } = args;
  const { idName, noun } = routes;
  const idField = idName === 'sku' ? 'sku' : 'id';
  // The params schema is `{ [idName]: Slug }`; generic code cannot see that through zod's inferred type.
  const idOf = (params: object) => (params as Record<Id, string>)[idName];
  return {
    put: httpRoute(routes.put, async ({ body, params }) => {
      const item = { ...(body as object), [idField]: idOf(params), updatedAt: new Date().toISOString() } as z.output<Output>;
      await args.check?.(item);
      await repository.put(item);
      return { status: 200, body: item };
    }),
    get: httpRoute(routes.get, async ({ params }) => {
      const item = await repository.get(idOf(params));
      if (!item) throw new NotFound(`There is no ${noun} ${idOf(params)}.`);
      return { status: 200, body: item };
    }),
    list: httpRoute(routes.list, async ({ query }) => ({ status: 200, body: await repository.list(query) })),
  };
}
