/** Whose eyes a request has: a dealer's (with its current tier) or the manufacturer's staff. */
import { tiers } from '../db/tier-repository.js';
import type { Caller } from '../domain/caller.js';
import type { Viewer } from '../domain/enablement.js';
import { STARTING_TIER } from '../domain/tier-ranking.js';

export async function viewerOf(caller: Caller): Promise<Viewer> {
  if (caller.role !== 'dealer') return 'manufacturer';
  return { tier: (await tiers.current(caller.dealerId as string))?.tier ?? STARTING_TIER };
}
