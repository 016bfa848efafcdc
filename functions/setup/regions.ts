import { regionRoutes } from '../../shared/api/setup.js';
import { regions } from '../../shared/db/setup-repository.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({ routes: regionRoutes, repository: regions });
