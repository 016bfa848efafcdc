/** Contract of the setup area: the partner program and the regions, dealers and products channel admins keep. */
import { MANAGER_ROLES } from '../domain/caller.js';
import { listOf } from '../schemas/common.js';
import {
  Dealer,
  DealerDirectoryEntry,
  DealerDirectoryQuery,
  DealerInput,
  Product,
  ProductInput,
  Program,
  Region,
  RegionInput,
} from '../schemas/setup.js';
import { collectionRoutes } from './collection-routes.js';
import { defineRoute } from './route-contract.js';

export const programRoutes = {
  put: defineRoute({
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
  }),
  get: defineRoute({
    method: 'GET',
    path: '/program',
    entry: 'functions/setup/program.ts',
    handler: 'get',
    summary: 'Read the partner program',
    auth: 'jwt',
    roles: ['channel_admin', 'finance', ...MANAGER_ROLES],
    table: 'read',
    response: { status: 200, schema: Program, description: 'The program' },
  }),
};

export const regionRoutes = collectionRoutes({
  collection: 'regions',
  idName: 'regionId',
  entry: 'setup/regions',
  input: RegionInput,
  output: Region,
  noun: 'region',
});
export const dealerRoutes = collectionRoutes({
  collection: 'dealers',
  idName: 'dealerId',
  entry: 'setup/dealers',
  input: DealerInput,
  output: Dealer,
  noun: 'dealer',
});
export const productRoutes = collectionRoutes({
  collection: 'products',
  idName: 'sku',
  entry: 'setup/products',
  input: ProductInput,
  output: Product,
  noun: 'product',
});

/** The dealers a manager looks after (its regions'), or every dealer for a channel admin: paged, searchable. */
export const dealerDirectoryRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/dealer-directory',
    entry: 'functions/setup/dealer-directory.ts',
    handler: 'list',
    summary: 'List the dealers of the caller’s regions (every dealer for a channel admin), by id, searchable by name',
    auth: 'jwt',
    roles: ['channel_admin', ...MANAGER_ROLES],
    table: 'read',
    query: DealerDirectoryQuery,
    response: { status: 200, schema: listOf(DealerDirectoryEntry), description: 'A page of dealers in id order' },
  }),
};
