/**
 * A conflict case is one item: it must never reach DynamoDB's 400 KB item limit. The repository's join refuses the
 * party after MAX_CONFLICT_PARTIES, tried against DynamoDB Local in a table of this file's own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb-local.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `bounds-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});
const { conflicts } = await import('../../shared/db/conflict-repository.js');
const { ConditionsFailed, transact } = await import('../../shared/db/transaction.js');
const { MAX_CONFLICT_PARTIES } = await import('../../shared/domain/conflict-case.js');

beforeAll(async () => {
  const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  await ensureTable(admin, process.env.TABLE_NAME as string);
  admin.destroy();
});

const party = (n: number, regionId = 'north') => ({
  registrationId: `reg_${String(n).padStart(24, '0')}`,
  dealerId: `dealer-${n % 7}`,
  regionId,
  submittedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  status: 'in_conflict',
});

const join = (conflictId: string, n: number) =>
  transact(
    conflicts.join({
      conflictId,
      holder: { ...party(0), status: 'approved' },
      newcomer: party(n, n % 2 ? 'south' : 'north'),
      reason: { kind: 'duplicate', detail: 'same customer and product line while the first is pending or protected' },
      customer: { name: 'Müller Maschinenbau GmbH', country: 'DE' },
      productLine: 'milling',
      owner: 'pm-north@manufacturer.example',
      ownerRegionId: 'north',
      now: new Date(),
    }),
  );

describe('a conflict case', () => {
  it(`takes at most ${MAX_CONFLICT_PARTIES} registrations and keeps its owner from the first join`, { timeout: 90_000 }, async () => {
    const conflictId = `cf_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    for (let start = 1; start < MAX_CONFLICT_PARTIES; start += 10) {
      await Promise.all(Array.from({ length: Math.min(10, MAX_CONFLICT_PARTIES - start) }, (_, i) => join(conflictId, start + i)));
    }
    const full = await conflicts.get(conflictId);
    expect(full?.parties).toHaveLength(MAX_CONFLICT_PARTIES);
    expect(full).toMatchObject({ owner: 'pm-north@manufacturer.example', ownerRegionId: 'north', regionIds: ['north', 'south'] });
    expect(Buffer.byteLength(JSON.stringify(full))).toBeLessThan(100_000);

    const refused = await join(conflictId, MAX_CONFLICT_PARTIES).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConditionsFailed);
    expect((refused as InstanceType<typeof ConditionsFailed>).failed.get('conflict')).toMatchObject({ state: 'open' });
    expect((await conflicts.get(conflictId))?.parties).toHaveLength(MAX_CONFLICT_PARTIES);
  });
});
