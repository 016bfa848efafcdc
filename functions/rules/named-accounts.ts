import { namedAccountRoutes } from '../../shared/api/rules.js';
import { dealers, namedAccounts } from '../../shared/db/setup-repository.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';

export const { put, get, list } = setupHandlers({
  routes: namedAccountRoutes,
  repository: namedAccounts,
  check: async (account) => {
    if ('dealerId' in account.owner && !(await dealers.get(account.owner.dealerId))) {
      throw new InvalidInput([{ path: '/owner/dealerId', message: `is not a dealer (${account.owner.dealerId})` }]);
    }
  },
});
