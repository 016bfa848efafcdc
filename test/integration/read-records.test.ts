/**
 * The GET routes that record reads may write only read records (their IAM grant allows nothing else: PutItem and
 * BatchWriteItem on `REG#` partitions with READ_RECORD's attributes). Checked on the items they actually write.
 */
import { describe, expect, inject, it } from 'vitest';
import { routes } from '../../shared/api/routes.js';
import { READ_RECORD } from '../../shared/db/read-records.js';
import { call, createTenant, registrationBody } from '../support/api.js';
import { tableReader } from '../support/table.js';

const stack = inject('stack');

describe('read records', () => {
  it('are the only writes of record-reads routes: history items with the granted attributes only', async () => {
    expect(
      routes
        .filter((r) => r.table === 'record-reads')
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual(['GET /registrations/{id}', 'GET /registrations/{id}/history', 'GET /reviews']);
    const t = await createTenant();
    const created = await call('POST', '/registrations', { token: t.tokens.dealer, body: registrationBody({}, t.sku) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const table = tableReader(stack.dynamoDbUrl, stack.region, stack.tableName);
    const before = await table.partition(`REG#${id}`);
    expect((await call('GET', `/registrations/${id}`, { token: t.tokens.manager })).status).toBe(200);
    expect((await call('GET', `/registrations/${id}/history`, { token: t.tokens.director })).status).toBe(200);
    expect((await call('GET', '/reviews?limit=100', { token: t.tokens.manager })).status).toBe(200);
    const after = await table.partition(`REG#${id}`);
    table.destroy();
    const keys = new Set(before.map((i) => String(i.SK)));
    const written = after.filter((i) => !keys.has(String(i.SK)));
    expect(written.map((i) => i.action).sort()).toEqual(['history_viewed', 'listed_for_review', 'viewed']);
    for (const item of written) {
      expect(Object.keys(item).filter((a) => !(READ_RECORD.attributes as readonly string[]).includes(a))).toEqual([]);
      expect(String(item.SK)).toMatch(/^EVT#/);
    }
    // Nothing else in the partition changed.
    expect(after.filter((i) => keys.has(String(i.SK)))).toEqual(before);
  });
});
