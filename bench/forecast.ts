/**
 * Part "forecast": open registrations bulk-loaded into the table (with the forecast cells they add up to), then the
 * aggregated forecast and the line-item export timed through HTTP, at each deal count.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StoredRegistration } from '../shared/domain/registration.js';
import { applyDecision, newRegistration } from '../shared/domain/registration-changes.js';
import { cellItem, rollupItem, rollupsOf } from '../shared/forecast/aggregate-items.js';
import { type Cell, cellId, contributions } from '../shared/forecast/contribution.js';
import { batchWriteAll } from './bulk-load.js';
import { type Channel, setUpChannel } from './channel.js';
import { DealSource, HORIZON_MONTHS, monthAfter, pick } from './deals.js';
import { documentClientFor } from './dynamo.js';
import { expectStatus } from './http.js';
import { printTable, progress } from './output.js';
import { profiled } from './sdk-calls.js';
import { type BenchStack, withStack } from './stack.js';
import { median, round } from './stats.js';
import { openCountItem, registrationItem } from './table-items.js';

const DEALERS = 50;
const APPROVED_SHARE = 0.4;
const CHUNK = 5_000;
const WARM_UP_RUNS = 2;
const REPORT_RUNS = 7;
const EXPORT_RUNS = 3;
const EXPORT_PAGE = 5_000;
const FULL_GROUPING = 'quarter,productLine,region,dealer,tier';

export interface ForecastStep {
  registrations: number;
  forecastCells: number;
  forecastRollups: number;
  loadSeconds: number;
  loadItemsPerSecond: number;
  cellLoadSeconds: number;
  byMonth: { medianMs: number; runsMs: number[]; rows: number };
  byAllGroups: { medianMs: number; runsMs: number[]; rows: number };
  lineItems: { medianMs: number; runsMs: number[]; rows: number; pages: number; rowsPerSecond: number };
  /** One request of each kind with its SDK calls recorded: how many, and how long it waited on DynamoDB. */
  inside: { request: string; ms: number; sdkCalls: number; waitedOnDynamoDbMs: number }[];
}

/** Generates registrations as the submit path builds them and keeps the forecast cells and open counts they add to. */
class DealFactory {
  private readonly deals: DealSource;
  private readonly now = new Date();
  private readonly lineOf: Map<string, string>;
  readonly cells = new Map<string, Cell>();
  readonly touchedCells = new Set<string>();
  readonly openCounts = new Map<string, number>();

  constructor(private readonly channel: Channel) {
    this.deals = new DealSource(channel, 20_260_101);
    this.lineOf = new Map(channel.products.map((p) => [p.sku, p.productLine]));
  }

  next(): StoredRegistration {
    const { channel, deals, now } = this;
    const dealer = pick(deals.random, channel.dealers);
    const submitted = newRegistration({
      id: deals.id(),
      dealerId: dealer.id,
      regionId: dealer.regionId,
      input: deals.input(dealer),
      catalog: { productLineOf: (sku) => this.lineOf.get(sku) },
      program: channel.program,
      now,
    });
    const registration =
      deals.random() < APPROVED_SHARE
        ? applyDecision({ registration: submitted, decision: { decision: 'approve', reason: 'Benchmark' }, program: channel.program, now })
        : submitted;
    for (const cell of contributions(registration)) {
      const id = `${cell.month}#${cellId(cell)}`;
      const total = this.cells.get(id) ?? { ...cell, openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
      total.openCount += cell.openCount;
      total.pipeline += cell.pipeline;
      this.cells.set(id, total);
      this.touchedCells.add(id);
    }
    this.openCounts.set(dealer.id, (this.openCounts.get(dealer.id) ?? 0) + 1);
    return registration;
  }
}

async function load(db: DynamoDBDocumentClient, table: string, factory: DealFactory, count: number) {
  let loadMs = 0;
  for (let done = 0; done < count; done += CHUNK) {
    const items = Array.from({ length: Math.min(CHUNK, count - done) }, () => registrationItem(factory.next()));
    loadMs += (await batchWriteAll(db, table, items)).ms;
    progress(`  ${(done + items.length).toLocaleString('en-US')} / ${count.toLocaleString('en-US')} registrations written`);
  }
  const cells = [...factory.touchedCells].map((id) => cellItem(factory.cells.get(id) as Cell));
  factory.touchedCells.clear();
  // Few enough to rewrite whole at each step.
  const rollups = rollupsOf([...factory.cells.values()]).map(rollupItem);
  const counters = [...factory.openCounts].map(([dealerId, n]) => openCountItem(dealerId, n));
  const cellLoad = await batchWriteAll(db, table, [...cells, ...rollups, ...counters]);
  return { loadMs, cellLoadMs: cellLoad.ms };
}

interface Report {
  totals: { openCount: number };
  rows: unknown[];
}

async function timeReport(stack: BenchStack, token: string, query: string) {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < WARM_UP_RUNS + REPORT_RUNS; i++) {
    const response = await expectStatus<Report>(200, stack.apiUrl, 'GET', `/forecast?${query}`, { token });
    if (i >= WARM_UP_RUNS) runs.push(round(response.ms));
    rows = response.body.rows.length;
  }
  return { medianMs: round(median(runs)), runsMs: runs, rows };
}

async function inside(stack: BenchStack, token: string, request: string) {
  const run = await profiled(stack, () => expectStatus(200, stack.apiUrl, 'GET', request, { token }));
  return { request, ms: round(run.ms), sdkCalls: run.calls.length, waitedOnDynamoDbMs: round(run.waitedMs) };
}

async function exportLineItems(stack: BenchStack, token: string, range: string) {
  const start = performance.now();
  let rows = 0;
  let pages = 0;
  let cursor: string | undefined;
  do {
    const path = `/forecast/deals?${range}&limit=${EXPORT_PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await expectStatus<{ items: unknown[]; nextCursor?: string }>(200, stack.apiUrl, 'GET', path, { token });
    rows += page.body.items.length;
    pages++;
    cursor = page.body.nextCursor;
  } while (cursor);
  return { ms: performance.now() - start, rows, pages };
}

export async function forecastBench(counts: number[]): Promise<ForecastStep[]> {
  return withStack(async (stack) => {
    progress(`forecast: setting up ${DEALERS} dealers in 2 regions`);
    const channel = await setUpChannel(stack, DEALERS);
    const db = documentClientFor(stack);
    const token = await stack.token({ role: 'finance' });
    const today = new Date();
    const range = `from=${monthAfter(today, 0)}&to=${monthAfter(today, HORIZON_MONTHS - 1)}`;
    const factory = new DealFactory(channel);
    const steps: ForecastStep[] = [];
    let loaded = 0;

    for (const target of [...counts].sort((a, b) => a - b)) {
      progress(`forecast: loading up to ${target.toLocaleString('en-US')} open registrations`);
      const { loadMs, cellLoadMs } = await load(db, stack.tableName, factory, target - loaded);
      const added = target - loaded;
      loaded = target;

      const check = await expectStatus<Report>(200, stack.apiUrl, 'GET', `/forecast?${range}`, { token });
      if (check.body.totals.openCount !== target) {
        throw new Error(`forecast totals.openCount is ${check.body.totals.openCount}, but ${target} open registrations were loaded`);
      }
      progress(`forecast: totals.openCount = ${target} as loaded; timing the reports`);
      const byMonth = await timeReport(stack, token, `${range}&groupBy=month`);
      const byAllGroups = await timeReport(stack, token, `${range}&groupBy=${FULL_GROUPING}`);
      const exports: number[] = [];
      let lineItems = { rows: 0, pages: 0 };
      for (let i = 0; i < 1 + EXPORT_RUNS; i++) {
        const run = await exportLineItems(stack, token, range);
        if (run.rows !== target)
          throw new Error(`the line-item export gave ${run.rows} rows, but ${target} open registrations were loaded`);
        if (i > 0) exports.push(round(run.ms));
        lineItems = { rows: run.rows, pages: run.pages };
      }
      const exportMs = median(exports);
      steps.push({
        registrations: target,
        forecastCells: factory.cells.size,
        forecastRollups: rollupsOf([...factory.cells.values()]).length,
        loadSeconds: round(loadMs / 1000, 2),
        loadItemsPerSecond: Math.round(added / (loadMs / 1000)),
        cellLoadSeconds: round(cellLoadMs / 1000, 2),
        byMonth,
        byAllGroups,
        lineItems: { medianMs: round(exportMs), runsMs: exports, ...lineItems, rowsPerSecond: Math.round(target / (exportMs / 1000)) },
        inside: [
          await inside(stack, token, `/forecast?${range}&groupBy=month`),
          await inside(stack, token, `/forecast?${range}&groupBy=${FULL_GROUPING}`),
          await inside(stack, token, `/forecast/deals?${range}&limit=${EXPORT_PAGE}`),
        ],
      });
    }
    db.destroy();
    printForecast(steps);
    return steps;
  });
}

function printForecast(steps: ForecastStep[]) {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const ratio = (value: (s: ForecastStep) => number) =>
    first && last && steps.length > 1 ? `×${round(value(last) / value(first), 2)}` : undefined;
  const metric = (name: string, value: (s: ForecastStep) => number, withRatio = true) => [
    name,
    ...steps.map(value),
    withRatio ? ratio(value) : undefined,
  ];
  printTable(
    'Forecast: aggregated report and line-item export over HTTP (medians; ratio = largest ÷ smallest)',
    ['', ...steps.map((s) => `${s.registrations.toLocaleString('en-US')} deals`), 'ratio'],
    [
      metric('forecast cells', (s) => s.forecastCells),
      metric('forecast rollups (read by the stage-weighted reports without dealer or tier)', (s) => s.forecastRollups),
      metric('bulk load, registrations (s)', (s) => s.loadSeconds),
      metric('bulk load rate (items/s)', (s) => s.loadItemsPerSecond, false),
      metric('bulk load, cells + counters (s)', (s) => s.cellLoadSeconds),
      metric(`GET /forecast groupBy=month, median of ${REPORT_RUNS} (ms)`, (s) => s.byMonth.medianMs),
      metric(`GET /forecast groupBy=${FULL_GROUPING}, median of ${REPORT_RUNS} (ms)`, (s) => s.byAllGroups.medianMs),
      metric('  rows in that report', (s) => s.byAllGroups.rows),
      metric(`GET /forecast/deals all pages of ${EXPORT_PAGE}, median of ${EXPORT_RUNS} (ms)`, (s) => s.lineItems.medianMs),
      metric('  line items per second', (s) => s.lineItems.rowsPerSecond, false),
      metric('  pages', (s) => s.lineItems.pages),
    ],
  );
  printTable(
    'Forecast requests from inside: SDK calls made and time spent waiting on DynamoDB (one profiled request each)',
    ['deals', 'request', 'ms', 'SDK calls', 'waiting on DynamoDB (ms)', 'outside the SDK (ms)'],
    steps.flatMap((s) =>
      s.inside.map((r) => [
        s.registrations,
        r.request.replace(/from=[^&]+&to=[^&]+&?/, ''),
        r.ms,
        r.sdkCalls,
        r.waitedOnDynamoDbMs,
        round(r.ms - r.waitedOnDynamoDbMs),
      ]),
    ),
  );
}
