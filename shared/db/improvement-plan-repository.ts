/**
 * Improvement plans: a dealer's plans (`PK=DEALER#<id>#PLANS`), its one open-plan slot, and the open plans' due
 * list on GSI3 `PLANDUE`. Opening and settling a plan also moves the dealer's status, in the same transaction.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { ImprovementPlan } from '../domain/performance.js';
import { documentClient } from './client.js';
import { keyCursor } from './cursor.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

const table = () => environment.tableName;
const planListCursor = keyCursor('improvement-plans');

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK: _pk, SK: _sk, GSI3PK: _g3, GSI3SK: _g3s, entity: _e, ...rest } = item;
  return rest as T;
};

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
