import type { Caller } from '../domain/caller.js';
import { type StoredRegistration, toApiRegistration } from '../domain/registration.js';
import type { HttpResult } from './route-stack.js';

export const audienceOf = (caller: Caller) => (caller.role === 'dealer' ? 'dealer' : 'manufacturer');

/** A registration as an HTTP answer for `caller`, its version as the ETag for the next If-Match. */
export function registrationResult(registration: StoredRegistration, caller: Caller, status = 200): HttpResult {
  return { status, body: toApiRegistration(registration, audienceOf(caller)), headers: { etag: `"${registration.version}"` } };
}
