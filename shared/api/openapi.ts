/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate requests.
 * Every request and answer body is a named component (`$ref`), so generated clients get real type names; a schema
 * whose request form differs from its answer form (defaults, optional fields) gets a second component, `<Name>Input`.
 * Each operation lists the errors its route really answers, derived from what the route has: a body (400, 413,
 * 415), parameters (400), a signed-in caller (401, 403), a resource in the path that it reads (404), a state that may refuse the
 * change (409), If-Match (412, 428), an idempotency key (422), the table (503).
 */

import * as z from 'zod';
import { qualifiedScope } from '../domain/api-scopes.js';
import { CRM_CLIENT_SCHEME } from '../integrations/token-url.js';
import { BusinessReview, HoldBusinessReviewInput, ReviewPack } from '../schemas/business-reviews.js';
import { Money, Problem, Segment, Stage } from '../schemas/common.js';
import { Answer, AnswerInput, Author, HideInput, Question, QuestionInput, QuestionThread } from '../schemas/community.js';
import {
  Asset,
  AssetDownload,
  AssetInput,
  PriceList,
  PriceListInput,
  PriceListSummary,
  SupportContact,
  TierPriceList,
} from '../schemas/enablement.js';
import { FileUpload, FileUploadInput, StoredFile } from '../schemas/files.js';
import { AccuracyReport, ForecastDeal, ForecastReport } from '../schemas/forecast.js';
import {
  Budget,
  BudgetInput,
  FundClaim,
  FundClaimDecision,
  FundClaimInput,
  FundClaimPayment,
  FundRequest,
  FundRequestDecision,
  FundRequestInput,
  Funds,
  LedgerReport,
} from '../schemas/funds.js';
import { INTEGRATION_COMPONENTS } from '../schemas/integrations.js';
import { LeadSettings } from '../schemas/lead-settings.js';
import { LEAD_COMPONENTS } from '../schemas/leads.js';
import {
  Agreement,
  AgreementAcceptance,
  AgreementInput,
  Application,
  ApplicationDecision,
  ApplicationInput,
  ApplicationReceipt,
  CurrentAgreement,
  DealerUser,
  DealerUserInput,
} from '../schemas/onboarding.js';
import {
  GoalInput,
  ImprovementPlan,
  ImprovementPlanInput,
  InputResult,
  KpiSet,
  MarketingRow,
  RevenueRow,
  SatisfactionRow,
  Scorecard,
  SupportRow,
  Tier,
  TierChange,
  TrainingRow,
} from '../schemas/partner-program.js';
import {
  Contact,
  Customer,
  CustomerInput,
  Decision,
  ExtensionRequest,
  HistoryEvent,
  Outcome,
  ProductLine,
  Registration,
  RegistrationInput,
  RegistrationStatus,
  RegistrationUpdate,
} from '../schemas/registration.js';
import {
  AccountOwner,
  Conflict,
  ConflictEscalation,
  ConflictResolution,
  DirectRules,
  NamedAccount,
  NamedAccountInput,
  Territory,
  TerritoryInput,
} from '../schemas/rules.js';
import {
  CatalogProduct,
  CatalogProductDetail,
  Dealer,
  DealerInput,
  DealerStatus,
  Product,
  ProductInput,
  Program,
  Region,
  RegionInput,
  TierSettings,
} from '../schemas/setup.js';
import {
  AttemptInput,
  AttemptResult,
  CertificationStatus,
  CompletionImport,
  CompletionImportResult,
  CompletionRow,
  TrainingModule,
  TrainingModuleInput,
} from '../schemas/training.js';
import { EXAMPLES } from './examples.js';
import { type RouteDefinition, routeKey } from './route-contract.js';
import { routes } from './routes.js';
import { crmClientScheme, webhookOperations } from './webhook-description.js';

type JsonSchema = Record<string, unknown>;
type Schema = z.core.$ZodType;

/** The component names of the API's types; request and answer bodies not named here are named after their route. */
const NAMED: Record<string, Schema> = {
  Money,
  Budget,
  BudgetInput,
  Funds,
  FundRequest,
  FundRequestInput,
  FundRequestDecision,
  FundClaim,
  FundClaimInput,
  FundClaimDecision,
  FundClaimPayment,
  LedgerReport,
  Stage,
  Segment,
  RegistrationStatus,
  Customer,
  CustomerInput,
  Contact,
  ProductLine,
  Registration,
  RegistrationInput,
  RegistrationUpdate,
  Outcome,
  Decision,
  ExtensionRequest,
  HistoryEvent,
  Program,
  TierSettings,
  Region,
  RegionInput,
  Dealer,
  DealerInput,
  DealerStatus,
  Product,
  ProductInput,
  CatalogProduct,
  Territory,
  TerritoryInput,
  NamedAccount,
  NamedAccountInput,
  AccountOwner,
  DirectRules,
  Conflict,
  ConflictResolution,
  ConflictEscalation,
  ForecastReport,
  ForecastDeal,
  AccuracyReport,
  Tier,
  Scorecard,
  KpiSet,
  TierChange,
  GoalInput,
  ImprovementPlan,
  ImprovementPlanInput,
  InputResult,
  RevenueRow,
  TrainingRow,
  MarketingRow,
  SupportRow,
  SatisfactionRow,
  ...INTEGRATION_COMPONENTS,
  ...LEAD_COMPONENTS,
  LeadSettings,
  Application,
  ApplicationInput,
  ApplicationDecision,
  ApplicationReceipt,
  Agreement,
  AgreementInput,
  CurrentAgreement,
  AgreementAcceptance,
  DealerUser,
  DealerUserInput,
  TrainingModule,
  TrainingModuleInput,
  CertificationStatus,
  CompletionRow,
  CompletionImport,
  CompletionImportResult,
  AttemptInput,
  AttemptResult,
  Question,
  QuestionInput,
  QuestionThread,
  Answer,
  AnswerInput,
  Author,
  HideInput,
  Problem,
  FileUploadInput,
  FileUpload,
  File: StoredFile,
  BusinessReview,
  ReviewPack,
  HoldBusinessReviewInput,
  CatalogProductDetail,
  PriceList,
  PriceListInput,
  PriceListSummary,
  TierPriceList,
  Asset,
  AssetInput,
  AssetDownload,
  SupportContact,
};
const nameOf = new Map<Schema, string>(Object.entries(NAMED).map(([name, schema]) => [schema, name]));

const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const operationId = (route: Pick<RouteDefinition, 'method' | 'path'>) =>
  `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`;

/** `{ items: [X], nextCursor? }` of a named X is `XPage`. */
function pageName(schema: Schema): string | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const { items, nextCursor } = schema.shape as Record<string, Schema | undefined>;
  if (!(items instanceof z.ZodArray) || !nextCursor) return undefined;
  const item = nameOf.get(items.element as Schema);
  return item ? `${item}Page` : undefined;
}

const bodyName = (route: RouteDefinition) => (route.body ? (nameOf.get(route.body) ?? `${pascal(operationId(route))}Request`) : undefined);
const responseName = (route: RouteDefinition) => {
  const schema = route.response.schema;
  return schema ? (nameOf.get(schema) ?? pageName(schema) ?? `${pascal(operationId(route))}Response`) : undefined;
};

/** The components of one direction (request bodies are read as `input`, answers as `output`), by name. */
function componentsOf(io: 'input' | 'output', entries: [string, Schema][]): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const ids = new Set<string>();
  for (const [id, schema] of entries) {
    // Two routes may answer equal `XPage` objects: the first one names the component, the others refer to it.
    if (registry.has(schema) || ids.has(id)) continue;
    registry.add(schema, { id });
    ids.add(id);
  }
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...json }]) => [id, json as JsonSchema]));
}

const REF = '#/components/schemas/';
const refsIn = (json: unknown): string[] =>
  JSON.stringify(json)
    .match(/"\$ref":"#\/components\/schemas\/[^"]+"/g)
    ?.map((m) => m.slice(`"$ref":"${REF}`.length, -1)) ?? [];

/** The names reachable from `roots` through `$ref`s. */
function reachable(components: Record<string, JsonSchema>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !components[id]) return;
    seen.add(id);
    refsIn(components[id]).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

/**
 * Both directions' components as one set: equal forms share a name; a request form that differs from its answer
 * form (or refers to one that does) becomes `<Name>Input`.
 */
function mergedComponents(
  input: Record<string, JsonSchema>,
  inputRoots: string[],
  output: Record<string, JsonSchema>,
  outputRoots: string[],
) {
  const inputs = reachable(input, inputRoots);
  const outputs = reachable(output, outputRoots);
  const both = [...inputs].filter((id) => outputs.has(id));
  const differs = new Set(both.filter((id) => JSON.stringify(input[id]) !== JSON.stringify(output[id])));
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of both) {
      if (!differs.has(id) && refsIn(input[id]).some((ref) => differs.has(ref))) {
        differs.add(id);
        grew = true;
      }
    }
  }
  const taken = new Set([...inputs, ...outputs]);
  const inputName = new Map([...differs].map((id) => [id, taken.has(`${id}Input`) ? `${id}Request` : `${id}Input`]));
  const renamed = (json: JsonSchema) =>
    JSON.parse(
      JSON.stringify(json).replace(/"\$ref":"#\/components\/schemas\/([^"]+)"/g, (match, id: string) =>
        inputName.has(id) ? `"$ref":"${REF}${inputName.get(id)}"` : match,
      ),
    ) as JsonSchema;
  const schemas: Record<string, JsonSchema> = {};
  for (const id of [...outputs].sort()) schemas[id] = output[id] as JsonSchema;
  for (const id of [...inputs].sort()) schemas[inputName.get(id) ?? id] = renamed(input[id] as JsonSchema);
  return { schemas, inputName: (id: string) => inputName.get(id) ?? id };
}

/** Query and path parameters are inline: primitives, described where they are used. */
function parameterSchema(object: z.ZodObject) {
  const { $schema: _ignored, ...json } = z.toJSONSchema(object, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return json as { properties?: Record<string, JsonSchema>; required?: string[] };
}

function parameters(route: RouteDefinition) {
  const fromObject = (object: z.ZodObject | undefined, location: 'path' | 'query') => {
    if (!object) return [];
    const json = parameterSchema(object);
    return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      schema,
    }));
  };
  const headers = (route.headers ?? []).map((name) => ({
    name,
    in: 'header',
    required: name === 'If-Match',
    schema: { type: 'string' },
    description:
      name === 'If-Match'
        ? 'The version (ETag) the change is based on; a stale one answers 412.'
        : 'Makes the request safe to retry: a retry with the same key and body returns the first answer (24 h); the same key with another body answers 422.',
  }));
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query'), ...headers];
}

/** The problem answers, one reusable response per status; each with an example of the problem body. */
const PROBLEMS: Record<
  number,
  { name: string; description: string; title: string; detail: string; errors?: { path: string; message: string }[] }
> = {
  400: {
    name: 'BadRequest',
    description: 'Invalid input: each field named in `errors` (JSON Pointers into the body, or the parameter)',
    title: 'Invalid request',
    detail: 'The request has invalid fields.',
    errors: [{ path: '/expectedValue/currency', message: 'must be an ISO 4217 currency code in upper case, such as EUR' }],
  },
  403: {
    name: 'Forbidden',
    description: 'The caller’s role may not use this route',
    title: 'Forbidden',
    detail: 'The role finance may not use POST /registrations.',
  },
  404: {
    name: 'NotFound',
    description: 'No such resource visible to the caller (another tenant’s answers the same)',
    title: 'Not found',
    detail: 'There is no such registration.',
  },
  409: {
    name: 'Conflict',
    description: 'The resource’s state does not allow the change',
    title: 'Not allowed in the current state',
    detail: 'Only an open registration can be withdrawn.',
  },
  412: {
    name: 'VersionMismatch',
    description: 'The version in If-Match is stale: read again and retry',
    title: 'Version mismatch',
    detail: 'The registration changed since you read it (now version 4).',
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The body is larger than the route accepts',
    title: 'Payload too large',
    detail: 'The body must be at most 65536 bytes.',
  },
  415: {
    name: 'UnsupportedMediaType',
    description: 'The body is not of a content type the route accepts',
    title: 'Unsupported media type',
    detail: 'The body must be JSON, sent as Content-Type: application/json.',
  },
  422: {
    name: 'IdempotencyKeyReused',
    description: 'The Idempotency-Key was used with a different body',
    title: 'Idempotency key reused',
    detail: 'This Idempotency-Key was used for a different request.',
  },
  428: {
    name: 'PreconditionRequired',
    description: 'If-Match is missing',
    title: 'Precondition required',
    detail: 'Send If-Match with the version you read (its ETag).',
  },
  429: {
    name: 'TooManyRequests',
    description: 'Too many requests from one source or user in a window: retry after Retry-After seconds',
    title: 'Too many requests',
    detail: 'Too many applications from your network this hour; try again later.',
  },
  503: {
    name: 'Busy',
    description: 'Busy (the database throttled, a concurrent transaction, or the function ran out of time): retry after Retry-After',
    title: 'Busy',
    detail: 'The database is busy; retry shortly.',
  },
};

function problemResponse(status: number) {
  const { description, title, detail, errors } = PROBLEMS[status] as (typeof PROBLEMS)[number];
  return {
    description,
    ...(status === 503 || status === 429
      ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } }
      : {}),
    content: {
      'application/problem+json': {
        schema: { $ref: `${REF}Problem` },
        example: { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) },
      },
    },
  };
}

/** A 422 other than a reused idempotency key: what the request refers to cannot be used (see the route's summary). */
const UNPROCESSABLE = {
  description: 'What the request refers to cannot be used as it is (an upload that does not match its declaration)',
  content: {
    'application/problem+json': {
      schema: { $ref: `${REF}Problem` },
      example: {
        type: 'https://dealer-channel.example/problems/unprocessable',
        title: 'Unprocessable content',
        status: 422,
        detail: 'The upload has 1200 bytes, not the declared 1024. The upload was deleted; request a new one.',
      },
    },
  },
};

/** API Gateway's JWT authorizer answers 401 itself, before any function runs, in its own shape. */
const UNAUTHORIZED = {
  description: 'Missing, expired or invalid token (answered by the API Gateway authorizer)',
  content: {
    'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } }, example: { message: 'Unauthorized' } },
  },
};

/** The error statuses a route answers, from what it has. */
export function errorStatuses(route: RouteDefinition): number[] {
  const statuses = new Set<number>();
  const hasBody = Boolean(route.body || route.bodyType);
  if (route.params || route.query || hasBody || route.headers?.length) statuses.add(400);
  if (route.auth === 'jwt') statuses.add(401).add(403);
  // A PUT creates what it names; a route that reads nothing cannot tell whether the resource exists.
  if (route.params && route.method !== 'PUT' && route.table !== 'none') statuses.add(404);
  if (route.conflict) statuses.add(409);
  if (route.headers?.includes('If-Match')) statuses.add(412).add(428);
  if (hasBody) statuses.add(413).add(415);
  if (route.headers?.includes('Idempotency-Key') || route.unprocessable) statuses.add(422);
  if (route.rateLimit) statuses.add(429);
  if (route.table !== 'none') statuses.add(503);
  for (const status of Object.keys(route.pages ?? {})) statuses.add(Number(status));
  return [...statuses].sort((a, b) => a - b);
}

const componentsRef = (name: string) => ({ $ref: `${REF}${name}` });

function operation(route: RouteDefinition, inputName: (id: string) => string) {
  const example = EXAMPLES[routeKey(route)] ?? {};
  const html = route.response.contentType === 'text/html';
  const answer = responseName(route);
  const csv = route.query?.shape.format !== undefined;
  const responses: Record<string, unknown> = {
    [route.response.status]: {
      description: route.response.description,
      content: html
        ? { 'text/html': { schema: { type: 'string' } } }
        : {
            'application/json': {
              schema: answer ? componentsRef(answer) : { type: 'object' },
              ...(example.response !== undefined ? { example: example.response } : {}),
            },
            ...(csv
              ? { 'text/csv': { schema: { type: 'string', description: 'With format=csv: a header row, then one line per row.' } } }
              : {}),
          },
    },
  };
  for (const status of errorStatuses(route)) {
    const page = route.pages?.[status];
    responses[status] = page
      ? { description: page, content: { 'text/html': { schema: { type: 'string' } } } }
      : status === 401
        ? { $ref: '#/components/responses/Unauthorized' }
        : status === 422 && route.unprocessable
          ? { $ref: '#/components/responses/Unprocessable' }
          : { $ref: `#/components/responses/${(PROBLEMS[status] as (typeof PROBLEMS)[number]).name}` };
  }
  const body = bodyName(route);
  const requestContent =
    route.bodyType === 'form'
      ? {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: { decision: { type: 'string', enum: ['approve', 'reject'] }, reason: { type: 'string', maxLength: 1000 } },
            },
            ...(example.request !== undefined ? { example: example.request } : {}),
          },
        }
      : body
        ? {
            'application/json': {
              schema: componentsRef(inputName(body)),
              ...(example.request !== undefined ? { example: example.request } : {}),
            },
            ...(route.bodyType === 'rows'
              ? {
                  'text/csv': {
                    schema: { type: 'string', description: 'A header row naming the fields of one item, then one line per item.' },
                  },
                }
              : {}),
          }
        : undefined;
  return {
    summary: route.summary,
    operationId: operationId(route),
    ...(route.auth === 'jwt'
      ? {
          security: [{ bearer: [] }, ...(route.scope ? [{ [CRM_CLIENT_SCHEME]: [qualifiedScope(route.scope)] }] : [])],
          'x-roles': route.roles,
        }
      : { security: [] }),
    parameters: parameters(route),
    ...(requestContent ? { requestBody: { required: true, content: requestContent } } : {}),
    responses,
  };
}

export function openApiDocument() {
  const inputRoots = routes.flatMap((route) =>
    route.body && bodyName(route) ? [[bodyName(route) as string, route.body] as [string, Schema]] : [],
  );
  const outputRoots = routes.flatMap((route) =>
    route.response.schema && responseName(route) ? [[responseName(route) as string, route.response.schema] as [string, Schema]] : [],
  );
  const named = Object.entries(NAMED);
  const { schemas, inputName } = mergedComponents(
    componentsOf('input', [...inputRoots, ...named]),
    inputRoots.map(([id]) => id),
    componentsOf('output', [...outputRoots, ...named]),
    [...outputRoots.map(([id]) => id), 'Problem'],
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, inputName);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dealer Channel API',
      version: '1.0.0',
      description:
        'Deal registration for manufacturers that sell through dealers. Money is integer minor units with an ISO 4217 currency; errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, [CRM_CLIENT_SCHEME]: crmClientScheme() },
      schemas,
      responses: {
        Unauthorized: UNAUTHORIZED,
        Unprocessable: UNPROCESSABLE,
        ...Object.fromEntries(Object.entries(PROBLEMS).map(([status, { name }]) => [name, problemResponse(Number(status))])),
      },
    },
    paths,
    webhooks: webhookOperations(),
  };
}
