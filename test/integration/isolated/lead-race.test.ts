/**
 * The capacity race as issue 16 states it: 200 lead creations sent at once (every request on the wire before the
 * first answer) over the 10 dealers of one region. Isolated: it runs after the API tests, one file at a time, so no
 * other file's requests wait behind the burst and the burst slows no other file. What it checks is read back from
 * the table: each dealer's open-lead counter and the stored leads, not only the answers.
 */
import { expect, inject, it } from 'vitest';
import { type ApiResponse, call } from '../../support/api.js';
import { leadBody, leadRegion } from '../../support/leads.js';
import { tableReader } from '../../support/table.js';

const stack = inject('stack');
const LEADS = 200;
const DEALERS = 10;
/** Dealers never evaluated are bronze: `leads.capacityByTier` default. */
const CAPACITY = 5;

const countBy = (values: unknown[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
};

it(`never exceeds a dealer's capacity: ${LEADS} lead creations at once over ${DEALERS} dealers, no 5xx`, { timeout: 180_000 }, async () => {
  // A run of this file alone starts on a cold DynamoDB Local; warm it as the suite before it would have.
  const warm = await leadRegion('LT', 2);
  for (let i = 0; i < 20; i++) await call('POST', '/leads', { token: warm.admin, body: leadBody('LT', warm.regionId) });

  const r = await leadRegion('CY', DEALERS);
  const responses: ApiResponse[] = await Promise.all(
    Array.from({ length: LEADS }, () => call('POST', '/leads', { token: r.admin, body: leadBody('CY', r.regionId) })),
  );

  // The table first: each dealer's counter, and the region's stored leads (also any whose answer was lost).
  const table = tableReader(stack.dynamoDbUrl, stack.region, stack.tableName);
  const stored: Record<string, unknown>[] = [];
  let counters: Record<string, number>;
  try {
    const open = await Promise.all(
      r.dealerIds.map(async (d) => Number((await table.partition(`DEALER#${d}`)).find((i) => i.SK === 'OPEN_LEADS')?.open ?? 0)),
    );
    counters = Object.fromEntries(r.dealerIds.map((d, i) => [d, open[i] as number]));
    const leadKeys = await table.indexKeys('GSI1', `LEADS#${r.regionId}`);
    for (let start = 0; start < leadKeys.length; start += 20) {
      const chunk = leadKeys.slice(start, start + 20);
      stored.push(...(await Promise.all(chunk.map(async (k) => (await table.partition(String(k.PK))).find((i) => i.SK === 'LEAD') ?? {}))));
    }
  } finally {
    table.destroy();
  }
  const offeredTo = countBy(stored.filter((l) => l.status === 'offered').map((l) => l.offeredTo));
  // Never above capacity, and every stored offer counted.
  expect(
    Object.values(counters).filter((n) => n > CAPACITY),
    JSON.stringify(counters),
  ).toEqual([]);
  expect(offeredTo).toEqual(Object.fromEntries(Object.entries(counters).filter(([, n]) => n > 0)));

  // Every creation answered 201; on failure, the answers by status and what the first few others said.
  expect({
    byStatus: countBy(responses.map((x) => x.status)),
    others: responses
      .filter((x) => x.status !== 201)
      .slice(0, 3)
      .map((x) => x.text),
  }).toEqual({ byStatus: { 201: LEADS }, others: [] });
  // Capacity left for 50 of the 200: every dealer filled exactly, the rest with the partner manager.
  expect(counters).toEqual(Object.fromEntries(r.dealerIds.map((d) => [d, CAPACITY])));
  const split = { offered: DEALERS * CAPACITY, unassigned: LEADS - DEALERS * CAPACITY };
  expect(countBy(stored.map((l) => l.status))).toEqual(split);
  expect(countBy(responses.map((x) => x.body.status))).toEqual(split);

  // Each dealer lists exactly its own offers.
  for (const dealerId of r.dealerIds) {
    const listed = await call('GET', '/leads?status=offered&limit=100', { token: r.tokens.get(dealerId) as string });
    expect(listed.body.items).toHaveLength(CAPACITY);
  }
});
