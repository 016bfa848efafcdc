/**
 * Who may manage a dealer's integrations — its API clients and webhooks (SPEC §8: the dealer's admin). One function,
 * so that the rule is tightened in one place.
 */
import type { Caller } from './caller.js';

/**
 * A dealer's own user, never an API client (a CRM cannot mint itself more credentials). Dealer users carry no
 * dealer role yet (`custom:dealer_role` arrives with dealer user management), so until then every dealer user
 * counts as its dealer's admin.
 */
export const mayManageIntegrations = (caller: Caller): boolean => caller.role === 'dealer' && !caller.apiClient && Boolean(caller.dealerId);
