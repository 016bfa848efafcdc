import { dealerRoutes } from '../../shared/api/setup.js';
import { dealers, regions } from '../../shared/db/setup-repository.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({
  routes: dealerRoutes,
  repository: dealers,
  check: async (dealer) => {
    if (!(await regions.get(dealer.regionId))) {
      throw new InvalidInput([{ path: '/regionId', message: `is not a region (${dealer.regionId})` }]);
    }
  },
});
