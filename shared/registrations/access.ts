/** Who may see a registration. Callers who may not get NotFound, so existence never leaks across tenants. */
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import { canSee as policyAllows } from '../domain/visibility.js';

export const canSee = (caller: Caller, registration: StoredRegistration): boolean =>
  policyAllows(caller, 'registration', { dealerIds: [registration.dealerId], regionIds: [registration.regionId] });

export function assertVisible(caller: Caller, registration: StoredRegistration | undefined): StoredRegistration {
  if (!registration || !canSee(caller, registration)) throw new NotFound('There is no such registration.');
  return registration;
}
