/** Contract of the training area: modules and their quizzes, completions, quiz attempts. */
import { MANAGER_ROLES } from '../domain/caller.js';
import { ListQuery, listOf } from '../schemas/common.js';
import {
  AttemptInput,
  AttemptResult,
  CompletionImport,
  CompletionImportResult,
  ModuleParams,
  TrainingModule,
  TrainingModuleInput,
} from '../schemas/training.js';
import { defineRoute } from './route-contract.js';

const readers = ['dealer', ...MANAGER_ROLES, 'channel_admin'] as const;

export const trainingRoutes = {
  putModule: defineRoute({
    method: 'PUT',
    path: '/training/modules/{moduleId}',
    entry: 'functions/training/modules.ts',
    handler: 'put',
    summary: 'Create or replace a training module: the tiers it is required for, its validity and its quiz (with the correct answers)',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    params: ModuleParams,
    body: TrainingModuleInput,
    response: { status: 200, schema: TrainingModule, description: 'The module as stored' },
  }),
  getModule: defineRoute({
    method: 'GET',
    path: '/training/modules/{moduleId}',
    entry: 'functions/training/modules.ts',
    handler: 'get',
    summary: "A training module; for a dealer user with its own and its dealer's status, and the quiz without its answers",
    auth: 'jwt',
    roles: readers,
    table: 'read',
    params: ModuleParams,
    response: { status: 200, schema: TrainingModule, description: 'The module' },
  }),
  listModules: defineRoute({
    method: 'GET',
    path: '/training/modules',
    entry: 'functions/training/modules.ts',
    handler: 'list',
    summary: "Training modules by id; for a dealer user whether each is required for its tier, with its own and its dealer's status",
    auth: 'jwt',
    roles: readers,
    table: 'read',
    query: ListQuery,
    response: { status: 200, schema: listOf(TrainingModule), description: 'A page of modules' },
  }),
  completions: defineRoute({
    method: 'POST',
    path: '/training/completions',
    entry: 'functions/training/completions.ts',
    handler: 'record',
    summary:
      'Record completions (by hand or an LMS export): JSON { items } or CSV (text/csv) with the columns dealerId, userId, moduleId, completedOn; every row is validated first (errors by row and column), re-running an import changes nothing',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    body: CompletionImport,
    bodyType: 'rows',
    maxBodyBytes: 1024 * 1024,
    response: { status: 200, schema: CompletionImportResult, description: 'What was recorded' },
  }),
  attempt: defineRoute({
    method: 'POST',
    path: '/training/modules/{moduleId}/attempts',
    entry: 'functions/training/attempts.ts',
    handler: 'attempt',
    summary:
      "Take a module's quiz: graded on the server (one option index per question); a pass records a completion for the caller and its dealer",
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    params: ModuleParams,
    body: AttemptInput,
    conflict: 'The module has no quiz',
    rateLimit: 'At most 5 attempts per user and module per hour',
    response: { status: 200, schema: AttemptResult, description: 'The grade' },
  }),
};
