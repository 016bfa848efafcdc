import { productRoutes } from '../../shared/api/setup.js';
import { products } from '../../shared/db/setup-repository.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({ routes: productRoutes, repository: products });
