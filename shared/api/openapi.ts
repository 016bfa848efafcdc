/** The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate requests. */
import * as z from 'zod';
import { Problem } from '../schemas/common.js';
import { routes, type RouteDefinition } from './routes.js';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(route: RouteDefinition) {
  const fromObject = (object: z.ZodObject | undefined, location: 'path' | 'query') => {
    if (!object) return [];
    const json = schemaOf(object, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
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
        : 'Makes the request safe to retry: a retry with the same key and body returns the first answer (24 h).',
  }));
  return [...fromObject(route.params, 'path'), ...fromObject(route.query, 'query'), ...headers];
}

function operation(route: RouteDefinition) {
  const responses: Record<string, unknown> = {
    [route.response.status]: {
      description: route.response.description,
      ...(route.response.schema
        ? { content: { 'application/json': { schema: schemaOf(route.response.schema, 'output') } } }
        : {}),
    },
  };
  if (route.params || route.query || route.body || route.headers) responses[400] = problemResponse('Invalid input');
  if (route.auth === 'jwt') {
    responses[401] = { description: 'Missing, expired or invalid token' };
    responses[403] = problemResponse('The caller’s role may not use this route');
  }
  if (route.params) responses[404] = problemResponse('No such resource visible to the caller');
  if (route.method === 'POST' || route.method === 'PATCH') responses[409] = problemResponse('Not allowed in the current state');
  if (route.headers?.includes('If-Match')) {
    responses[412] = problemResponse('The version in If-Match is stale');
    responses[428] = problemResponse('If-Match is missing');
  }
  return {
    summary: route.summary,
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[/.](\w)/g, (_, c: string) => c.toUpperCase())}`,
    ...(route.auth === 'jwt' ? { security: [{ bearer: [] }], 'x-roles': route.roles } : { security: [] }),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: schemaOf(route.body, 'input') },
              ...(route.bodyType === 'rows'
                ? { 'text/csv': { schema: { type: 'string', description: 'A header row naming the fields of one item, then one line per item.' } } }
                : {}),
            },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
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
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: schemaOf(Problem, 'output') },
    },
    paths,
  };
}
