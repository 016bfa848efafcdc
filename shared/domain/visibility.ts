/**
 * The one visibility policy: what each role may see. A dealer sees only its own tenant, a manager the regions it
 * manages, some roles the whole network. Callers who may not see a resource get NotFound, so existence never leaks.
 */
import { type Caller, isManager, type Role } from './caller.js';

export type Visible = 'registration' | 'dealer' | 'conflict' | 'funds' | 'lead';

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
  // Finance pays claims network-wide.
  funds: ['channel_admin', 'finance'],
  lead: ['channel_admin'],
};
/** Whether a dealer sees what is its own. A lead's dealers are those it is offered to (and not recalled from). */
const OWN_TENANT: Record<Visible, boolean> = { registration: true, dealer: true, conflict: false, funds: true, lead: true };

export function canSee(caller: Caller, kind: Visible, scope: Scope): boolean {
  if (WHOLE_NETWORK[kind].includes(caller.role)) return true;
  if (caller.role === 'dealer') return OWN_TENANT[kind] && caller.dealerId !== undefined && scope.dealerIds.includes(caller.dealerId);
  if (isManager(caller)) return scope.regionIds.some((r) => caller.regions.includes(r));
  return false;
}

/** The regions whose items a list shows the caller: `undefined` for the whole network (a dealer's lists are its own). */
export const regionsInView = (caller: Caller, kind: Visible): string[] | undefined =>
  WHOLE_NETWORK[kind].includes(caller.role) ? undefined : caller.regions;
