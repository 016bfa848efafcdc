/** Who sees which dealers in the dealer directory: a manager its regions' (404 for another region), an admin all. */
import { dealerDirectory } from '../db/setup-repository.js';
import { type Caller, isManager } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';

export function listDealerDirectory(
  caller: Caller,
  query: { regionId?: string | undefined; q?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const { regionId, ...page } = query;
  if (!isManager(caller)) return dealerDirectory(regionId ? [regionId] : undefined, page);
  if (regionId && !caller.regions.includes(regionId)) throw new NotFound(`There is no region ${regionId} among yours.`);
  const regionIds = regionId ? [regionId] : caller.regions;
  if (regionIds.length === 0) return Promise.resolve({ items: [], nextCursor: undefined });
  return dealerDirectory(regionIds, page);
}
