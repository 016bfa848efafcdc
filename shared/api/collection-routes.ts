/** The PUT, GET and list routes of a channel-admin collection, served by the module `functions/<entry>.ts`. */
import * as z from 'zod';
import { ListQuery, listOf, Slug } from '../schemas/common.js';
import { defineRoute } from './route-contract.js';

export function collectionRoutes<const Id extends string, Input extends z.ZodType, Output extends z.ZodType>(spec: {
  /** The collection's path: `regions`, `rules/territories`, … */
  collection: string;
  idName: Id;
  entry: string;
  input: Input;
  output: Output;
  noun: string;
}) {
  const { collection, idName, input, output, noun } = spec;
  const params = z.strictObject({ [idName]: Slug } as Record<Id, typeof Slug>);
  const itemPath = `/${collection}/{${idName}}`;
  const common = { entry: `functions/${spec.entry}.ts`, auth: 'jwt', roles: ['channel_admin'] } as const;
  return {
    idName,
    noun,
    put: defineRoute({
      ...common,
      method: 'PUT',
      path: itemPath,
      handler: 'put',
      summary: `Create or replace a ${noun}`,
      table: 'write',
      params,
      body: input,
      response: { status: 200, schema: output, description: `The ${noun} as stored` },
    }),
    get: defineRoute({
      ...common,
      method: 'GET',
      path: itemPath,
      handler: 'get',
      summary: `Read a ${noun}`,
      table: 'read',
      params,
      response: { status: 200, schema: output, description: `The ${noun}` },
    }),
    list: defineRoute({
      ...common,
      method: 'GET',
      path: `/${collection}`,
      handler: 'list',
      summary: `List ${noun}s`,
      table: 'read',
      query: ListQuery,
      response: { status: 200, schema: listOf(output), description: `A page of ${noun}s` },
    }),
  };
}

export type CollectionRoutes<Id extends string, Input extends z.ZodType, Output extends z.ZodType> = ReturnType<
  typeof collectionRoutes<Id, Input, Output>
>;
