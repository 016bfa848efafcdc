/** Who may see a registration. Callers who may not get NotFound, so existence never leaks across tenants. */
import { NotFound } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import type { Actor } from '../db/registration-repository.js';
import type { Caller } from '../http/caller.js';

export function canSee(caller: Caller, registration: StoredRegistration): boolean {
  switch (caller.role) {
    case 'dealer':
      return registration.dealerId === caller.dealerId;
    case 'partner_manager':
    case 'regional_director':
      return caller.regions.includes(registration.regionId);
    case 'channel_admin':
      return true;
    default:
      return false;
  }
}

export function assertVisible(caller: Caller, registration: StoredRegistration | undefined): StoredRegistration {
  if (!registration || !canSee(caller, registration)) throw new NotFound('There is no such registration.');
  return registration;
}

export function actorOf(caller: Caller): Actor {
  return {
    role: caller.role,
    id: caller.role === 'dealer' ? `${caller.dealerId}` : (caller.email ?? caller.subject),
  };
}

/** Who acts when a rule or a schedule changes a registration. */
export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'dealer-channel' };

export const isManufacturerSide = (caller: Caller) => caller.role !== 'dealer';
