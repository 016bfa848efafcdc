/** GET, PUT and list handlers of a channel-admin reference collection (regions, dealers, products). */
import { NotFound } from '../domain/errors.js';
import { httpRoute } from './route-handler.js';

interface Repository<T> {
  get(id: string): Promise<T | undefined>;
  put(item: T): Promise<void>;
  list(page: { limit: number; cursor?: string | undefined }): Promise<{ items: T[]; nextCursor: string | undefined }>;
}

export function setupHandlers<T, Id extends string>(args: {
  /** The collection's path, as in the route table: `regions`, `rules/territories`, … */
  collection: string;
  idName: Id;
  repository: Repository<T>;
  check?: (item: T) => Promise<void>;
}) {
  const { collection, idName, repository } = args;
  const itemPath = `/${collection}/{${idName}}`;
  const idField = idName === 'sku' ? 'sku' : 'id';
  const singular = collection.split('/').at(-1)?.replace(/s$/, '') ?? collection;
  return {
    put: httpRoute<Record<string, unknown>, Record<string, never>, Record<Id, string>>(
      `PUT ${itemPath}`,
      async ({ body, params }) => {
        const item = { ...body, [idField]: params[idName], updatedAt: new Date().toISOString() } as T;
        await args.check?.(item);
        await repository.put(item);
        return { status: 200, body: item };
      },
    ),
    get: httpRoute<undefined, Record<string, never>, Record<Id, string>>(`GET ${itemPath}`, async ({ params }) => {
      const item = await repository.get(params[idName]);
      if (!item) throw new NotFound(`There is no ${singular} ${params[idName]}.`);
      return { status: 200, body: item };
    }),
    list: httpRoute<undefined, { limit: number; cursor?: string }>(`GET /${collection}`, async ({ query }) => ({
      status: 200,
      body: await repository.list(query),
    })),
  };
}
