/** Who may see a dealer's partner-program data. Callers who may not get NotFound, so existence never leaks. */
import { dealers } from '../db/setup-repository.js';
import { NotFound } from '../domain/errors.js';
import type { Caller } from '../http/caller.js';
import type { Dealer } from '../schemas/setup.js';

export function canSeeDealer(caller: Caller, dealer: Pick<Dealer, 'id' | 'regionId'>): boolean {
  switch (caller.role) {
    case 'dealer':
      return caller.dealerId === dealer.id;
    case 'partner_manager':
    case 'regional_director':
      return caller.regions.includes(dealer.regionId);
    case 'channel_admin':
    case 'finance':
      return true;
    default:
      return false;
  }
}

/** The dealer, if it exists and the caller may see it (the route table has already checked the role). */
export async function visibleDealer(caller: Caller, dealerId: string): Promise<Dealer> {
  // A dealer asking about another dealer learns nothing, not even whether it exists: no read at all.
  if (caller.role === 'dealer' && caller.dealerId !== dealerId) throw new NotFound('There is no such dealer.');
  const dealer = await dealers.get(dealerId);
  if (!dealer || !canSeeDealer(caller, dealer)) throw new NotFound('There is no such dealer.');
  return dealer;
}
