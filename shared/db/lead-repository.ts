/**
 * Leads in the single table: the lead item, one offer item per dealer it went to, one item per routing decision,
 * and each dealer's open-lead counter. Every change is one transaction built from the items below; the capacity
 * counter's condition makes the database refuse an offer beyond a dealer's capacity, however many race for it.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { environment } from '../config/environment.js';
import { leadDueAt, type StoredLead, type StoredOffer } from '../domain/lead.js';
import type { RoutingCandidate } from '../domain/lead-routing.js';
import { STARTING_TIER, type Tier } from '../domain/tier-ranking.js';
import type { Recipient } from '../notifications/portal-link.js';
import type { RoutingTrace } from '../schemas/leads.js';
import type { Dealer } from '../schemas/setup.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { cursorCodec, keyCursor } from './cursor.js';
import { DUE_SHARDS, keys } from './keys.js';
import { forEachPage, queryAll } from './query-pages.js';
import type { NamedItem } from './transaction.js';

const INDEX_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'entity'];
function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const attribute of INDEX_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

const leadItem = (lead: StoredLead) => ({
  ...keys.lead(lead.id),
  ...keys.leadIndexes({ ...lead, dueAt: leadDueAt(lead) }),
  entity: 'lead',
  ...lead,
});

const offerItem = (offer: StoredOffer) => ({
  ...keys.leadOffer(offer.leadId, offer.dealerId),
  ...keys.leadOfferIndexes(offer),
  entity: 'lead-offer',
  ...offer,
});

/** A merged list's position: `<createdAt>#<id>` of the last lead shown. */
const positionCursor = cursorCodec('lead-list', z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#lead_[0-9A-Za-z]+$/));
const dealerCursor = keyCursor('dealer-leads');

export interface LeadRecord {
  lead: StoredLead;
  offers: StoredOffer[];
  routing: RoutingTrace[];
}

export const leadItems = {
  /** The new lead (refused if its id exists) or the lead replacing the version read. */
  put(lead: StoredLead, expectedVersion?: number): NamedItem {
    return {
      name: 'lead',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: leadItem(lead),
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        },
      },
    };
  },

  /** A first offer to a dealer (refused if it had one), or its offer replacing the one in the status read. */
  putOffer(offer: StoredOffer, expectedStatus?: StoredOffer['status']): NamedItem {
    return {
      name: `offer:${offer.dealerId}`,
      item: {
        Put: {
          TableName: environment.tableName,
          Item: offerItem(offer),
          ...(expectedStatus === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : {
                ConditionExpression: '#status = :expected',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':expected': expectedStatus },
              }),
        },
      },
    };
  },

  putRouting(leadId: string, trace: RoutingTrace): NamedItem {
    return {
      name: 'routing',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: { ...keys.leadRouting(leadId, trace.round), entity: 'lead-routing', leadId, ...trace },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  },

  /** One more open lead for the dealer, refused (name `capacity:<dealer>`) once it holds `capacity`. */
  takeCapacity(dealerId: string, capacity: number): NamedItem {
    return {
      name: `capacity:${dealerId}`,
      item: {
        Update: {
          TableName: environment.tableName,
          Key: keys.openLeadCounter(dealerId),
          UpdateExpression: 'SET entity = :entity ADD #open :one',
          ConditionExpression: 'attribute_not_exists(#open) OR #open < :capacity',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: { ':entity': 'open-leads', ':one': 1, ':capacity': capacity },
        },
      },
    };
  },

  /** One open lead fewer: the dealer declined, let it lapse, or converted it. */
  releaseCapacity(dealerId: string): NamedItem {
    return {
      name: `release:${dealerId}`,
      item: {
        Update: {
          TableName: environment.tableName,
          Key: keys.openLeadCounter(dealerId),
          UpdateExpression: 'ADD #open :minus',
          ConditionExpression: '#open > :zero',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
    };
  },
};

export const leads = {
  async get(leadId: string): Promise<StoredLead | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.lead(leadId), ConsistentRead: true }),
    );
    return Item ? strip<StoredLead>(Item) : undefined;
  },

  /** The lead with its offers and routing decisions, in one Query of its partition. */
  async record(leadId: string): Promise<LeadRecord | undefined> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': keys.leadPartition(leadId) },
      ConsistentRead: true,
    });
    const lead = items.find((i) => i.SK === 'LEAD');
    if (!lead) return undefined;
    return {
      lead: strip<StoredLead>(lead),
      offers: items.filter((i) => String(i.SK).startsWith(keys.leadOfferPrefix())).map((i) => strip<StoredOffer>(i)),
      routing: items
        .filter((i) => String(i.SK).startsWith(keys.leadRoutingPrefix()))
        .map((i) => {
          const { leadId: _id, ...trace } = strip<RoutingTrace & { leadId: string }>(i);
          return trace as RoutingTrace;
        }),
    };
  },

  async offer(leadId: string, dealerId: string): Promise<StoredOffer | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.leadOffer(leadId, dealerId), ConsistentRead: true }),
    );
    return Item ? strip<StoredOffer>(Item) : undefined;
  },

  /** A dealer's offers, newest first, optionally in one status; recalled offers are not among them. */
  async listForDealer(dealerId: string, page: { limit: number; cursor?: string | undefined; status?: string | undefined }) {
    const [index, partition] = page.status
      ? (['GSI2', keys.dealerLeadsByStatusPartition(dealerId, page.status)] as const)
      : (['GSI1', keys.dealerLeadsPartition(dealerId)] as const);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}PK = :p`,
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: dealerCursor.decode(page.cursor, { [`${index}PK`]: partition }),
      }),
    );
    return { items: Items.map((i) => strip<StoredOffer>(i)), nextCursor: dealerCursor.encode(LastEvaluatedKey) };
  },

  /**
   * Leads of the given regions (all leads for `undefined`), newest first, optionally in one status. Each partition
   * is read from the cursor's position on, and the pages merged: what the merge leaves over is read again next time.
   */
  async listForManufacturer(
    regionIds: string[] | undefined,
    page: { limit: number; cursor?: string | undefined; status?: string | undefined },
  ) {
    const before = positionCursor.decode(page.cursor);
    const partitions = regionIds
      ? regionIds.map((r) =>
          page.status
            ? { index: 'GSI2', pk: keys.regionLeadsByStatusPartition(r, page.status) }
            : { index: 'GSI1', pk: keys.regionLeadsPartition(r) },
        )
      : [{ index: 'GSI4', pk: keys.allLeadsPartition() }];
    const pages = await Promise.all(
      partitions.map(async ({ index, pk }) => {
        const filtered = !regionIds && page.status !== undefined;
        const { Items = [], LastEvaluatedKey } = await documentClient.send(
          new QueryCommand({
            TableName: environment.tableName,
            IndexName: index,
            KeyConditionExpression: before === undefined ? `${index}PK = :p` : `${index}PK = :p AND ${index}SK < :before`,
            ...(filtered ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
            ExpressionAttributeValues: {
              ':p': pk,
              ...(before === undefined ? {} : { ':before': before }),
              ...(filtered ? { ':status': page.status } : {}),
            },
            ScanIndexForward: false,
            Limit: filtered ? 100 : page.limit + 1,
          }),
        );
        return {
          items: Items.map((i) => ({ position: `${i.createdAt}#${i.id}`, lead: strip<StoredLead>(i) })),
          more: LastEvaluatedKey !== undefined,
        };
      }),
    );
    const merged = pages.flatMap((p) => p.items).sort((a, b) => b.position.localeCompare(a.position));
    const shown = merged.slice(0, page.limit);
    const more = merged.length > page.limit || pages.some((p) => p.more);
    return {
      items: shown.map((e) => e.lead),
      nextCursor: more && shown.length ? positionCursor.encode(shown.at(-1)?.position) : undefined,
    };
  },

  /** Calls `each` with every page of offered leads whose reminder or accept window is due by `until`. */
  async forEachDue(until: string, each: (due: StoredLead[]) => Promise<void>): Promise<void> {
    await Promise.all(
      Array.from({ length: DUE_SHARDS }, (_, shard) =>
        forEachPage(
          {
            IndexName: 'GSI3',
            KeyConditionExpression: 'GSI3PK = :p AND GSI3SK <= :until',
            ExpressionAttributeValues: { ':p': keys.leadDuePartition(shard), ':until': keys.dueUntil(until) },
          },
          (items) => each(items.map((i) => strip<StoredLead>(i))),
        ),
      ),
    );
  },

  /** A dealer's offers (shown and recalled) offered from `from` to before `to`, for its lead KPIs. */
  async offersOfDealer(dealerId: string, from: string, to: string): Promise<StoredOffer[]> {
    const read = (partition: string) =>
      queryAll({
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': partition, ':from': from, ':to': `${to}` },
      });
    const [shown, recalled] = await Promise.all([
      read(keys.dealerLeadsPartition(dealerId)),
      read(keys.dealerRecalledLeadsPartition(dealerId)),
    ]);
    return [...shown, ...recalled].map((i) => strip<StoredOffer>(i));
  },
};

const tierKey = (dealerId: string) => {
  const { PK, SK } = keys.currentTier(dealerId);
  return { PK, SK };
};

/** Open-lead counts of `dealerIds`, read consistently: what routing re-reads when a counter refused an offer. */
export async function openLeadCounts(dealerIds: string[]): Promise<Map<string, number>> {
  const counters = await batchGet(dealerIds.map(keys.openLeadCounter), { consistent: true });
  return new Map(dealerIds.map((id) => [id, Number(counters.find((c) => c.PK === keys.openLeadCounter(id).PK)?.open ?? 0)]));
}

/**
 * What routing needs to know of the dealers it may choose: the region's dealers (by index) and those named by
 * rules, each with its current tier and its open-lead count (consistent reads of the counters).
 */
export async function routingCandidates(
  regionDealers: Promise<Dealer[]>,
  ruleDealerIds: string[],
): Promise<{ candidates: (RoutingCandidate & { regionId: string })[]; recipients: Map<string, Recipient> }> {
  const inRegion = await regionDealers;
  const missing = [...new Set(ruleDealerIds)].filter((id) => !inRegion.some((d) => d.id === id));
  const dealerIds = [...inRegion.map((d) => d.id), ...missing];
  if (dealerIds.length === 0) return { candidates: [], recipients: new Map() };
  const found = await batchGet([...missing.map(keys.dealer), ...dealerIds.map(tierKey), ...dealerIds.map(keys.openLeadCounter)], {
    consistent: true,
  });
  const byKey = new Map(found.map((i) => [`${i.PK}|${i.SK}`, i]));
  const dealers = [
    ...inRegion,
    ...missing
      .map((id) => byKey.get(`${keys.dealer(id).PK}|DEALER`))
      .filter((i) => i !== undefined)
      .map((i) => strip<Dealer>(i)),
  ];
  const candidates = dealers.map((d) => {
    const tier = byKey.get(`${tierKey(d.id).PK}|CURRENT`)?.tier as Tier | undefined;
    const counter = byKey.get(`${keys.openLeadCounter(d.id).PK}|OPEN_LEADS`);
    return { dealerId: d.id, regionId: d.regionId, tier: tier ?? STARTING_TIER, status: d.status, openLeads: Number(counter?.open ?? 0) };
  });
  return { candidates, recipients: new Map(dealers.map((d) => [d.id, { email: d.email, language: d.language }])) };
}

/** The dealers of a region, by index. */
export async function dealersOfRegion(regionId: string): Promise<Dealer[]> {
  const items = await queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :p',
    ExpressionAttributeValues: { ':p': keys.dealersInRegion(regionId) },
  });
  return items.map((i) => strip<Dealer>(i));
}
