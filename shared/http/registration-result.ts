import { toApiRegistration, type StoredRegistration } from '../domain/registration.js';
import type { HttpResult } from './route-handler.js';

/** A registration as an HTTP answer, its version as the ETag for the next If-Match. */
export function registrationResult(registration: StoredRegistration, status = 200): HttpResult {
  return { status, body: toApiRegistration(registration), headers: { etag: `"${registration.version}"` } };
}
