/** A dealer asks for the one extension of an approved registration's protection; a manager decides it (decide.ts). */
import { loadSubmissionContext } from '../db/setup-repository.js';
import type { Caller } from '../domain/caller.js';
import { Forbidden } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import { applyExtensionRequest } from '../domain/registration-changes.js';
import type { ExtensionRequest } from '../schemas/registration.js';
import { changeRegistration } from './change.js';

export async function requestExtension(args: {
  caller: Caller;
  id: string;
  request: ExtensionRequest;
  now: () => Date;
}): Promise<StoredRegistration> {
  const { caller, request } = args;
  const { dealer, program } = await loadSubmissionContext(caller.dealerId as string, []);
  if (dealer?.status === 'phased_out') {
    throw new Forbidden('This dealer has been phased out of the program: it can no longer extend protections.');
  }
  const { registration } = await changeRegistration({
    id: args.id,
    caller,
    now: args.now,
    compute: (current, now) => ({
      next: applyExtensionRequest({ registration: current, request, program, now }),
      action: 'extension_requested',
      detail: `${request.days} days: ${request.reason}`,
      happening: { kind: 'extension_requested' },
    }),
  });
  return registration;
}
