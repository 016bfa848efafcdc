/**
 * The one route table. The CDK stack makes a Lambda function and an API route of each entry, the local server
 * serves the same handlers from it, the OpenAPI document is generated from it, and handlers take their role
 * checks and input schemas from it.
 */
import * as z from 'zod';
import { ListQuery, RegistrationId, Slug, listOf } from '../schemas/common.js';
import {
  Decision,
  ExtensionRequest,
  HistoryEvent,
  Outcome,
  Registration,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationUpdate,
} from '../schemas/registration.js';
import {
  Conflict,
  ConflictEscalation,
  ConflictId,
  ConflictResolution,
  DirectRules,
  NamedAccount,
  NamedAccountInput,
  Territory,
  TerritoryInput,
} from '../schemas/rules.js';
import { AccuracyQuery, AccuracyReport, ForecastDeal, ForecastDealsQuery, ForecastQuery, ForecastReport } from '../schemas/forecast.js';
import { Dealer, DealerInput, Product, ProductInput, Program, Region, RegionInput } from '../schemas/setup.js';
import {
  DealerParams,
  INPUT_KINDS,
  ImprovementPlan,
  ImprovementPlanInput,
  InputResult,
  Scorecard,
  ScorecardQuery,
  TierChange,
  inputBody,
} from '../schemas/partner-program.js';

export const ROLES = ['dealer', 'partner_manager', 'regional_director', 'finance', 'channel_admin'] as const;
export type Role = (typeof ROLES)[number];

const MANAGERS = ['partner_manager', 'regional_director'] as const;

export interface RouteDefinition {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Module under the repository root and the export that handles the route. */
  entry: string;
  handler: string;
  summary: string;
  /** `jwt`: the API's authorizer checks the bearer token; `public`: no credential. */
  auth: 'jwt' | 'public';
  roles: readonly Role[];
  /** What the function may do with the table; the CDK stack grants exactly this. */
  table: 'none' | 'read' | 'write';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * How the body is encoded; `form` bodies reach the handler as a record of strings for it to validate; `rows`
   * bodies (bulk uploads) as the raw JSON or CSV text (`RowsBody`), which the handler validates row by row.
   */
  bodyType?: 'json' | 'form' | 'rows';
  /** A larger body limit than the default 64 KiB, for bulk uploads. */
  maxBodyBytes?: number;
  /** Request headers the route reads, for the API description. */
  headers?: readonly ('Idempotency-Key' | 'If-Match')[];
  response: { status: number; schema?: z.ZodType; description: string; contentType?: string };
}

const RegistrationParams = z.strictObject({ id: RegistrationId });
const ReviewLinkParams = z.strictObject({ token: z.string().min(1).max(2048) });
const reviewLinkRoute = {
  entry: 'functions/review-links/review-page.ts',
  auth: 'public',
  roles: [],
  params: ReviewLinkParams,
} as const;
const listQuery = (extra: z.ZodRawShape = {}) => ListQuery.extend(extra);

/** PUT, GET and list routes of a channel-admin collection, served by the module `functions/<entry>.ts`. */
const setupRoutes = (
  collection: string,
  idName: string,
  entry: string,
  input: z.ZodType,
  output: z.ZodType,
  noun: string,
): RouteDefinition[] => {
  const params = z.strictObject({ [idName]: Slug });
  const common = { entry: `functions/${entry}.ts`, auth: 'jwt', roles: ['channel_admin'] } as const;
  return [
    {
      ...common,
      method: 'PUT',
      path: `/${collection}/{${idName}}`,
      handler: 'put',
      summary: `Create or replace a ${noun}`,
      table: 'write',
      params,
      body: input,
      response: { status: 200, schema: output, description: `The ${noun} as stored` },
    },
    {
      ...common,
      method: 'GET',
      path: `/${collection}/{${idName}}`,
      handler: 'get',
      summary: `Read a ${noun}`,
      table: 'read',
      params,
      response: { status: 200, schema: output, description: `The ${noun}` },
    },
    {
      ...common,
      method: 'GET',
      path: `/${collection}`,
      handler: 'list',
      summary: `List ${noun}s`,
      table: 'read',
      query: listQuery(),
      response: { status: 200, schema: listOf(output), description: `A page of ${noun}s` },
    },
  ];
};

const ConflictParams = z.strictObject({ id: ConflictId });

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/meta/health.ts',
    handler: 'handler',
    summary: 'Liveness check',
    auth: 'public',
    roles: [],
    table: 'none',
    response: { status: 200, schema: z.object({ status: z.literal('ok') }), description: 'The API is up' },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/meta/openapi.ts',
    handler: 'handler',
    summary: 'This API description (OpenAPI 3.1)',
    auth: 'public',
    roles: [],
    table: 'none',
    response: { status: 200, description: 'The OpenAPI document' },
  },
  {
    method: 'PUT',
    path: '/program',
    entry: 'functions/setup/program.ts',
    handler: 'put',
    summary: 'Set the partner program (missing fields take their documented defaults)',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    body: Program,
    response: { status: 200, schema: Program, description: 'The program as stored' },
  },
  {
    method: 'GET',
    path: '/program',
    entry: 'functions/setup/program.ts',
    handler: 'get',
    summary: 'Read the partner program',
    auth: 'jwt',
    roles: ['channel_admin', 'finance', ...MANAGERS],
    table: 'read',
    response: { status: 200, schema: Program, description: 'The program' },
  },
  ...setupRoutes('regions', 'regionId', 'setup/regions', RegionInput, Region, 'region'),
  ...setupRoutes('dealers', 'dealerId', 'setup/dealers', DealerInput, Dealer, 'dealer'),
  ...setupRoutes('products', 'sku', 'setup/products', ProductInput, Product, 'product'),
  ...setupRoutes('rules/territories', 'territoryId', 'rules/territories', TerritoryInput, Territory, 'territory rule'),
  ...setupRoutes('rules/named-accounts', 'accountId', 'rules/named-accounts', NamedAccountInput, NamedAccount, 'named account'),
  {
    method: 'PUT',
    path: '/rules/direct',
    entry: 'functions/rules/direct.ts',
    handler: 'put',
    summary: 'Set what the direct team keeps (segments and product lines)',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    body: DirectRules,
    response: { status: 200, schema: DirectRules, description: 'The direct rules as stored' },
  },
  {
    method: 'GET',
    path: '/rules/direct',
    entry: 'functions/rules/direct.ts',
    handler: 'get',
    summary: 'What the direct team keeps',
    auth: 'jwt',
    roles: ['channel_admin', ...MANAGERS],
    table: 'read',
    response: { status: 200, schema: DirectRules, description: 'The direct rules' },
  },
  {
    method: 'POST',
    path: '/registrations',
    entry: 'functions/registrations/submit.ts',
    handler: 'handler',
    summary: 'Register an opportunity (the dealer comes from the token)',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    body: RegistrationInput,
    headers: ['Idempotency-Key'],
    response: { status: 201, schema: Registration, description: 'The registration, with its Location' },
  },
  {
    method: 'GET',
    path: '/registrations',
    entry: 'functions/registrations/list.ts',
    handler: 'handler',
    summary: "The calling dealer's registrations, newest first",
    auth: 'jwt',
    roles: ['dealer'],
    table: 'read',
    query: listQuery(RegistrationListQuery.shape),
    response: { status: 200, schema: listOf(Registration), description: 'A page of registrations' },
  },
  {
    method: 'GET',
    path: '/registrations/{id}',
    entry: 'functions/registrations/read.ts',
    handler: 'registration',
    summary: 'Read a registration (manufacturer-side reads are recorded in its history)',
    auth: 'jwt',
    roles: ['dealer', ...MANAGERS, 'channel_admin'],
    table: 'write',
    params: RegistrationParams,
    response: { status: 200, schema: Registration, description: 'The registration; ETag carries its version' },
  },
  {
    method: 'GET',
    path: '/registrations/{id}/history',
    entry: 'functions/registrations/read.ts',
    handler: 'history',
    summary: "A registration's audit trail, oldest first",
    auth: 'jwt',
    roles: ['dealer', ...MANAGERS, 'channel_admin'],
    table: 'write',
    params: RegistrationParams,
    query: listQuery(),
    response: { status: 200, schema: listOf(HistoryEvent), description: 'A page of history events' },
  },
  {
    method: 'PATCH',
    path: '/registrations/{id}',
    entry: 'functions/registrations/update.ts',
    handler: 'handler',
    summary: 'Update an open registration; If-Match must carry the version read',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    params: RegistrationParams,
    body: RegistrationUpdate,
    headers: ['If-Match'],
    response: { status: 200, schema: Registration, description: 'The updated registration' },
  },
  {
    method: 'POST',
    path: '/registrations/{id}/withdraw',
    entry: 'functions/registrations/close.ts',
    handler: 'withdraw',
    summary: 'Withdraw an open registration',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    params: RegistrationParams,
    response: { status: 200, schema: Registration, description: 'The withdrawn registration' },
  },
  {
    method: 'POST',
    path: '/registrations/{id}/outcome',
    entry: 'functions/registrations/close.ts',
    handler: 'outcome',
    summary: 'Report a protected deal won or lost',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    params: RegistrationParams,
    body: Outcome,
    response: { status: 200, schema: Registration, description: 'The closed registration' },
  },
  {
    method: 'POST',
    path: '/registrations/{id}/decision',
    entry: 'functions/reviews/decide.ts',
    handler: 'handler',
    summary: 'Approve or reject a registration awaiting review (managers of its region)',
    auth: 'jwt',
    roles: MANAGERS,
    table: 'write',
    params: RegistrationParams,
    body: Decision,
    response: { status: 200, schema: Registration, description: 'The decided registration' },
  },
  {
    method: 'POST',
    path: '/registrations/{id}/extensions',
    entry: 'functions/registrations/extensions.ts',
    handler: 'request',
    summary: 'Ask for the one extension of an approved protection',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'write',
    params: RegistrationParams,
    body: ExtensionRequest,
    response: { status: 200, schema: Registration, description: 'The registration with its extension request' },
  },
  {
    method: 'POST',
    path: '/registrations/{id}/extensions/decision',
    entry: 'functions/registrations/extensions.ts',
    handler: 'decide',
    summary: 'Approve or reject an extension request (managers of its region)',
    auth: 'jwt',
    roles: MANAGERS,
    table: 'write',
    params: RegistrationParams,
    body: Decision,
    response: { status: 200, schema: Registration, description: 'The registration; approval moves protectedUntil' },
  },
  {
    ...reviewLinkRoute,
    method: 'GET',
    path: '/review/{token}',
    handler: 'view',
    summary: 'The review page an email links to: shows the deal and the choice, changes nothing',
    table: 'read',
    response: { status: 200, description: 'An HTML page', contentType: 'text/html' },
  },
  {
    ...reviewLinkRoute,
    method: 'HEAD',
    path: '/review/{token}',
    handler: 'head',
    summary: 'Link checks by mail scanners: answers without reading or changing anything',
    table: 'none',
    response: { status: 200, description: 'No body', contentType: 'text/html' },
  },
  {
    ...reviewLinkRoute,
    method: 'POST',
    path: '/review/{token}',
    handler: 'decide',
    summary: 'Decide from the review page (form fields decision=approve|reject and optional reason)',
    table: 'write',
    bodyType: 'form',
    response: { status: 200, description: 'An HTML page with the outcome', contentType: 'text/html' },
  },
  {
    method: 'GET',
    path: '/conflicts',
    entry: 'functions/conflicts/read.ts',
    handler: 'list',
    summary: "Conflict cases involving the caller's regions, oldest first",
    auth: 'jwt',
    roles: [...MANAGERS, 'channel_admin'],
    table: 'read',
    query: listQuery({ state: z.enum(['open', 'resolved']).optional() }),
    response: { status: 200, schema: listOf(Conflict), description: 'A page of conflict cases' },
  },
  {
    method: 'GET',
    path: '/conflicts/{id}',
    entry: 'functions/conflicts/read.ts',
    handler: 'conflict',
    summary: 'A conflict case with both sides, who was first, its owner, state and history',
    auth: 'jwt',
    roles: [...MANAGERS, 'channel_admin'],
    table: 'read',
    params: ConflictParams,
    response: { status: 200, schema: Conflict, description: 'The conflict case' },
  },
  {
    method: 'POST',
    path: '/conflicts/{id}/resolve',
    entry: 'functions/conflicts/settle.ts',
    handler: 'resolve',
    summary: 'Settle a conflict: the winner is approved (or the direct team keeps it), the others rejected',
    auth: 'jwt',
    roles: [...MANAGERS, 'channel_admin'],
    table: 'write',
    params: ConflictParams,
    body: ConflictResolution,
    response: { status: 200, schema: Conflict, description: 'The resolved conflict case' },
  },
  {
    method: 'POST',
    path: '/conflicts/{id}/escalate',
    entry: 'functions/conflicts/settle.ts',
    handler: 'escalate',
    summary: 'Move a conflict up: partner manager → regional director → customer choice',
    auth: 'jwt',
    roles: [...MANAGERS, 'channel_admin'],
    table: 'write',
    params: ConflictParams,
    body: ConflictEscalation,
    response: { status: 200, schema: Conflict, description: 'The escalated conflict case' },
  },
  {
    method: 'GET',
    path: '/forecast',
    entry: 'functions/forecast/report.ts',
    handler: 'forecast',
    summary: 'The forecast by month or quarter and any of product line, region, dealer, tier, in JSON or CSV',
    auth: 'jwt',
    roles: ['finance', 'channel_admin'],
    table: 'read',
    query: ForecastQuery,
    response: { status: 200, schema: ForecastReport, description: 'Rows and totals in the reporting currency (CSV: decimals)' },
  },
  {
    method: 'GET',
    path: '/forecast/deals',
    entry: 'functions/forecast/report.ts',
    handler: 'deals',
    summary: 'The forecast line items: one row per open registration expected to close in the range, paged',
    auth: 'jwt',
    roles: ['finance', 'channel_admin'],
    table: 'read',
    query: ForecastDealsQuery,
    response: { status: 200, schema: listOf(ForecastDeal), description: 'A page of open deals (CSV: Link rel=next)' },
  },
  {
    method: 'GET',
    path: '/forecast/accuracy',
    entry: 'functions/forecast/report.ts',
    handler: 'accuracy',
    summary: 'What each monthly snapshot forecast for a month, against what was won',
    auth: 'jwt',
    roles: ['finance', 'channel_admin'],
    table: 'read',
    query: AccuracyQuery,
    response: { status: 200, schema: AccuracyReport, description: 'Snapshots and their error' },
  },
  // ── Partner program: KPI inputs, scorecards, tier history, improvement plans ─────────────────────────────────────
  ...Object.entries(INPUT_KINDS).map(
    ([kind, spec]): RouteDefinition => ({
      method: 'POST',
      path: `/kpi-inputs/${kind}`,
      entry: 'functions/partner-program/inputs.ts',
      handler: kind,
      summary: `${spec.summary}. JSON { items } or CSV (text/csv) with a header row of these fields; all rows are validated before any is stored`,
      auth: 'jwt',
      roles: ['channel_admin'],
      table: 'write',
      body: inputBody(spec.row),
      bodyType: 'rows',
      maxBodyBytes: 5 * 1024 * 1024,
      response: { status: 200, schema: InputResult, description: 'What was stored' },
    }),
  ),
  {
    method: 'GET',
    path: '/dealers/{dealerId}/scorecard',
    entry: 'functions/partner-program/scorecard.ts',
    handler: 'scorecard',
    summary: "A dealer's tier, score, gap to the next tier, KPIs and diagnosis for a quarter or a year",
    auth: 'jwt',
    roles: ['dealer', ...MANAGERS, 'channel_admin', 'finance'],
    table: 'read',
    params: DealerParams,
    query: ScorecardQuery,
    response: { status: 200, schema: Scorecard, description: 'The scorecard' },
  },
  {
    method: 'GET',
    path: '/dealers/{dealerId}/tier-history',
    entry: 'functions/partner-program/scorecard.ts',
    handler: 'tierHistory',
    summary: "A dealer's tier changes, newest first, each with the reasons (which criteria moved it)",
    auth: 'jwt',
    roles: ['dealer', ...MANAGERS, 'channel_admin', 'finance'],
    table: 'read',
    params: DealerParams,
    query: listQuery(),
    response: { status: 200, schema: listOf(TierChange), description: 'A page of tier changes' },
  },
  {
    method: 'POST',
    path: '/dealers/{dealerId}/improvement-plans',
    entry: 'functions/partner-program/plans.ts',
    handler: 'open',
    summary: "Put a dealer on an improvement plan with goals and a deadline (the dealer's status becomes improvement_plan)",
    auth: 'jwt',
    roles: [...MANAGERS, 'channel_admin'],
    table: 'write',
    params: DealerParams,
    body: ImprovementPlanInput,
    response: { status: 201, schema: ImprovementPlan, description: 'The open plan' },
  },
  {
    method: 'GET',
    path: '/dealers/{dealerId}/improvement-plans',
    entry: 'functions/partner-program/plans.ts',
    handler: 'list',
    summary: "A dealer's improvement plans, oldest first, with their goals, results and history",
    auth: 'jwt',
    roles: ['dealer', ...MANAGERS, 'channel_admin'],
    table: 'read',
    params: DealerParams,
    query: listQuery(),
    response: { status: 200, schema: listOf(ImprovementPlan), description: 'A page of improvement plans' },
  },
  {
    method: 'GET',
    path: '/reviews',
    entry: 'functions/reviews/queue.ts',
    handler: 'handler',
    summary: "Registrations awaiting a decision in the caller's regions, oldest first",
    auth: 'jwt',
    roles: MANAGERS,
    table: 'write',
    query: listQuery(),
    response: { status: 200, schema: listOf(Registration), description: 'A page of the review queue' },
  },
];

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;

export function route(key: string): RouteDefinition {
  const found = routes.find((r) => routeKey(r) === key);
  if (!found) throw new Error(`No route ${key} in the route table`);
  return found;
}
