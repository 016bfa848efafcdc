import { conflictRoutes } from '../../shared/api/conflicts.js';
import { toApiConflict } from '../../shared/db/conflict-repository.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import { escalate as escalateCase, resolve as resolveCase } from '../../shared/registrations/settle-conflict.js';

export const resolve = httpRoute(conflictRoutes.resolve, async ({ caller, params, body }) => ({
  status: 200,
  body: toApiConflict(await resolveCase(caller, params.id, body, new Date())),
}));

export const escalate = httpRoute(conflictRoutes.escalate, async ({ caller, params, body }) => ({
  status: 200,
  body: toApiConflict(await escalateCase(caller, params.id, body.note, new Date())),
}));
