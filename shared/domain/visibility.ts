/**
 * The one visibility policy: what each role may see. A dealer sees only its own tenant, a manager the regions it
 * manages, some roles the whole network. Callers who may not see a resource get NotFound, so existence never leaks.
 */
import { type Caller, isManager, type Role } from './caller.js';

export type Visible = 'registration' | 'dealer' | 'conflict';

/** Who a resource belongs to: the dealers involved and the regions they sell in. */
export interface Scope {
  dealerIds: readonly string[];
  regionIds: readonly string[];
}

const WHOLE_NETWORK: Record<Visible, readonly Role[]> = {
  registration: ['channel_admin'],
  dealer: ['channel_admin', 'finance'],
  // A conflict involves other dealers: dealers never see the case, only their own registration's state.
  conflict: ['channel_admin'],
};
const OWN_TENANT: Record<Visible, boolean> = { registration: true, dealer: true, conflict: false };

export function canSee(caller: Caller, kind: Visible, scope: Scope): boolean {
  if (WHOLE_NETWORK[kind].includes(caller.role)) return true;
  if (caller.role === 'dealer') return OWN_TENANT[kind] && caller.dealerId !== undefined && scope.dealerIds.includes(caller.dealerId);
  if (isManager(caller)) return scope.regionIds.some((r) => caller.regions.includes(r));
  return false;
}
