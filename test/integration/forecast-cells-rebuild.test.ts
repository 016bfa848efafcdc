/**
 * `npm run -s admin -- rebuild-forecast-cells` against DynamoDB Local, in a table of its own: a table whose cells
 * predate the registration month in them (no `cohort`, the old sort key), where a later change has already
 * subtracted from a cell with the month, and no rollups yet, is rebuilt into exactly the cells and rollups its
 * registrations add up to — and a second run changes nothing.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import { keys } from '../../shared/db/keys.js';
import { registrationItem } from '../../shared/db/registration-repository.js';
import type { StoredRegistration } from '../../shared/domain/registration.js';
import { cellFromItem, cellItem, rollupItem, rollupsOf } from '../../shared/forecast/aggregate-items.js';
import { type Cell, cellId, cellsOf } from '../../shared/forecast/contribution.js';
import { stored } from '../unit/fixtures.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const stack = inject('stack');
const table = `forecast-rebuild-${randomUUID().slice(0, 8)}`;
const environment = {
  ...process.env,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
};
const client = new DynamoDBClient({
  endpoint: stack.dynamoDbUrl,
  region: stack.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const documents = DynamoDBDocumentClient.from(client);

const open = (id: string, overrides: Partial<StoredRegistration>) =>
  stored({ id, status: 'approved', forecastLine: 'pumps', expectedCloseDate: '2027-03-10', ...overrides });
const registrations = [
  open('reg_rebuild_000000000001', { submittedAt: '2026-10-02T09:00:00.000Z', stage: 'mid' }),
  open('reg_rebuild_000000000002', { submittedAt: '2026-11-05T09:00:00.000Z', stage: 'mid' }),
  // Moved to late after the release: its change subtracted from the `mid` cell of its registration month.
  open('reg_rebuild_000000000003', { submittedAt: '2026-10-20T09:00:00.000Z', stage: 'late' }),
  {
    ...open('reg_rebuild_000000000004', { submittedAt: '2026-09-01T09:00:00.000Z' }),
    status: 'won' as const,
    outcome: { result: 'won' as const, closedOn: '2026-12-01', actualValue: { amount: 70_000, currency: 'EUR' } },
  },
];

/** A cell as written before the registration month was kept: no `cohort` attribute, the sort key without it. */
function oldCellItem(cell: Cell) {
  const { cohort: _cohort, ...item } = cellItem(cell);
  return { ...item, ...keys.forecastCell(cell.month, cell.dealerId, cellId({ ...cell, cohort: '' }).replace(/#$/, '')) };
}

async function cellsInTable(entity = 'forecast-cell') {
  const { Items = [] } = await documents.send(
    new ScanCommand({ TableName: table, FilterExpression: 'entity = :c', ExpressionAttributeValues: { ':c': entity } }),
  );
  return Items.map((i) => ({ key: `${i.PK}|${i.SK}`, cell: cellFromItem(i) })).sort((a, b) => a.key.localeCompare(b.key));
}

/** The rollups' keys and sums as stored. */
const rollupsInTable = async () =>
  (await cellsInTable('forecast-rollup')).map(({ key, cell }) => ({ key, sums: [cell.openCount, cell.pipeline, cell.wonCount, cell.won] }));

const rebuild = async () =>
  JSON.parse(
    (await run('npx', ['tsx', 'infra/admin/admin.ts', 'rebuild-forecast-cells', '--table', table], { cwd: REPO_ROOT, env: environment }))
      .stdout,
  );

beforeAll(async () => {
  await ensureTable(client, table);
  const before = [
    registrations[0],
    registrations[1],
    { ...registrations[2], stage: 'mid' as const },
    { ...registrations[3], status: 'approved' as const },
  ];
  const drift = cellsOf([registrations[2] as StoredRegistration]).map(cellItem);
  const subtracted = cellsOf([{ ...registrations[2], stage: 'mid' } as StoredRegistration]).map((c) => ({
    ...cellItem(c),
    openCount: -c.openCount,
    pipeline: -c.pipeline,
  }));
  const items = [
    ...registrations.map(registrationItem),
    // Summed without the registration month, as the cells were kept then.
    ...cellsOf(before.map((r) => ({ ...r, submittedAt: '2026-09-01T00:00:00.000Z' })) as StoredRegistration[]).map(oldCellItem),
    ...drift,
    ...subtracted,
    // Another table's worth of stale cell that no registration adds up to.
    oldCellItem({ ...(cellsOf([registrations[0] as StoredRegistration])[0] as Cell), dealerId: 'dealer-gone' }),
  ];
  await documents.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } }));
}, 60_000);

afterAll(() => client.destroy());

describe('rebuild-forecast-cells', () => {
  it('leaves exactly the cells and rollups the registrations add up to, cells with their registration months, and is idempotent', async () => {
    const drifted = await cellsInTable();
    expect(drifted.some(({ cell }) => cell.cohort === '')).toBe(true);
    expect(drifted.some(({ cell }) => cell.openCount < 0)).toBe(true);

    const first = await rebuild();
    const expected = cellsOf(registrations as StoredRegistration[])
      .map((cell) => ({ key: `${keys.forecastCell(cell.month, cell.dealerId, cellId(cell)).PK}|${cellId(cell)}`, cell }))
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(await cellsInTable()).toEqual(expected);
    expect(expected.map(({ cell }) => cell.cohort)).toEqual(expect.arrayContaining(['2026-09', '2026-10', '2026-11']));
    const rollups = rollupsOf(cellsOf(registrations as StoredRegistration[]))
      .map((r) => rollupItem(r))
      .map((i) => ({ key: `${i.PK}|${i.SK}`, sums: [i.openCount, i.pipeline, i.wonCount, i.won] }))
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(await rollupsInTable()).toEqual(rollups);
    const stale = drifted.filter((d) => !expected.some((e) => e.key === d.key));
    expect(stale.length).toBeGreaterThanOrEqual(2);
    const written = expected.length + rollups.length;
    expect(first).toEqual({ registrations: 4, cellsWritten: written, cellsDeleted: stale.length });

    expect(await rebuild()).toEqual({ registrations: 4, cellsWritten: written, cellsDeleted: 0 });
    expect(await cellsInTable()).toEqual(expected);
    expect(await rollupsInTable()).toEqual(rollups);
  }, 120_000);
});
