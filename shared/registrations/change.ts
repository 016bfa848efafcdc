/**
 * Applies one change to a registration as a compare-and-swap on its version: read, compute the next state with
 * a pure function, write it only if the version is still the one read. A lost race is retried on fresh state,
 * unless the client pinned a version with If-Match, which then answers 412.
 */
import { StateConflict, VersionMismatch } from '../domain/errors.js';
import type { StoredRegistration } from '../domain/registration.js';
import { registrations } from '../db/registration-repository.js';
import type { Caller } from '../http/caller.js';
import { actorOf, assertVisible } from './access.js';

const MAX_ATTEMPTS = 5;

export async function changeRegistration(args: {
  id: string;
  caller: Caller;
  action: string;
  expectedVersion?: number;
  detail?: string;
  now: () => Date;
  compute: (current: StoredRegistration, now: Date) => StoredRegistration;
}): Promise<StoredRegistration> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = assertVisible(args.caller, await registrations.get(args.id));
    if (args.expectedVersion !== undefined && current.version !== args.expectedVersion) {
      throw new VersionMismatch(
        `The registration is at version ${current.version}, not ${args.expectedVersion}; read it again.`,
      );
    }
    const now = args.now();
    const next = args.compute(current, now);
    const written = await registrations.replace(current, next, {
      at: now.toISOString(),
      action: args.action,
      actor: actorOf(args.caller),
      fromStatus: current.status,
      toStatus: next.status,
      ...(args.detail ? { detail: args.detail } : {}),
    });
    if (written) return next;
    if (args.expectedVersion !== undefined) {
      throw new VersionMismatch('The registration changed meanwhile; read it again.');
    }
  }
  throw new StateConflict('The registration is changing too often right now; retry.');
}
