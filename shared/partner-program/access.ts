/** Who may see a dealer's partner-program data. Callers who may not get NotFound, so existence never leaks. */
import { dealers } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import { canSee } from '../domain/visibility.js';
import type { Dealer } from '../schemas/setup.js';

export const canSeeDealer = (caller: Caller, dealer: Pick<Dealer, 'id' | 'regionId'>): boolean =>
  canSee(caller, 'dealer', { dealerIds: [dealer.id], regionIds: [dealer.regionId] });

/** The dealer, if it exists and the caller may see it (the route table has already checked the role). */
export async function visibleDealer(caller: Caller, dealerId: string): Promise<Dealer> {
  // A dealer asking about another dealer learns nothing, not even whether it exists: no read at all.
  if (caller.role === 'dealer' && caller.dealerId !== dealerId) throw new NotFound('There is no such dealer.');
  const dealer = await dealers.get(dealerId);
  if (!dealer || !canSeeDealer(caller, dealer)) throw new NotFound('There is no such dealer.');
  return dealer;
}
