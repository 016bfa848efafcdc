/** Contract of the conflicts area: cases where dealers registered the same customer, and how they are settled. */
import * as z from 'zod';
import { MANAGER_ROLES } from '../domain/caller.js';
import { ListQuery, listOf } from '../schemas/common.js';
import { Conflict, ConflictEscalation, ConflictId, ConflictResolution } from '../schemas/rules.js';
import { defineRoute } from './route-contract.js';

const ConflictParams = z.strictObject({ id: ConflictId });
const common = { auth: 'jwt', roles: [...MANAGER_ROLES, 'channel_admin'] } as const;

export const conflictRoutes = {
  list: defineRoute({
    ...common,
    method: 'GET',
    path: '/conflicts',
    entry: 'functions/conflicts/read.ts',
    handler: 'list',
    summary: "Conflict cases involving the caller's regions, oldest first",
    table: 'read',
    query: ListQuery.extend({ state: z.enum(['open', 'resolved']).optional() }),
    response: { status: 200, schema: listOf(Conflict), description: 'A page of conflict cases' },
  }),
  read: defineRoute({
    ...common,
    method: 'GET',
    path: '/conflicts/{id}',
    entry: 'functions/conflicts/read.ts',
    handler: 'conflict',
    summary: 'A conflict case with both sides, who was first, its owner, state and history',
    table: 'read',
    params: ConflictParams,
    response: { status: 200, schema: Conflict, description: 'The conflict case' },
  }),
  resolve: defineRoute({
    ...common,
    method: 'POST',
    path: '/conflicts/{id}/resolve',
    entry: 'functions/conflicts/settle.ts',
    handler: 'resolve',
    summary: 'Settle a conflict: the winner is approved (or the direct team keeps it), the others rejected',
    table: 'write',
    params: ConflictParams,
    body: ConflictResolution,
    conflict: 'The case is resolved already, or the caller is not the authority of its level',
    response: { status: 200, schema: Conflict, description: 'The resolved conflict case' },
  }),
  escalate: defineRoute({
    ...common,
    method: 'POST',
    path: '/conflicts/{id}/escalate',
    entry: 'functions/conflicts/settle.ts',
    handler: 'escalate',
    summary: 'Move a conflict up: partner manager → regional director → customer choice',
    table: 'write',
    params: ConflictParams,
    body: ConflictEscalation,
    conflict: 'The case is resolved already, or at its last level',
    response: { status: 200, schema: Conflict, description: 'The escalated conflict case' },
  }),
};
