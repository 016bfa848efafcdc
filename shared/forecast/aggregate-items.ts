/**
 * The forecast's aggregate items: those a registration change moves, as `ADD` (and attribute `SET`) updates: cells, close
 * statistics, stage flows and outcome statistics. The repository writes them in the change's own transaction; the
 * forecast-quality simulation applies the very same list to its in-memory table. And how the items read back. Pure.
 */
import { keys } from '../db/keys.js';
import { isOpen } from '../domain/lifecycle.js';
import type { StoredRegistration } from '../domain/registration.js';
import { type Cell, cellId, closeStatDelta, contributionDelta, rollupId } from './contribution.js';
import {
  AGE_MONTHS,
  type AgeCounts,
  ageStatDelta,
  type CohortStat,
  type CohortStats,
  type DealerStats,
  FLOW_STAGES,
  type FlowCounts,
  type FlowStage,
  type LineCounts,
  outcomeStatDelta,
  stageFlowDelta,
} from './dealer-stats.js';

export interface AggregateUpdate {
  /** Names the item in a refused transaction. */
  name: string;
  key: { PK: string; SK: string };
  add: Record<string, number>;
  set: Record<string, string>;
}

/** A cell's descriptive attributes, which its `ADD` updates `SET`. */
const cellAttributes = (cell: Cell) => ({
  month: cell.month,
  productLine: cell.productLine,
  country: cell.country,
  dealerId: cell.dealerId,
  stage: cell.stage,
  currency: cell.currency,
  cohort: cell.cohort,
  entity: 'forecast-cell',
});

/** A cell as one whole item, as its `ADD` updates would leave it (bulk loads, the cells' rebuild). */
export const cellItem = (cell: Cell) => ({
  ...keys.forecastCell(cell.month, cell.dealerId, cellId(cell)),
  openCount: cell.openCount,
  pipeline: cell.pipeline,
  wonCount: cell.wonCount,
  won: cell.won,
  ...cellAttributes(cell),
});

/** A rollup's descriptive attributes (its cells' without dealer and registration month). */
const rollupAttributes = (cell: Cell) => ({
  month: cell.month,
  productLine: cell.productLine,
  country: cell.country,
  stage: cell.stage,
  currency: cell.currency,
  entity: 'forecast-rollup',
});

/** A rollup as one whole item (`cell`: the rollup's sums, with the dealer that picks its shard). */
export const rollupItem = (cell: Cell) => ({
  ...keys.forecastRollup(cell.month, cell.dealerId, rollupId(cell)),
  openCount: cell.openCount,
  pipeline: cell.pipeline,
  wonCount: cell.wonCount,
  won: cell.won,
  ...rollupAttributes(cell),
});

/** Cells summed into their rollups, one per rollup item (keyed by its item key); zero sums left out. */
export function rollupsOf(cells: Cell[]): Cell[] {
  const rollups = new Map<string, Cell>();
  for (const cell of cells) {
    const key = keys.forecastRollup(cell.month, cell.dealerId, rollupId(cell));
    const id = `${key.PK}#${key.SK}`;
    const sum = rollups.get(id) ?? { ...cell, cohort: '', openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
    sum.openCount += cell.openCount;
    sum.pipeline += cell.pipeline;
    sum.wonCount += cell.wonCount;
    sum.won += cell.won;
    rollups.set(id, sum);
  }
  return [...rollups.values()].filter((c) => c.openCount || c.pipeline || c.wonCount || c.won);
}

/** Ends and wins of a product line, as attributes of the outcome and cohort-count items (a line per catalogue line). */
const LINE_ENDED = 'lineEnded_';
const LINE_WON = 'lineWon_';
const lineAttributes = (line: string, won: number) => ({ [`${LINE_ENDED}${line}`]: 1, [`${LINE_WON}${line}`]: won });

function lineCountsFromItem(i: StoredItem): Map<string, LineCounts> | undefined {
  const lines = new Map<string, LineCounts>();
  for (const [attribute, value] of Object.entries(i)) {
    if (!attribute.startsWith(LINE_ENDED)) continue;
    const line = attribute.slice(LINE_ENDED.length);
    lines.set(line, { ended: Number(value ?? 0), won: Number(i[`${LINE_WON}${line}`] ?? 0) });
  }
  return lines.size ? lines : undefined;
}

export function aggregateUpdates(previous: StoredRegistration | undefined, next: StoredRegistration): AggregateUpdate[] {
  const cells = contributionDelta(previous, next);
  const updates: AggregateUpdate[] = cells.map((cell) => ({
    name: `forecast:${cell.month}#${cellId(cell)}`,
    key: keys.forecastCell(cell.month, cell.dealerId, cellId(cell)),
    add: { openCount: cell.openCount, pipeline: cell.pipeline, wonCount: cell.wonCount, won: cell.won },
    set: cellAttributes(cell),
  }));
  for (const rollup of rollupsOf(cells)) {
    updates.push({
      name: `forecast-rollup:${rollup.month}#${rollupId(rollup)}`,
      key: keys.forecastRollup(rollup.month, rollup.dealerId, rollupId(rollup)),
      add: { openCount: rollup.openCount, pipeline: rollup.pipeline, wonCount: rollup.wonCount, won: rollup.won },
      set: rollupAttributes(rollup),
    });
  }
  const close = closeStatDelta(previous, next);
  if (close) {
    updates.push({
      name: 'close-stat',
      key: keys.closeStat(close.dealerId, close.stage),
      add: { closed: close.closed, won: close.won },
      set: { stage: close.stage, dealerId: close.dealerId, entity: 'close-stat' },
    });
  }
  const flow = stageFlowDelta(previous, next);
  if (flow) {
    const moves = Object.fromEntries(FLOW_STAGES.filter((s) => flow.moves[s]).map((s) => [`to_${s}`, flow.moves[s] as number]));
    const counts = { exits: flow.exits, won: flow.won, ...moves };
    const cohort = next.submittedAt.slice(0, 7);
    // A date pushed out of the near months is no exit from the stage, only from being near.
    for (const [kind, add] of [
      ['flow', flow.far ? undefined : counts],
      ['near', flow.near ? { ...counts, ...(flow.far ? { to_far: flow.far } : {}) } : undefined],
    ] as const) {
      if (!add) continue;
      updates.push(
        {
          name: `${kind}-flow`,
          key: keys.dealerForecastStat(flow.dealerId, `${kind}#${flow.stage}`),
          add,
          set: { dealerId: flow.dealerId, stage: flow.stage, kind, entity: 'dealer-forecast-stat' },
        },
        {
          name: `cohort-${kind}-flow`,
          key: keys.cohortForecastStat(cohort, `${kind}#${flow.stage}`),
          add,
          set: { cohort, stage: flow.stage, kind, entity: 'cohort-forecast-stat' },
        },
      );
    }
  }
  const outcome = outcomeStatDelta(previous, next);
  const lineCounts = outcome ? lineAttributes(outcome.line, outcome.wonDeals) : {};
  const opened = !previous && isOpen(next.status);
  const ended = previous !== undefined && isOpen(previous.status) && !isOpen(next.status);
  if (opened || ended) {
    const cohort = next.submittedAt.slice(0, 7);
    updates.push({
      name: 'cohort-count',
      key: keys.cohortForecastStat(cohort, 'count'),
      add: opened ? { created: 1, createdWithLines: 1 } : { ended: 1, ...lineCounts },
      set: { cohort, kind: 'count', entity: 'cohort-forecast-stat' },
    });
  }
  const age = ageStatDelta(previous, next);
  if (age) {
    updates.push({
      name: 'cohort-age',
      key: keys.cohortForecastStat(age.cohort, `age#${age.stage}`),
      add: { [`ended_${age.age}`]: 1, [`won_${age.age}`]: age.won },
      set: { cohort: age.cohort, stage: age.stage, kind: 'age', entity: 'cohort-forecast-stat' },
    });
  }
  if (outcome) {
    const { dealerId, line: _line, ...counts } = outcome;
    updates.push({
      name: 'outcome-stat',
      key: keys.dealerForecastStat(dealerId, 'outcome'),
      add: { ...counts, ...lineCounts },
      set: { dealerId, kind: 'outcome', entity: 'dealer-forecast-stat' },
    });
  }
  return updates;
}

/** The DynamoDB `Update` of one aggregate update: `ADD` the counts, `SET` the descriptive attributes. */
export function updateExpression(update: AggregateUpdate) {
  const names: Record<string, string> = {};
  const values: Record<string, string | number> = {};
  const adds = Object.entries(update.add).map(([attribute, value], i) => {
    names[`#a${i}`] = attribute;
    values[`:a${i}`] = value;
    return `#a${i} :a${i}`;
  });
  const sets = Object.entries(update.set).map(([attribute, value], i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  return {
    Key: update.key,
    UpdateExpression: `${adds.length ? `ADD ${adds.join(', ')} ` : ''}SET ${sets.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

type StoredItem = Record<string, unknown>;

/** A forecast cell as the repository reads it back. */
export const cellFromItem = (i: StoredItem): Cell => ({
  month: String(i.month),
  productLine: String(i.productLine),
  country: String(i.country),
  dealerId: String(i.dealerId),
  stage: String(i.stage),
  currency: String(i.currency),
  cohort: String(i.cohort ?? ''),
  openCount: Number(i.openCount ?? 0),
  pipeline: Number(i.pipeline ?? 0),
  wonCount: Number(i.wonCount ?? 0),
  won: Number(i.won ?? 0),
});

/** A rollup as a cell without dealer and registration month. */
export const rollupFromItem = (i: StoredItem): Cell => ({ ...cellFromItem(i), dealerId: '', cohort: '' });

/** The close statistics partition as `<dealerId>#<stage>` → counts. */
export const closeStatsFromItems = (items: StoredItem[]) =>
  new Map(items.map((i) => [String(i.SK), { closed: Number(i.closed ?? 0), won: Number(i.won ?? 0) }]));

/** The dealer statistics partition as stage flows and outcome counts per dealer. */
export function dealerStatsFromItems(items: StoredItem[]): DealerStats {
  const stats: DealerStats = { flows: new Map(), nearFlows: new Map(), outcomes: new Map() };
  for (const i of items) {
    const dealerId = String(i.dealerId);
    if (i.kind === 'flow' || i.kind === 'near') {
      const byDealer = i.kind === 'flow' ? stats.flows : stats.nearFlows;
      const flows = byDealer.get(dealerId) ?? new Map();
      flows.set(String(i.stage) as FlowStage, flowCountsFromItem(i));
      byDealer.set(dealerId, flows);
    } else if (i.kind === 'outcome') {
      stats.outcomes.set(dealerId, {
        ended: Number(i.ended ?? 0),
        endedOverdue: Number(i.endedOverdue ?? 0),
        wonOverdue: Number(i.wonOverdue ?? 0),
        wonDeals: Number(i.wonDeals ?? 0),
        valueRatioSum: Number(i.valueRatioSum ?? 0),
        valueRatioDeals: Number(i.valueRatioDeals ?? 0),
        ...optionalLines(i),
      });
    }
  }
  return stats;
}

const optionalLines = (i: StoredItem) => {
  const lines = lineCountsFromItem(i);
  return lines ? { lines } : {};
};

/** The cohort partition: per registration month, deals created and ended, and their stage flows. */
export function cohortStatsFromItems(items: StoredItem[]): CohortStats {
  const cohorts: CohortStats = new Map();
  for (const i of items) {
    const cohortId = String(i.cohort);
    const cohort: CohortStat = cohorts.get(cohortId) ?? { created: 0, ended: 0, flows: new Map(), nearFlows: new Map() };
    if (i.kind === 'count') {
      cohort.created = Number(i.created ?? 0);
      cohort.ended = Number(i.ended ?? 0);
      cohort.createdWithLines = Number(i.createdWithLines ?? 0);
      Object.assign(cohort, optionalLines(i));
    } else if (i.kind === 'flow' || i.kind === 'near') {
      (i.kind === 'flow' ? cohort.flows : cohort.nearFlows).set(String(i.stage) as FlowStage, flowCountsFromItem(i));
    } else if (i.kind === 'age') {
      cohort.ages = cohort.ages ?? new Map();
      cohort.ages.set(String(i.stage) as FlowStage, ageCountsFromItem(i));
    }
    cohorts.set(cohortId, cohort);
  }
  return cohorts;
}

function ageCountsFromItem(i: StoredItem): AgeCounts {
  const ages = Array.from({ length: AGE_MONTHS + 1 }, (_, age) => age);
  return { ended: ages.map((a) => Number(i[`ended_${a}`] ?? 0)), won: ages.map((a) => Number(i[`won_${a}`] ?? 0)) };
}

function flowCountsFromItem(i: StoredItem): FlowCounts {
  const moves: Partial<Record<FlowStage, number>> = {};
  for (const s of FLOW_STAGES) if (Number(i[`to_${s}`] ?? 0)) moves[s] = Number(i[`to_${s}`]);
  return { exits: Number(i.exits ?? 0), won: Number(i.won ?? 0), moves, far: Number(i.to_far ?? 0) };
}
