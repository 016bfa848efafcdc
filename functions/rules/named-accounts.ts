import { namedAccountRoutes } from '../../shared/api/rules.js';
import { dealers, namedAccounts } from '../../shared/db/setup-repository.js';
import { InvalidInput } from '../../shared/domain/errors.js';
import { setupHandlers } from '../../shared/http/setup-handlers.js';
import type { NamedAccount } from '../../shared/schemas/rules.js';

export const { put, get, list } = setupHandlers({
  routes: namedAccountRoutes,
  repository: namedAccounts,
  check: async (account: NamedAccount) => {
    if ('dealerId' in account.owner && !(await dealers.get(account.owner.dealerId))) {
      throw new InvalidInput([{ path: '/owner/dealerId', message: `is not a dealer (${account.owner.dealerId})` }]);
    }
  },
});
