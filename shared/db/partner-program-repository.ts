/**
 * The partner program's storage: monthly KPI inputs and login counters per dealer, tier evaluations and changes,
 * improvement plans. Every read is by key or by index; key formats live in `keys.ts`.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { emptyInputs, type MonthlyInputs, type RegistrationFacts } from '../domain/partner-kpis.js';
import type { ImprovementPlan } from '../domain/performance.js';
import type { Tier, TierChange, TierEvaluation } from '../domain/tier-ranking.js';
import type { Dealer } from '../schemas/setup.js';
import { batchGet, batchWrite } from './batch.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';

const tierHistoryCursor = keyCursor('tier-history');
const planListCursor = keyCursor('improvement-plans');

import { queryAll } from './query-pages.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

const table = () => environment.tableName;

const batchPut = (items: Record<string, unknown>[]) => batchWrite(items.map((Item) => ({ PutRequest: { Item } })));

// ── KPI inputs ───────────────────────────────────────────────────────────────────────────────────────────────────

export type KpiKind = 'revenue' | 'training' | 'marketing' | 'support' | 'satisfaction';

export interface KpiMonthItem {
  dealerId: string;
  month: string;
  kind: KpiKind;
  data: Record<string, unknown>;
}

function addToInputs(inputs: MonthlyInputs, item: Record<string, unknown>) {
  const month = item.month as string;
  const data = (item.data ?? {}) as Record<string, unknown>;
  switch (item.kind) {
    case 'revenue':
      inputs.revenue.push({ month, lines: data.lines as MonthlyInputs['revenue'][number]['lines'] });
      break;
    case 'training':
      inputs.training.push({ month, users: data.users as number, assigned: data.assigned as number, completed: data.completed as number });
      break;
    case 'marketing':
      inputs.marketing.push({ month, campaigns: data.campaigns as MonthlyInputs['marketing'][number]['campaigns'] });
      break;
    case 'downloads':
      inputs.downloads.push({ month, downloads: (item.downloads as number) ?? 0, assets: (item.assets as number) ?? 0 });
      break;
    case 'support':
      inputs.support.push({ month, tickets: data.tickets as number });
      break;
    case 'satisfaction':
      inputs.satisfaction.push({ month, responses: data.responses as number, score: data.score as number });
      break;
    case 'logins':
      inputs.logins.push({ month, count: item.count as number });
      break;
  }
}

export const kpiInputs = {
  /** Stores each dealer-month of a kind, replacing what was there (PUT semantics, so uploads are idempotent). */
  async replace(items: KpiMonthItem[], at: Date): Promise<void> {
    await batchPut(
      items.map((i) => ({
        ...keys.dealerKpiMonth(i.dealerId, i.month, i.kind),
        entity: 'kpi-month',
        dealerId: i.dealerId,
        month: i.month,
        kind: i.kind,
        data: i.data,
        updatedAt: at.toISOString(),
      })),
    );
  },

  /** A dealer's inputs and login counts of the month ranges given: one range query each, in parallel. */
  async forDealer(dealerId: string, ranges: { from: string; to: string }[]): Promise<MonthlyInputs> {
    const pages = await Promise.all(
      ranges.map((r) => {
        const bounds = keys.dealerKpiRange(r.from, r.to);
        return queryAll({
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.dealerKpiPartition(dealerId), ':from': bounds.from, ':to': bounds.to },
        });
      }),
    );
    const inputs = emptyInputs();
    const seen = new Set<string>();
    for (const item of pages.flat()) {
      if (seen.has(item.SK as string)) continue;
      seen.add(item.SK as string);
      addToInputs(inputs, item);
    }
    return inputs;
  },
};

// ── Portal logins ────────────────────────────────────────────────────────────────────────────────────────────────

const LOGIN_MARKER_DAYS = 3;

export const portalLogins = {
  /**
   * Counts a dealer user's first authenticated request of a UTC day: the day's marker is put only if absent, and the
   * month's counter is incremented in the same transaction, so a day counts once however many requests race.
   * Returns false when the day was already counted.
   */
  async record(dealerId: string, subject: string, at: Date): Promise<boolean> {
    const day = at.toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    try {
      await transact([
        {
          name: 'marker',
          item: {
            Put: {
              TableName: table(),
              Item: {
                ...keys.portalLogin(dealerId, day, subject),
                entity: 'portal-login',
                expiresAt: Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + LOGIN_MARKER_DAYS * 86_400,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
        {
          name: 'counter',
          item: {
            Update: {
              TableName: table(),
              Key: keys.dealerKpiMonth(dealerId, month, 'logins'),
              UpdateExpression: 'ADD #count :one SET entity = :entity, dealerId = :dealer, #month = :month, kind = :kind',
              ExpressionAttributeNames: { '#count': 'count', '#month': 'month' },
              ExpressionAttributeValues: { ':one': 1, ':entity': 'kpi-month', ':dealer': dealerId, ':month': month, ':kind': 'logins' },
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed) return false;
      throw error;
    }
  },
};

// ── Registrations, as the KPIs see them ─────────────────────────────────────────────────────────────────────────

const FACT_ATTRIBUTES = ['status', 'submittedAt', 'expectedValue', 'expectedCloseDate', 'protectedUntil', 'outcome', 'earned'];

export const registrationFacts = {
  /**
   * All of a dealer's registrations from the dealer index (GSI6 `DEALER#<id>#REGS`), newest first, projected to the
   * fields the KPIs read. Paged: its cost grows with the dealer's registrations (about 1 RCU per 4 KB read).
   */
  async forDealer(dealerId: string, submittedFrom?: string): Promise<RegistrationFacts[]> {
    const names = Object.fromEntries(FACT_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
    const items = await queryAll({
      IndexName: 'GSI6',
      KeyConditionExpression: submittedFrom ? 'GSI6PK = :p AND GSI6SK >= :from' : 'GSI6PK = :p',
      ExpressionAttributeValues: {
        ':p': keys.dealerRegistrationsPartition(dealerId),
        ...(submittedFrom ? { ':from': submittedFrom } : {}),
      },
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
      ScanIndexForward: false,
    });
    return items as unknown as RegistrationFacts[];
  },
};

// ── Tiers ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface StoredEvaluation extends TierEvaluation {
  quarter: string;
  evaluatedAt: string;
  /** Median registrations per dealer and quarter in the dealer's region over the window: the diagnosis benchmark. */
  regionMedianRegistrationsPerQuarter: number;
  regionId: string;
}

export interface StoredTierChange extends TierChange {
  quarter: string;
  at: string;
}

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g1s, GSI3PK: _g3, GSI3SK: _g3s, entity: _e, ...rest } = item;
  return rest as T;
};

export const tiers = {
  /** The dealer's tier now (bronze, the starting tier, until its first evaluation). */
  async current(dealerId: string): Promise<{ tier: Tier; quarter?: string } | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: { PK: keys.tierPartition(dealerId), SK: 'CURRENT' } }),
    );
    return Item ? { tier: Item.tier as Tier, quarter: Item.quarter as string } : undefined;
  },

  /** Every dealer's current tier, from the `TIERS` list (GSI1), paged. */
  async allCurrent(): Promise<Map<string, Tier>> {
    const items = await queryAll({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': keys.currentTiersPartition() },
    });
    return new Map(items.map((i) => [i.dealerId as string, i.tier as Tier]));
  },

  /** The latest evaluations at or before `quarter`, newest first. */
  async evaluationsUpTo(dealerId: string, quarter: string, limit: number): Promise<StoredEvaluation[]> {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.tierPartition(dealerId),
          ':first': keys.tierEvaluationPrefix(),
          ':last': keys.tierEvaluation(dealerId, quarter).SK,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((i) => stripKeys<StoredEvaluation>(i));
  },

  /**
   * Stores an evaluation, the dealer's current tier (which scorecards, margins and the forecast's tier grouping read)
   * and, when the tier moved, the change. Re-running a quarter overwrites the same items.
   */
  async save(evaluation: StoredEvaluation, change: StoredTierChange | undefined): Promise<void> {
    const { dealerId, quarter } = evaluation;
    const items: NamedItem[] = [
      {
        name: 'evaluation',
        item: {
          Put: { TableName: table(), Item: { ...keys.tierEvaluation(dealerId, quarter), entity: 'tier-evaluation', ...evaluation } },
        },
      },
      {
        name: 'current',
        item: {
          Put: {
            TableName: table(),
            Item: {
              ...keys.currentTier(dealerId),
              entity: 'current-tier',
              dealerId,
              tier: evaluation.tier,
              quarter,
              at: evaluation.evaluatedAt,
            },
          },
        },
      },
    ];
    // A re-run whose data no longer moves the tier removes the change an earlier run of the quarter recorded.
    items.push(
      change
        ? {
            name: 'change',
            item: { Put: { TableName: table(), Item: { ...keys.tierChange(dealerId, quarter), entity: 'tier-change', ...change } } },
          }
        : { name: 'change', item: { Delete: { TableName: table(), Key: keys.tierChange(dealerId, quarter) } } },
    );
    await transact(items);
  },

  /** A dealer's tier changes, newest first. */
  async history(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.tierPartition(dealerId);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.tierChangePrefix() },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: tierHistoryCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    return { items: Items.map((i) => stripKeys<StoredTierChange>(i)), nextCursor: tierHistoryCursor.encode(LastEvaluatedKey) };
  },
};

/** Registrations a dealer submitted from `from` to `to` (ISO instants), counted on the dealer index. */
export async function countRegistrations(dealerId: string, from: string, to: string): Promise<number> {
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI6',
        KeyConditionExpression: 'GSI6PK = :p AND GSI6SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': keys.dealerRegistrationsPartition(dealerId), ':from': from, ':to': `${to}~` },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}

/** The dealers among `dealerIds` that exist, by BatchGetItem. */
export async function existingDealers(dealerIds: string[]): Promise<Map<string, Dealer>> {
  const items = await batchGet([...new Set(dealerIds)].map(keys.dealer));
  return new Map(items.map((i) => [i.id as string, stripKeys<Dealer>(i)]));
}

// ── Improvement plans ────────────────────────────────────────────────────────────────────────────────────────────

const planItem = (plan: ImprovementPlan) => ({
  ...keys.improvementPlan(plan.dealerId, plan.createdAt, plan.id),
  ...(plan.status === 'open' ? keys.improvementPlanDue(plan.deadline, plan.dealerId, plan.id) : {}),
  entity: 'improvement-plan',
  ...plan,
});

export const improvementPlans = {
  /**
   * Opens a plan and puts the dealer on `improvement_plan`, in one transaction that also claims the dealer's one
   * open-plan slot. Returns false when the dealer already has an open plan.
   */
  async open(plan: ImprovementPlan): Promise<boolean> {
    try {
      await transact([
        { name: 'plan', item: { Put: { TableName: table(), Item: planItem(plan), ConditionExpression: 'attribute_not_exists(PK)' } } },
        {
          name: 'open',
          item: {
            Put: {
              TableName: table(),
              Item: { ...keys.openImprovementPlan(plan.dealerId), entity: 'open-plan', planId: plan.id },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
        {
          name: 'dealer',
          item: {
            Update: {
              TableName: table(),
              Key: keys.dealer(plan.dealerId),
              UpdateExpression: 'SET #status = :status, updatedAt = :at',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': 'improvement_plan', ':at': plan.createdAt },
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('open')) return false;
      throw error;
    }
  },

  /**
   * Records a plan's verdict: the plan leaves the due list, the open-plan slot is freed and, when the plan was met,
   * the dealer is `active` again (only if it is still on `improvement_plan`: an admin's later decision stands).
   * Conditional on the plan still being open, so a second run changes nothing.
   */
  async settle(plan: ImprovementPlan): Promise<boolean> {
    const items: NamedItem[] = [
      {
        name: 'plan',
        item: {
          Put: {
            TableName: table(),
            Item: planItem(plan),
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          },
        },
      },
      {
        name: 'open',
        item: {
          Delete: {
            TableName: table(),
            Key: keys.openImprovementPlan(plan.dealerId),
            ConditionExpression: 'attribute_not_exists(PK) OR planId = :plan',
            ExpressionAttributeValues: { ':plan': plan.id },
          },
        },
      },
    ];
    try {
      await transact(items);
    } catch (error) {
      if (error instanceof ConditionsFailed) return false;
      throw error;
    }
    if (plan.status === 'met') {
      try {
        await transact([
          {
            name: 'dealer',
            item: {
              Update: {
                TableName: table(),
                Key: keys.dealer(plan.dealerId),
                UpdateExpression: 'SET #status = :active, updatedAt = :at',
                ConditionExpression: '#status = :plan',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':active': 'active', ':plan': 'improvement_plan', ':at': plan.evaluatedAt },
              },
            },
          },
        ]);
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error;
      }
    }
    return true;
  },

  /** A dealer's plans, oldest first. */
  async list(dealerId: string, page: { limit: number; cursor?: string | undefined }) {
    const partition = keys.improvementPlansPartition(dealerId);
    const { Items = [], LastEvaluatedKey } = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.improvementPlanPrefix() },
        Limit: page.limit,
        ExclusiveStartKey: planListCursor.decode(page.cursor, { PK: partition }),
      }),
    );
    return { items: Items.map((i) => stripKeys<ImprovementPlan>(i)), nextCursor: planListCursor.encode(LastEvaluatedKey) };
  },

  /** Open plans whose deadline has passed on `day` (`YYYY-MM-DD`), from the due list (GSI3 `PLANDUE`). */
  async due(day: string): Promise<ImprovementPlan[]> {
    const items = await queryAll({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :p AND GSI3SK < :before',
      ExpressionAttributeValues: { ':p': keys.plansDuePartition(), ':before': keys.plansDueBefore(day) },
    });
    return items.map((i) => stripKeys<ImprovementPlan>(i));
  },
};
