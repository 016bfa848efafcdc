/**
 * Who may manage a dealer's integrations — its API clients and webhooks (SPEC §8: the dealer's admin). One function,
 * so that the rule is tightened in one place.
 */
import type { Caller } from './caller.js';

/**
 * The dealer's admin (`custom:dealer_role` admin), never a plain dealer user and never an API client (a CRM cannot
 * mint itself more credentials).
 */
export const mayManageIntegrations = (caller: Caller): boolean =>
  caller.role === 'dealer' && !caller.apiClient && Boolean(caller.dealerId) && caller.dealerAdmin === true;
