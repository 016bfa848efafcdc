/**
 * A dealer's monthly KPI items (`PK=DEALER#<id>#KPI, SK=<YYYY-MM>#<kind>`): the uploaded inputs of each kind and
 * the counters written beside them (portal logins, asset downloads), read back as one period's inputs.
 */
import { emptyInputs, type MonthlyInputs } from '../domain/partner-kpis.js';
import { batchWrite } from './batch.js';
import { keys } from './keys.js';
import { queryAll } from './query-pages.js';

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
    await batchWrite(
      items.map((i) => ({
        PutRequest: {
          Item: {
            ...keys.dealerKpiMonth(i.dealerId, i.month, i.kind),
            entity: 'kpi-month',
            dealerId: i.dealerId,
            month: i.month,
            kind: i.kind,
            data: i.data,
            updatedAt: at.toISOString(),
          },
        },
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
