/** Contract of the enablement area (SPEC §4, §8): catalogue, tier price lists, sales assets, support contact. */
import * as z from 'zod';
import { MANAGER_ROLES } from '../domain/caller.js';
import { ListQuery, listOf, Slug } from '../schemas/common.js';
import {
  Asset,
  AssetDownload,
  AssetInput,
  AssetQuery,
  PriceList,
  PriceListInput,
  PriceListSummary,
  SupportContact,
  TierPriceList,
  TierPriceQuery,
} from '../schemas/enablement.js';
import { CatalogProduct, CatalogProductDetail } from '../schemas/setup.js';
import { defineRoute } from './route-contract.js';

const EVERYONE = ['dealer', ...MANAGER_ROLES, 'finance', 'channel_admin'] as const;
const SkuParams = z.strictObject({ sku: Slug });
const PriceListParams = z.strictObject({ priceListId: Slug });
const AssetParams = z.strictObject({ assetId: Slug });

/** The catalogue every signed-in role reads (the registration form's product picker); dealers see their tier's part. */
export const catalogRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/catalog',
    entry: 'functions/enablement/catalog.ts',
    handler: 'list',
    summary: 'The products the caller may see: published ones, early access for Gold dealers, everything for staff',
    auth: 'jwt',
    roles: EVERYONE,
    scope: 'catalog:read',
    table: 'read',
    query: ListQuery,
    response: { status: 200, schema: listOf(CatalogProduct), description: 'A page of products (a filtered page may be short)' },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/catalog/{sku}',
    entry: 'functions/enablement/catalog.ts',
    handler: 'get',
    summary: 'One product with its description and specs; one the caller may not see is 404',
    auth: 'jwt',
    roles: EVERYONE,
    scope: 'catalog:read',
    table: 'read',
    params: SkuParams,
    response: { status: 200, schema: CatalogProductDetail, description: 'The product' },
  }),
};

export const priceListRoutes = {
  put: defineRoute({
    method: 'PUT',
    path: '/price-lists/{priceListId}',
    entry: 'functions/enablement/price-lists.ts',
    handler: 'put',
    summary: 'Create or replace a price list: list prices per SKU, a validity and a currency, tier discounts',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    params: PriceListParams,
    body: PriceListInput,
    maxBodyBytes: 512 * 1024,
    conflict: 'Another price list of the currency is valid on one of its days',
    response: { status: 200, schema: PriceList, description: 'The price list as stored' },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/price-lists/{priceListId}',
    entry: 'functions/enablement/price-lists.ts',
    handler: 'get',
    summary: 'Read a price list',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'read',
    params: PriceListParams,
    response: { status: 200, schema: PriceList, description: 'The price list' },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/price-lists',
    entry: 'functions/enablement/price-lists.ts',
    handler: 'list',
    summary: 'List price lists (without their items)',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'read',
    query: ListQuery,
    response: { status: 200, schema: listOf(PriceListSummary), description: 'A page of price lists' },
  }),
  tier: defineRoute({
    method: 'GET',
    path: '/price-list',
    entry: 'functions/enablement/price-lists.ts',
    handler: 'tier',
    summary: 'Net prices of one tier on a date: a dealer its own tier, staff the tier they name (JSON or CSV)',
    auth: 'jwt',
    roles: EVERYONE,
    table: 'read',
    query: TierPriceQuery,
    response: { status: 200, schema: TierPriceList, description: 'The tier’s net prices' },
  }),
};

export const assetRoutes = {
  put: defineRoute({
    method: 'PUT',
    path: '/assets/{assetId}',
    entry: 'functions/enablement/assets.ts',
    handler: 'put',
    summary: 'Create or replace a sales asset: an uploaded file with its title, kind, products and minimum tier',
    auth: 'jwt',
    roles: ['channel_admin'],
    table: 'write',
    params: AssetParams,
    body: AssetInput,
    response: { status: 200, schema: Asset, description: 'The asset as stored' },
  }),
  get: defineRoute({
    method: 'GET',
    path: '/assets/{assetId}',
    entry: 'functions/enablement/assets.ts',
    handler: 'get',
    summary: 'One sales asset; one the caller’s tier may not see is 404',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'read',
    params: AssetParams,
    response: { status: 200, schema: Asset, description: 'The asset' },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/assets',
    entry: 'functions/enablement/assets.ts',
    handler: 'list',
    summary: 'Sales assets the caller may see, by product, product line or language',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'read',
    query: AssetQuery,
    response: { status: 200, schema: listOf(Asset), description: 'A page of assets (a filtered page may be short)' },
  }),
  download: defineRoute({
    method: 'GET',
    path: '/assets/{assetId}/download',
    entry: 'functions/enablement/assets.ts',
    handler: 'download',
    summary: 'A presigned download URL of the asset’s file, valid 5 minutes; a dealer’s download is counted',
    auth: 'jwt',
    roles: ['dealer', 'channel_admin'],
    table: 'read',
    files: ['download'],
    params: AssetParams,
    response: { status: 200, schema: AssetDownload, description: 'Where to download the file' },
  }),
};

export const supportRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/support',
    entry: 'functions/enablement/support.ts',
    handler: 'get',
    summary: 'The dealer’s support contact: Gold its dedicated partner manager, Silver its region’s, Bronze self-service',
    auth: 'jwt',
    roles: ['dealer'],
    table: 'read',
    response: { status: 200, schema: SupportContact, description: 'Whom to contact' },
  }),
};
