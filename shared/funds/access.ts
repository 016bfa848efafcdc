/** Who may see which funds: a dealer its own, managers their regions', finance and channel admins everything. */
import { fundClaims, fundRequests, type StoredFundClaim, type StoredFundRequest } from '../db/funds-repository.js';
import { type Caller, isManager } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';

export function canSeeFunds(caller: Caller, owner: { dealerId: string; regionId: string }): boolean {
  if (caller.role === 'dealer') return caller.dealerId === owner.dealerId;
  if (isManager(caller)) return caller.regions.includes(owner.regionId);
  return caller.role === 'finance' || caller.role === 'channel_admin';
}

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
