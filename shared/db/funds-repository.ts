/**
 * Storage of co-marketing funds: budgets per period, allocations with their running balances, the immutable ledger,
 * requests and claims. Every change of an amount goes through `commitLedgerChange`: one transaction that puts the
 * ledger entry, moves the allocation's balances by the entry's deltas under conditions that no balance and no
 * headroom (available, unclaimed, in review, unpaid) turns negative, and writes the state change and its outbox
 * messages. There is no other write path to the balances, for any role.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { environment } from '../config/environment.js';
import {
  BALANCES,
  type BalanceName,
  type Balances,
  HEADROOMS,
  type HeadroomName,
  headroomDeltas,
  headroomsOf,
  type LedgerEntry,
  zeroBalances,
} from '../domain/fund-ledger.js';
import type { AllocationBasis, Budget } from '../domain/funds.js';
import type { Tier } from '../domain/tier-ranking.js';
import type { FundClaimStatus, FundRequestStatus } from '../schemas/funds.js';
import { documentClient } from './client.js';
import { cursorCodec, keyCursor } from './cursor.js';
import { FUND_DUE_SHARDS, keys } from './keys.js';
import { forEachPage, queryAll } from './query-pages.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

const table = () => environment.tableName;

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'GSI4PK', 'GSI4SK', 'entity'];
const strip = <T>(item: Record<string, unknown>): T => {
  const copy = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy as T;
};

// ── Budgets ─────────────────────────────────────────────────────────────────────────────────────────────────────

export type StoredBudget = Budget & { updatedAt: string; openedAt?: string };

export const fundBudgets = {
  async get(period: string): Promise<StoredBudget | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.fundBudget(period), ConsistentRead: true }));
    return Item ? strip<StoredBudget>(Item) : undefined;
  },
  /** Replaces the budget, keeping when the period was opened: allocations made already stay as they were. */
  async put(budget: StoredBudget): Promise<StoredBudget> {
    const current = await fundBudgets.get(budget.period);
    const stored = { ...budget, ...(current?.openedAt ? { openedAt: current.openedAt } : {}) };
    await documentClient.send(
      new PutCommand({ TableName: table(), Item: { ...keys.fundBudget(budget.period), entity: 'fund-budget', ...stored } }),
    );
    return stored;
  },
  async markOpened(period: string, at: string): Promise<void> {
    await documentClient
      .send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.fundBudget(period),
          UpdateExpression: 'SET openedAt = if_not_exists(openedAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((error: unknown) => {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
  },
};

// ── Allocations and the ledger ─────────────────────────────────────────────────────────────────────────────────

export interface StoredAllocation extends Balances {
  dealerId: string;
  regionId: string;
  period: string;
  tier: Tier;
  currency: string;
  basis: AllocationBasis;
  costSharePercent: number;
  claimDays: number;
  allocatedAt: string;
  /** The instant of the latest ledger entry: entries are written in time order, so a prefix is a past state. */
  lastAt: string;
  entryCount: number;
}

export const balancesOf = (a: Balances): Balances => Object.fromEntries(BALANCES.map((b) => [b, a[b]])) as Balances;

const ledgerEntryItem = (entry: LedgerEntry): NamedItem => ({
  name: 'entry',
  item: {
    Put: {
      TableName: table(),
      Item: { ...keys.fundLedgerEntry(entry.dealerId, entry.period, entry.at, entry.id), entity: 'fund-ledger-entry', ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
});

/**
 * The allocation's update for one entry: each balance and headroom moves by its delta, and a negative delta is
 * conditioned on enough being there. Also conditioned on the entry being no older than the latest one.
 */
function allocationUpdate(entry: LedgerEntry): NamedItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':at': entry.at, ':one': 1, ':currency': entry.currency };
  const sets = ['lastAt = :at', 'entryCount = entryCount + :one'];
  const conditions = ['attribute_exists(PK)', 'lastAt <= :at', 'currency = :currency'];
  const move = (name: BalanceName | HeadroomName, delta: number) => {
    if (delta === 0) return;
    names[`#${name}`] = name;
    values[`:d_${name}`] = delta;
    sets.push(`#${name} = #${name} + :d_${name}`);
    if (delta < 0) {
      values[`:n_${name}`] = -delta;
      conditions.push(`#${name} >= :n_${name}`);
    }
  };
  for (const name of BALANCES) move(name, entry.deltas[name] ?? 0);
  const headrooms = headroomDeltas(entry.deltas);
  for (const name of HEADROOMS) move(name, headrooms[name]);
  return {
    name: 'allocation',
    item: {
      Update: {
        TableName: table(),
        Key: keys.fundAllocationKey(entry.dealerId, entry.period),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    },
  };
}

/** Whether the entry's decreases (of balances and headrooms) fit the allocation as it is stored. */
function fitsInto(allocation: Record<string, unknown>, entry: LedgerEntry): boolean {
  const headrooms = headroomDeltas(entry.deltas);
  const decreases: [string, number][] = [
    ...BALANCES.map((name) => [name, entry.deltas[name] ?? 0] as [string, number]),
    ...HEADROOMS.map((name) => [name, headrooms[name]] as [string, number]),
  ];
  return decreases.every(([name, delta]) => delta >= 0 || Number(allocation[name] ?? 0) >= -delta);
}

/** What one change writes besides the allocation and its entry: the request or claim, outbox messages, records. */
export interface LedgerChange {
  entry: LedgerEntry;
  items: NamedItem[];
}

const MAX_ORDER_RETRIES = 25;

/**
 * Commits the change `build` makes as of an instant: the entry, the allocation's balances and the items, in one
 * transaction. When a concurrent change committed a later entry first, it is built again as of that entry's
 * instant, so the ledger's time order is its commit order. A refused condition is passed on (`ConditionsFailed`,
 * with the allocation as it was) for the use case to explain.
 */
export async function commitLedgerChange(now: Date, build: (at: Date) => Promise<LedgerChange> | LedgerChange): Promise<LedgerChange> {
  let at = now;
  for (let attempt = 0; ; attempt++) {
    const change = await build(at);
    try {
      await transact([allocationUpdate(change.entry), ledgerEntryItem(change.entry), ...change.items]);
      return change;
    } catch (error) {
      const allocation = error instanceof ConditionsFailed ? error.failed.get('allocation') : undefined;
      const lastAt = allocation?.lastAt as string | undefined;
      if (!lastAt || lastAt <= change.entry.at || attempt >= MAX_ORDER_RETRIES) throw error;
      // Already too much for the allocation as the latest change left it: refused now, not after the queue.
      if (allocation && !fitsInto(allocation, change.entry)) throw error;
      // Full jitter: contenders for one allocation spread out instead of rebuilding and colliding in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(400, 10 * 2 ** attempt)));
      at = new Date(Math.max(Date.parse(lastAt), Date.now()));
    }
  }
}

const allocatedCursor = keyCursor('fund-allocations');

export const fundAllocations = {
  async get(dealerId: string, period: string): Promise<StoredAllocation | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: keys.fundAllocationKey(dealerId, period), ConsistentRead: true }),
    );
    return Item ? strip<StoredAllocation>(Item) : undefined;
  },

  /** The dealers that have an allocation of `period`. */
  async dealersOf(period: string): Promise<Set<string>> {
    const items = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.fundAllocationsPartition(period) },
      ProjectionExpression: 'GSI1SK',
    });
    return new Set(items.map((i) => i.GSI1SK as string));
  },

  /** A page of a period's allocations (finance's overview). */
  async list(period: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.fundAllocationsPartition(period);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        Limit: page.limit,
        ExclusiveStartKey: allocatedCursor.decode(page.cursor, { GSI1PK: partition }),
      }),
    );
    return { items: Items.map((i) => strip<StoredAllocation>(i)), nextCursor: allocatedCursor.encode(LastEvaluatedKey) };
  },

  /**
   * Creates a dealer's allocation of a period with its first ledger entry (`allocated`), once: the create is
   * conditional on the allocation not existing, so repeated or concurrent runs allocate nothing twice.
   */
  async create(allocation: Omit<StoredAllocation, BalanceName | 'lastAt' | 'entryCount'>, entry: LedgerEntry): Promise<boolean> {
    const balances = { ...zeroBalances(), ...entry.deltas };
    try {
      await transact([
        {
          name: 'allocation',
          item: {
            Put: {
              TableName: table(),
              Item: {
                ...keys.fundAllocation(allocation.dealerId, allocation.period),
                entity: 'fund-allocation',
                ...allocation,
                ...balances,
                ...headroomsOf(balances),
                lastAt: entry.at,
                entryCount: 1,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
        ledgerEntryItem(entry),
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('allocation')) return false;
      throw error;
    }
  },
};

export const fundLedger = {
  /** The allocation's entries up to `until` (an instant), oldest first. */
  async entries(dealerId: string, period: string, until?: string): Promise<LedgerEntry[]> {
    const items = await queryAll({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.fundLedgerPartition(dealerId, period),
        ':from': keys.fundLedgerPrefix(),
        ':to': until ? keys.fundLedgerUntil(until) : `${keys.fundLedgerPrefix()}~`,
      },
      ConsistentRead: true,
    });
    return items.map((i) => strip<LedgerEntry>(i));
  },
};

// ── Requests ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface StoredFundRequest {
  id: string;
  dealerId: string;
  regionId: string;
  period: string;
  status: FundRequestStatus;
  activity: string;
  description: string;
  startsOn: string;
  endsOn: string;
  cost: { amount: number; currency: string };
  requested: { amount: number; currency: string };
  approved?: { amount: number; currency: string } | undefined;
  claimDeadline: string;
  submittedAt: string;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  decisionReason?: string | undefined;
  claim?: { id: string; status: FundClaimStatus; amount: { amount: number; currency: string }; submittedAt: string } | undefined;
  lapsedAt?: string | undefined;
  remindersSent?: number[] | undefined;
  /** The next instant the schedule acts on an approved request (a reminder or the lapse). */
  dueAt?: string | undefined;
  version: number;
}

const requestItem = (r: StoredFundRequest) => ({ ...keys.fundRequest(r.id), ...keys.fundRequestIndexes(r), entity: 'fund-request', ...r });

/** Puts a new request (`attribute_not_exists`) or the next version of one (conditioned on the version it came from). */
export function fundRequestPut(r: StoredFundRequest): NamedItem {
  return {
    name: 'request',
    item: {
      Put: {
        TableName: table(),
        Item: requestItem(r),
        ...(r.version === 1
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': r.version - 1 } }),
      },
    },
  };
}

const dealerRequestsCursor = keyCursor('dealer-fund-requests');
const queuePosition = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#f[rc]_[0-9A-Za-z]+$/);
const regionRequestsCursor = cursorCodec('region-fund-requests', queuePosition);
const regionClaimsCursor = cursorCodec('region-fund-claims', queuePosition);
const statusClaimsCursor = keyCursor('fund-claims-by-status');

/** Pages of one GSI3 partition per region, merged oldest first; the cursor is the position of the last item. */
async function mergedRegionQueue<T>(
  partitions: string[],
  page: { limit: number; cursor?: string | undefined },
  codec: ReturnType<typeof cursorCodec<string>>,
): Promise<{ items: T[]; nextCursor: string | undefined }> {
  const after = codec.decode(page.cursor);
  const perPartition = await Promise.all(
    partitions.map(async (partition) => {
      const { Items = [] } = await documentClient.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'GSI3',
          KeyConditionExpression: after === undefined ? 'GSI3PK = :p' : 'GSI3PK = :p AND GSI3SK > :after',
          ExpressionAttributeValues: { ':p': partition, ...(after === undefined ? {} : { ':after': after }) },
          Limit: page.limit + 1,
        }),
      );
      return Items;
    }),
  );
  const merged = perPartition
    .flat()
    .sort((a, b) => String(a.GSI3SK).localeCompare(String(b.GSI3SK)))
    .slice(0, page.limit + 1);
  const items = merged.slice(0, page.limit);
  return {
    items: items.map((i) => strip<T>(i)),
    nextCursor: codec.encode(merged.length > page.limit ? String(items.at(-1)?.GSI3SK) : undefined),
  };
}

export const fundRequests = {
  async get(id: string): Promise<StoredFundRequest | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.fundRequest(id), ConsistentRead: true }));
    return Item ? strip<StoredFundRequest>(Item) : undefined;
  },

  /** A dealer's requests, newest first, optionally of one status. */
  async ofDealer(dealerId: string, page: { limit: number; cursor?: string | undefined; status?: FundRequestStatus | undefined }) {
    const [index, partition] = page.status
      ? (['GSI2', keys.dealerFundRequestsByStatusPartition(dealerId, page.status)] as const)
      : (['GSI1', keys.dealerFundRequestsPartition(dealerId)] as const);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: index,
        KeyConditionExpression: `${index}PK = :p`,
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: dealerRequestsCursor.decode(page.cursor, { [`${index}PK`]: partition }),
      }),
    );
    return { items: Items.map((i) => strip<StoredFundRequest>(i)), nextCursor: dealerRequestsCursor.encode(LastEvaluatedKey) };
  },

  /** A dealer's requests whose claims were approved or paid (the funded activities), projected to what the KPI reads. */
  async fundedOf(dealerId: string): Promise<{ id: string; status: string; endsOn: string }[]> {
    const statuses = ['claim_approved', 'paid'] as const;
    const pages = await Promise.all(
      statuses.map((status) =>
        queryAll({
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :p',
          ExpressionAttributeValues: { ':p': keys.dealerFundRequestsByStatusPartition(dealerId, status) },
          ProjectionExpression: 'id, #status, endsOn',
          ExpressionAttributeNames: { '#status': 'status' },
        }),
      ),
    );
    return pages.flat() as { id: string; status: string; endsOn: string }[];
  },

  /** The requests of one status in the given regions, oldest first (the managers' queue: `submitted`). */
  ofRegions(regionIds: string[], status: FundRequestStatus, page: { limit: number; cursor?: string | undefined }) {
    return mergedRegionQueue<StoredFundRequest>(
      regionIds.map((r) => keys.regionFundRequestsPartition(r, status)),
      page,
      regionRequestsCursor,
    );
  },

  /** Every approved request whose next reminder or lapse is due at or before `at`, shard by shard, page by page. */
  async forEachDue(at: string, each: (requests: StoredFundRequest[]) => Promise<void>): Promise<void> {
    for (let shard = 0; shard < FUND_DUE_SHARDS; shard++) {
      await forEachPage(
        {
          IndexName: 'GSI4',
          KeyConditionExpression: 'GSI4PK = :p AND GSI4SK <= :until',
          ExpressionAttributeValues: { ':p': keys.fundDuePartition(shard), ':until': `${at}#~` },
        },
        (items) => each(items.map((i) => strip<StoredFundRequest>(i))),
      );
    }
  },
};

// ── Claims ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface StoredFundClaim {
  id: string;
  requestId: string;
  dealerId: string;
  regionId: string;
  period: string;
  activity: string;
  status: FundClaimStatus;
  amount: { amount: number; currency: string };
  approvedRequest: { amount: number; currency: string };
  proof: string[];
  note?: string | undefined;
  submittedAt: string;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
  decisionReason?: string | undefined;
  paidOn?: string | undefined;
  paymentReference?: string | undefined;
  paidAt?: string | undefined;
  version: number;
}

export function fundClaimPut(c: StoredFundClaim): NamedItem {
  return {
    name: 'claim',
    item: {
      Put: {
        TableName: table(),
        Item: { ...keys.fundClaim(c.id), ...keys.fundClaimIndexes(c), entity: 'fund-claim', ...c },
        ...(c.version === 1
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :previous', ExpressionAttributeValues: { ':previous': c.version - 1 } }),
      },
    },
  };
}

export const fundClaims = {
  async get(id: string): Promise<StoredFundClaim | undefined> {
    const { Item } = await documentClient.send(new GetCommand({ TableName: table(), Key: keys.fundClaim(id), ConsistentRead: true }));
    return Item ? strip<StoredFundClaim>(Item) : undefined;
  },

  /** Claims of one status across the network, oldest first (finance: `approved` are the ones to pay). */
  async ofStatus(status: FundClaimStatus, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.fundClaimsByStatusPartition(status);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': partition },
        Limit: page.limit,
        ExclusiveStartKey: statusClaimsCursor.decode(page.cursor, { GSI2PK: partition }),
      }),
    );
    return { items: Items.map((i) => strip<StoredFundClaim>(i)), nextCursor: statusClaimsCursor.encode(LastEvaluatedKey) };
  },

  /** Claims of one status in the given regions, oldest first (the managers' queue: `submitted`). */
  ofRegions(regionIds: string[], status: FundClaimStatus, page: { limit: number; cursor?: string | undefined }) {
    return mergedRegionQueue<StoredFundClaim>(
      regionIds.map((r) => keys.regionFundClaimsPartition(r, status)),
      page,
      regionClaimsCursor,
    );
  },
};
