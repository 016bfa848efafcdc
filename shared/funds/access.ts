/** Who may see which funds: a dealer its own, managers their regions', finance and channel admins everything. */
import { fundClaims, fundRequests, type StoredFundClaim, type StoredFundRequest } from '../db/funds-repository.js';
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import { canSee } from '../domain/visibility.js';

export const canSeeFunds = (caller: Caller, owner: { dealerId: string; regionId: string }): boolean =>
  canSee(caller, 'funds', { dealerIds: [owner.dealerId], regionIds: [owner.regionId] });

export async function visibleFundRequest(caller: Caller, id: string): Promise<StoredFundRequest> {
  const request = await fundRequests.get(id);
  if (!request || !canSeeFunds(caller, request)) throw new NotFound('There is no such fund request.');
  return request;
}

export async function visibleFundClaim(caller: Caller, id: string): Promise<StoredFundClaim> {
  const claim = await fundClaims.get(id);
  if (!claim || !canSeeFunds(caller, claim)) throw new NotFound('There is no such fund claim.');
  return claim;
}
