/** Who acts: the roles of this API, the authenticated caller, and the actor a history entry names. */
import type { ApiScope } from './api-scopes.js';

export const ROLES = ['dealer', 'partner_manager', 'regional_director', 'finance', 'channel_admin'] as const;
export type Role = (typeof ROLES)[number];

export const MANAGER_ROLES = ['partner_manager', 'regional_director'] as const;

export interface Caller {
  role: Role;
  subject: string;
  email?: string;
  /** Set for dealers: the tenant every read and write is scoped to. */
  dealerId?: string;
  /** Set for dealers: the dealer's admin (`custom:dealer_role` = admin) manages its users and accepts agreements. */
  dealerAdmin?: boolean;
  /** Set for managers: the regions they review. */
  regions: string[];
  /** Set when a dealer's CRM calls with an API client's token: the client and the scopes its token carries. */
  apiClient?: { clientId: string; scopes: readonly ApiScope[] };
}

/** Who did something, as history entries and audit records keep it (`system` for rules and schedules). */
export interface Actor {
  role: string;
  id: string;
}

/** Who acts when a rule or a schedule changes something. */
export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'dealer-channel' };

export function actorOf(caller: Caller): Actor {
  return {
    role: caller.role,
    id: caller.role === 'dealer' ? `${caller.dealerId}` : (caller.email ?? caller.subject),
  };
}

export const isManager = (caller: Caller) => caller.role === 'partner_manager' || caller.role === 'regional_director';

export const isManufacturerSide = (caller: Caller) => caller.role !== 'dealer';
