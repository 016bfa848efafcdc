/** Program settings and the channel's reference data: regions, dealers, products. */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { productVisible } from '../domain/enablement.js';
import { STARTING_TIER, type Tier } from '../domain/tier-ranking.js';
import { Slug } from '../schemas/common.js';
import type { DirectRules, NamedAccount, Territory } from '../schemas/rules.js';
import { type Dealer, defaultProgram, type Product, type Program, type Region } from '../schemas/setup.js';
import { acceptedPositionOf, gateOf } from './agreement-repository.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { cursorCodec, keyCursor } from './cursor.js';
import { customerBlocks } from './customer-block-repository.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';
import { idempotencyRecords } from './registration-repository.js';

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
    async get(id: string, options: { consistent?: boolean } = {}): Promise<T | undefined> {
      const { Item } = await documentClient.send(
        new GetCommand({ TableName: environment.tableName, Key: c.key(id), ConsistentRead: options.consistent }),
      );
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

/** The dealers among `dealerIds` that exist, by BatchGetItem. */
export async function existingDealers(dealerIds: string[]): Promise<Map<string, Dealer>> {
  const items = await batchGet([...new Set(dealerIds)].map(keys.dealer));
  return new Map(items.map((i) => [i.id as string, strip<Dealer>(i) as Dealer]));
}

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

/**
 * The territories and named accounts that can apply to a customer in `country`, by index. The direct-sale rules,
 * one item, are read by key with the submission's other items (`loadSubmissionReads`).
 */
export async function rulesInCountry(country: string) {
  const [inCountry, accounts] = await Promise.all([
    territories.lookup(keys.territoriesInCountry(country)),
    namedAccounts.lookup(keys.namedAccountsInCountry(country)),
  ]);
  return { territories: inCountry, namedAccounts: accounts };
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

/** A region (undefined when there is none) and the program settings, in one round trip: what a new lead is routed by. */
export async function loadRegionAndProgram(regionId: string): Promise<{ region: Region | undefined; program: Program }> {
  const byPk = await batchGetAll([keys.region(regionId), keys.program()]);
  return {
    region: strip<Region>(byPk.get(keys.region(regionId).PK)),
    program: strip<Program>(byPk.get(keys.program().PK)) ?? defaultProgram(),
  };
}

/** The dealer context's items: the dealer, its tier and agreement, the program, the agreement gate, the SKUs named. */
function dealerContextKeys(dealerId: string, skus: string[]): { PK: string; SK: string }[] {
  const { PK, SK } = keys.currentTier(dealerId);
  return [
    keys.dealer(dealerId),
    keys.program(),
    { PK, SK },
    keys.agreementGate(),
    keys.dealerAgreement(dealerId),
    ...[...new Set(skus)].map(keys.product),
  ];
}

function dealerContextOf(byPk: Map<string, Record<string, unknown>>, dealerId: string, skus: string[]) {
  const tier = (byPk.get(keys.currentTier(dealerId).PK)?.tier as Tier | undefined) ?? STARTING_TIER;
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

/** What a dealer's change needs in one round trip: the dealer, its tier and agreement, the program, the SKUs named. */
export async function loadSubmissionContext(dealerId: string, skus: string[]) {
  return dealerContextOf(await batchGetAll(dealerContextKeys(dealerId, skus)), dealerId, skus);
}

export interface SubmissionReads {
  dealerId: string;
  skus: string[];
  /** The customer's name block: its sequence item's version must be read before the near-duplicate lookup. */
  nameBlock: string;
  idempotencyKey?: { PK: string; SK: string } | undefined;
}

/**
 * Every item a submission reads by key, in one consistent BatchGetItem: the dealer context, the direct-sale rules,
 * the name block's sequence item and, with an Idempotency-Key, its record.
 */
export function submissionKeys(reads: SubmissionReads): { PK: string; SK: string }[] {
  return [
    ...dealerContextKeys(reads.dealerId, reads.skus),
    keys.directRules(),
    keys.customerBlockSequence(reads.nameBlock),
    ...(reads.idempotencyKey ? [reads.idempotencyKey] : []),
  ];
}

export async function loadSubmissionReads(reads: SubmissionReads) {
  const byPk = await batchGetAll(submissionKeys(reads));
  return {
    ...dealerContextOf(byPk, reads.dealerId, reads.skus),
    directRules: strip<DirectRules>(byPk.get(keys.directRules().PK)) ?? { segments: [], productLines: [] },
    block: customerBlocks.stateOf(reads.nameBlock, byPk.get(keys.customerBlockSequence(reads.nameBlock).PK)),
    idempotencyRecord: reads.idempotencyKey ? idempotencyRecords.of(byPk.get(reads.idempotencyKey.PK)) : undefined,
  };
}

const directoryCursor = cursorCodec('dealer-directory', Slug);
/** Dealers read per partition and request at most; a search that finds few stops there and resumes by cursor. */
const DIRECTORY_SCAN_LIMIT = 500;

const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * One page of dealers in id order: of the given regions (by the region index, merged), or of the whole channel for
 * `undefined`. `q` keeps the dealers whose name or id holds it (case and accents ignored). Each partition is read
 * from the cursor's id on until it gave a page of matches or DIRECTORY_SCAN_LIMIT items; the page ends where the
 * least-read partition stopped, so no dealer is skipped, and the cursor is the last id the page covered.
 */
export async function dealerDirectory(
  regionIds: string[] | undefined,
  page: { limit: number; cursor?: string | undefined; q?: string | undefined },
): Promise<{ items: (Dealer & { tier: Tier })[]; nextCursor: string | undefined }> {
  const after = directoryCursor.decode(page.cursor);
  const needle = page.q ? folded(page.q) : undefined;
  const matches = (d: Dealer) => !needle || folded(d.name).includes(needle) || folded(d.id).includes(needle);
  const partitions = regionIds
    ? regionIds.map((r) => ({ index: 'GSI2', pk: keys.dealersInRegion(r) }))
    : [{ index: 'GSI1', pk: keys.dealersPartition() }];
  const reads = await Promise.all(
    partitions.map(async ({ index, pk }) => {
      const found: Dealer[] = [];
      let scanned = 0;
      let startKey: Record<string, unknown> | undefined;
      let lastId = after;
      do {
        const { Items = [], LastEvaluatedKey } = await documentClient.send(
          new QueryCommand({
            TableName: environment.tableName,
            IndexName: index,
            KeyConditionExpression: after === undefined ? `${index}PK = :p` : `${index}PK = :p AND ${index}SK > :after`,
            ExpressionAttributeValues: { ':p': pk, ...(after === undefined ? {} : { ':after': after }) },
            Limit: Math.min(DIRECTORY_SCAN_LIMIT - scanned, needle ? 100 : page.limit + 1),
            ExclusiveStartKey: startKey,
          }),
        );
        scanned += Items.length;
        for (const item of Items) {
          const dealer = strip<Dealer>(item) as Dealer;
          lastId = dealer.id;
          if (matches(dealer)) found.push(dealer);
        }
        startKey = LastEvaluatedKey;
      } while (startKey && found.length <= page.limit && scanned < DIRECTORY_SCAN_LIMIT);
      return { found, done: startKey === undefined, lastId };
    }),
  );
  // A partition that stopped early covered ids up to its last read one only: the page may not go past it.
  const frontier = reads
    .filter((r) => !r.done)
    .map((r) => r.lastId as string)
    .sort()[0];
  const merged = reads
    .flatMap((r) => r.found)
    .filter((d) => frontier === undefined || d.id <= frontier)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shown = merged.slice(0, page.limit);
  const more = merged.length > page.limit || frontier !== undefined;
  const position = merged.length > page.limit ? shown.at(-1)?.id : frontier;
  const tiers = shown.length ? await batchGet(shown.map((d) => keys.currentTier(d.id)).map(({ PK, SK }) => ({ PK, SK }))) : [];
  const tierOf = new Map(tiers.map((t) => [t.PK as string, t.tier as Tier]));
  return {
    items: shown.map((d) => ({ ...d, tier: tierOf.get(keys.currentTier(d.id).PK) ?? STARTING_TIER })),
    nextCursor: more ? directoryCursor.encode(position) : undefined,
  };
}
