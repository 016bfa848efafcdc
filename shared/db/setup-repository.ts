/** Program settings and the channel's reference data: regions, dealers, products. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { productVisible } from '../domain/enablement.js';
import { STARTING_TIER, type Tier } from '../domain/tier-ranking.js';
import type { DirectRules, NamedAccount, Territory } from '../schemas/rules.js';
import { type Dealer, defaultProgram, type Product, type Program, type Region } from '../schemas/setup.js';
import { acceptedPositionOf, gateOf } from './agreement-repository.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';

const STRIP = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity'] as const;
const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const copy = { ...item };
  for (const attribute of STRIP) delete copy[attribute];
  return copy as T;
};

/** A collection of reference items that admins PUT by id and list in id order. */
interface Collection<T> {
  entity: string;
  key: (id: string) => { PK: string; SK: string };
  listKey: (id: string) => { GSI1PK: string; GSI1SK: string };
  partition: () => string;
  idOf: (item: T) => string;
  /** A second index entry, for collections also read by a lookup (rules by country). */
  lookupKey?: (item: T) => { GSI2PK: string; GSI2SK: string };
}

function collectionRepository<T>(c: Collection<T>) {
  const cursor = keyCursor(`${c.entity}-list`);
  return {
    async get(id: string): Promise<T | undefined> {
      const { Item } = await documentClient.send(new GetCommand({ TableName: environment.tableName, Key: c.key(id) }));
      return strip<T>(Item);
    },
    async put(item: T): Promise<void> {
      const id = c.idOf(item);
      await documentClient.send(
        new PutCommand({
          TableName: environment.tableName,
          Item: { ...c.key(id), ...c.listKey(id), ...c.lookupKey?.(item), entity: c.entity, ...item },
        }),
      );
    },
    async list(page: { limit: number; cursor?: string | undefined }) {
      const partition = c.partition();
      const { Items = [], LastEvaluatedKey } = await documentClient.send(
        new QueryCommand({
          TableName: environment.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': partition },
          Limit: page.limit,
          ExclusiveStartKey: cursor.decode(page.cursor, { GSI1PK: partition }),
        }),
      );
      return { items: Items.map((i) => strip<T>(i) as T), nextCursor: cursor.encode(LastEvaluatedKey) };
    },
    /** Every item under one lookup partition (small by design: the rules of one country). */
    async lookup(partition: string): Promise<T[]> {
      const items = await queryAll({
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': partition },
      });
      return items.map((i) => strip<T>(i) as T);
    },
  };
}

export const regions = collectionRepository<Region>({
  entity: 'region',
  key: keys.region,
  listKey: keys.regionCollection,
  partition: keys.regionsPartition,
  idOf: (r) => r.id,
});

export const dealers = collectionRepository<Dealer>({
  entity: 'dealer',
  key: keys.dealer,
  listKey: keys.dealerCollection,
  partition: keys.dealersPartition,
  idOf: (d) => d.id,
  lookupKey: keys.dealerByRegion,
});

export const products = collectionRepository<Product>({
  entity: 'product',
  key: keys.product,
  listKey: keys.productCollection,
  partition: keys.productsPartition,
  idOf: (p) => p.sku,
});

export const territories = collectionRepository<Territory>({
  entity: 'territory',
  key: keys.territory,
  listKey: keys.territoryCollection,
  partition: keys.territoriesPartition,
  idOf: (t) => t.id,
  lookupKey: keys.territoryByCountry,
});

export const namedAccounts = collectionRepository<NamedAccount>({
  entity: 'named-account',
  key: keys.namedAccount,
  listKey: keys.namedAccountCollection,
  partition: keys.namedAccountsPartition,
  idOf: (a) => a.id,
  lookupKey: keys.namedAccountByCountry,
});

export const directRules = {
  async get(): Promise<DirectRules> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: environment.tableName, Key: keys.directRules() }));
    return strip<DirectRules>(Item) ?? { segments: [], productLines: [] };
  },
  async put(rules: DirectRules): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: environment.tableName, Item: { ...keys.directRules(), entity: 'direct-rules', ...rules } }),
    );
  },
};

/** The rules of engagement that can apply to a customer in `country`, read by key and index. */
export async function loadRulesFor(country: string) {
  const [inCountry, accounts, direct] = await Promise.all([
    territories.lookup(keys.territoriesInCountry(country)),
    namedAccounts.lookup(keys.namedAccountsInCountry(country)),
    directRules.get(),
  ]);
  return { territories: inCountry, namedAccounts: accounts, directRules: direct };
}

export const program = {
  async get(): Promise<Program> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: environment.tableName, Key: keys.program() }));
    return strip<Program>(Item) ?? defaultProgram();
  },
  async put(settings: Program): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: environment.tableName, Item: { ...keys.program(), entity: 'program', ...settings } }),
    );
  },
};

/** The items of `requested`, consistently read, by partition key. */
async function batchGetAll(requested: Record<string, unknown>[]): Promise<Map<string, Record<string, unknown>>> {
  const found = await batchGet(requested, { consistent: true });
  return new Map(found.map((item) => [item.PK as string, item]));
}

/**
 * The people a registration's notices go to — its dealer and the managers of its region — and the program's review
 * window (the decide-by times the mails name), in one round trip.
 */
export async function loadParties(dealerId: string, regionId: string) {
  const byPk = await batchGetAll([keys.dealer(dealerId), keys.region(regionId), keys.program()]);
  const dealer = strip<Dealer>(byPk.get(keys.dealer(dealerId).PK));
  const region = strip<Region>(byPk.get(keys.region(regionId).PK));
  if (!dealer || !region) throw new Error(`Dealer ${dealerId} or region ${regionId} is missing`);
  const program = strip<Program>(byPk.get(keys.program().PK)) ?? defaultProgram();
  return { dealer, region, reviewWindow: { targetHours: program.reviewTargetHours, limitHours: program.reviewLimitHours } };
}

/** What a submission needs in one round trip: the dealer, the program and the catalog entries it names. */
export async function loadSubmissionContext(dealerId: string, skus: string[]) {
  const { PK, SK } = keys.currentTier(dealerId);
  const tierKey = { PK, SK };
  const byPk = await batchGetAll([
    keys.dealer(dealerId),
    keys.program(),
    tierKey,
    keys.agreementGate(),
    keys.dealerAgreement(dealerId),
    ...[...new Set(skus)].map(keys.product),
  ]);
  const tier = (byPk.get(tierKey.PK)?.tier as Tier | undefined) ?? STARTING_TIER;
  // A product the dealer's tier may not see (early access below Gold, withdrawn) is as unknown as a missing one.
  const productLines = new Map<string, string>();
  for (const sku of skus) {
    const product = strip<Product>(byPk.get(keys.product(sku).PK));
    if (product && productVisible(product, { tier })) productLines.set(sku, product.productLine);
  }
  return {
    dealer: strip<Dealer>(byPk.get(keys.dealer(dealerId).PK)),
    /** The dealer's current tier (bronze until its first evaluation). */
    tier,
    program: strip<Program>(byPk.get(keys.program().PK)) ?? defaultProgram(),
    catalog: { productLineOf: (sku: string) => productLines.get(sku) },
    /** The partner agreement: the material versions' positions and the latest the dealer accepted. */
    agreement: {
      materialPositions: gateOf(byPk.get(keys.agreementGate().PK)),
      acceptedPosition: acceptedPositionOf(byPk.get(keys.dealerAgreement(dealerId).PK)),
    },
  };
}
