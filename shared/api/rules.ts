/** Contract of the rules of engagement: territories, named accounts and what the direct team keeps. */
import { MANAGER_ROLES } from '../domain/caller.js';
import { DirectRules, NamedAccount, NamedAccountInput, Territory, TerritoryInput } from '../schemas/rules.js';
import { collectionRoutes } from './collection-routes.js';
import { defineRoute } from './route-contract.js';

export const territoryRoutes = collectionRoutes({
  collection: 'rules/territories',
  idName: 'territoryId',
  entry: 'rules/territories',
  input: TerritoryInput,
  output: Territory,
  noun: 'territory rule',
});
export const namedAccountRoutes = collectionRoutes({
  collection: 'rules/named-accounts',
  idName: 'accountId',
  entry: 'rules/named-accounts',
  input: NamedAccountInput,
  output: NamedAccount,
  noun: 'named account',
});

export const directRuleRoutes = {
  put: defineRoute({
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
  }),
  get: defineRoute({
    method: 'GET',
    path: '/rules/direct',
    entry: 'functions/rules/direct.ts',
    handler: 'get',
    summary: 'What the direct team keeps',
    auth: 'jwt',
    roles: ['channel_admin', ...MANAGER_ROLES],
    table: 'read',
    response: { status: 200, schema: DirectRules, description: 'The direct rules' },
  }),
};
