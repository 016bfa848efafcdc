/** Contract of the partner-program area: KPI inputs, scorecards, tier history and improvement plans. */
import { MANAGER_ROLES } from '../domain/caller.js';
import { ListQuery, listOf } from '../schemas/common.js';
import {
  DealerParams,
  ImprovementPlan,
  ImprovementPlanInput,
  INPUT_KINDS,
  type InputKind,
  InputResult,
  inputBody,
  Scorecard,
  ScorecardQuery,
  TierChange,
} from '../schemas/partner-program.js';
import { defineRoute } from './route-contract.js';

const inputRoute = (kind: InputKind) =>
  defineRoute({
    method: 'POST',
    path: `/kpi-inputs/${kind}`,
    entry: 'functions/partner-program/inputs.ts',
    handler: kind,
    summary: `${INPUT_KINDS[kind].summary}. JSON { items } or CSV (text/csv) with a header row of these fields; all rows are validated before any is stored`,
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    body: inputBody(INPUT_KINDS[kind].row),
    bodyType: 'rows',
    maxBodyBytes: 5 * 1024 * 1024,
    response: { status: 200, schema: InputResult, description: 'What was stored' },
  });

export const kpiInputRoutes = {
  revenue: inputRoute('revenue'),
  training: inputRoute('training'),
  marketing: inputRoute('marketing'),
  support: inputRoute('support'),
  satisfaction: inputRoute('satisfaction'),
} satisfies Record<InputKind, unknown>;

const dealerReaders = ['dealer', ...MANAGER_ROLES, 'channel_admin', 'finance'] as const;

export const partnerProgramRoutes = {
  scorecard: defineRoute({
    method: 'GET',
    path: '/dealers/{dealerId}/scorecard',
    entry: 'functions/partner-program/scorecard.ts',
    handler: 'scorecard',
    summary: "A dealer's tier, score, gap to the next tier, KPIs and diagnosis for a quarter or a year",
    auth: 'jwt',
    roles: dealerReaders,
    table: 'read',
    params: DealerParams,
    query: ScorecardQuery,
    response: { status: 200, schema: Scorecard, description: 'The scorecard' },
  }),
  tierHistory: defineRoute({
    method: 'GET',
    path: '/dealers/{dealerId}/tier-history',
    entry: 'functions/partner-program/scorecard.ts',
    handler: 'tierHistory',
    summary: "A dealer's tier changes, newest first, each with the reasons (which criteria moved it)",
    auth: 'jwt',
    roles: dealerReaders,
    table: 'read',
    params: DealerParams,
    query: ListQuery,
    response: { status: 200, schema: listOf(TierChange), description: 'A page of tier changes' },
  }),
  openPlan: defineRoute({
    method: 'POST',
    path: '/dealers/{dealerId}/improvement-plans',
    entry: 'functions/partner-program/plans.ts',
    handler: 'open',
    summary: "Put a dealer on an improvement plan with goals and a deadline (the dealer's status becomes improvement_plan)",
    auth: 'jwt',
    roles: [...MANAGER_ROLES, 'channel_admin'],
    table: 'write',
    params: DealerParams,
    body: ImprovementPlanInput,
    conflict: 'The dealer has an open improvement plan',
    response: { status: 201, schema: ImprovementPlan, description: 'The open plan' },
  }),
  plans: defineRoute({
    method: 'GET',
    path: '/dealers/{dealerId}/improvement-plans',
    entry: 'functions/partner-program/plans.ts',
    handler: 'list',
    summary: "A dealer's improvement plans, oldest first, with their goals, results and history",
    auth: 'jwt',
    roles: ['dealer', ...MANAGER_ROLES, 'channel_admin'],
    table: 'read',
    params: DealerParams,
    query: ListQuery,
    response: { status: 200, schema: listOf(ImprovementPlan), description: 'A page of improvement plans' },
  }),
};
