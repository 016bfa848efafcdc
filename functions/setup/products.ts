import { products } from '../../shared/db/setup-repository.js';
import { productRoutes } from '../../shared/api/setup.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({ routes: productRoutes, repository: products });
