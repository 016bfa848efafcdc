import { toApiConflict } from '../../shared/db/conflict-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { escalate as escalateCase, resolve as resolveCase } from '../../shared/registrations/settle-conflict.js';
import type { ConflictResolution } from '../../shared/schemas/rules.js';

type Params = { id: string };

export const resolve = httpRoute<ConflictResolution, Record<string, never>, Params>(
  'POST /conflicts/{id}/resolve',
  async ({ caller, params, body }) => ({
    status: 200,
    body: toApiConflict(await resolveCase(caller, params.id, body, new Date())),
  }),
);

export const escalate = httpRoute<{ note?: string }, Record<string, never>, Params>(
  'POST /conflicts/{id}/escalate',
  async ({ caller, params, body }) => ({
    status: 200,
    body: toApiConflict(await escalateCase(caller, params.id, body.note, new Date())),
  }),
);
