import { products } from '../../shared/db/setup-repository.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({ collection: 'products', idName: 'sku', repository: products });
