import { dealerDirectoryRoutes } from '../../shared/api/setup.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { listDealerDirectory } from '../../shared/setup/dealer-directory.js';

export const list = httpRoute(dealerDirectoryRoutes.list, async ({ caller, query }) => ({
  status: 200,
  body: await listDealerDirectory(caller, query),
}));
