import { territoryRoutes } from '../../shared/api/rules.js';
import { dealers, territories } from '../../shared/db/setup-repository.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({
  routes: territoryRoutes,
  repository: territories,
  check: async (territory) => {
    if (!(await dealers.get(territory.dealerId))) {
      throw new InvalidInput([{ path: '/dealerId', message: `is not a dealer (${territory.dealerId})` }]);
    }
  },
});
