/** Path and query parameters, and a JSON body, validated by the route contract's zod schemas. */
import type * as z from 'zod';
import type { RouteDefinition } from '../../api/route-contract.js';
import { InvalidInput } from '../../domain/errors.js';
import { fieldErrors } from '../problem.js';
import type { RouteMiddleware } from '../route-stack.js';

function parameters(schema: z.ZodObject | undefined, input: unknown): unknown {
  if (!schema) return {};
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInput(
    fieldErrors(result.error.issues).map((e) => ({ ...e, path: e.path.replace(/^\//, '') })),
    'The request has invalid parameters.',
  );
}

export const parameterValidation = (definition: RouteDefinition): RouteMiddleware => ({
  before: (request) => {
    request.context.input.params = parameters(definition.params, request.event.pathParameters ?? {});
    request.context.input.query = parameters(definition.query, request.event.queryStringParameters ?? {});
  },
});

/** Only JSON bodies: form and rows bodies are validated by their handlers, field by field or row by row. */
export function bodyValidation(definition: RouteDefinition): RouteMiddleware[] {
  const schema = definition.body;
  if (!schema || definition.bodyType === 'form' || definition.bodyType === 'rows') return [];
  return [
    {
      before: (request) => {
        const result = schema.safeParse(request.context.input.body);
        if (!result.success) throw new InvalidInput(fieldErrors(result.error.issues, ''));
        request.context.input.body = result.data;
      },
    },
  ];
}
