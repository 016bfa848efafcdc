import { describe, expect, it } from 'vitest';
import { generateNetwork } from '../../bench/forecast-quality/network.js';
import { Simulation } from '../../bench/forecast-quality/simulation.js';
import { FORECAST_SHARDS, keys } from '../../shared/db/keys.js';
import { monthsBetween } from '../../shared/domain/calendar.js';
import { cellFromItem } from '../../shared/forecast/aggregate-items.js';
import { contributions } from '../../shared/forecast/contribution.js';

const small = (seed: number) => {
  const simulation = new Simulation(generateNetwork(seed, 12));
  const monthEnds: string[] = [];
  simulation.run((state) => monthEnds.push(`${state.month}:${state.open.length}`));
  return { simulation, monthEnds };
};

describe('dealer-network simulator', () => {
  it('gives the same network and the same history for the same seed, another for another seed', () => {
    expect(generateNetwork(7, 50)).toEqual(generateNetwork(7, 50));
    expect(generateNetwork(8, 50).dealers).not.toEqual(generateNetwork(7, 50).dealers);
    const a = small(7);
    const b = small(7);
    expect([...a.simulation.registrations.values()]).toEqual([...b.simulation.registrations.values()]);
    expect(a.monthEnds).toEqual(b.monthEnds);
    expect(a.monthEnds).toHaveLength(24);
    expect([...small(8).simulation.registrations.values()]).not.toEqual([...a.simulation.registrations.values()]);
  });

  it('draws dealers that differ in skill, honesty and discipline, and deals with a long tail', () => {
    const { dealers } = generateNetwork(3, 200);
    const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
    expect(spread(dealers.map((d) => d.skill))).toBeGreaterThan(0.3);
    expect(spread(dealers.map((d) => d.discipline))).toBeGreaterThan(0.6);
    expect(spread(dealers.map((d) => d.valueOptimism))).toBeGreaterThan(0.2);
    expect(new Set(dealers.map((d) => d.regionId)).size).toBe(4);
    const { simulation } = small(3);
    const values = [...simulation.truths.values()].map((t) => t.value).sort((x, y) => x - y);
    const median = values[Math.floor(values.length / 2)] as number;
    expect(values[values.length - 1]).toBeGreaterThan(5 * median);
  });

  it('runs every lifecycle path: wins, losses, silent expiries, withdrawals, rejections, extensions', () => {
    const { simulation } = small(11);
    const statuses = new Set([...simulation.registrations.values()].map((r) => r.status));
    for (const status of ['won', 'lost', 'expired', 'withdrawn', 'rejected', 'approved']) expect(statuses).toContain(status);
    expect([...simulation.registrations.values()].some((r) => r.extension?.status === 'approved')).toBe(true);
    // Slipped close dates: wins after the date first stated.
    expect([...simulation.truths.values()].some((t) => t.wins && simulation.registrations.get(t.registrationId)?.status === 'won')).toBe(
      true,
    );
  });

  it('keeps the aggregate cells equal to a recomputation from the registrations', () => {
    const { simulation } = small(5);
    const months = monthsBetween('2024-12', '2027-12');
    const stored = months
      .flatMap((m) =>
        Array.from({ length: FORECAST_SHARDS }, (_, s) => simulation.table.query(keys.forecastMonthPartition(m, s)).map(cellFromItem)),
      )
      .flat();
    const sum = (cells: { openCount: number; pipeline: number; wonCount: number; won: number }[]) =>
      cells.reduce(
        (t, c) => ({
          openCount: t.openCount + c.openCount,
          pipeline: t.pipeline + c.pipeline,
          wonCount: t.wonCount + c.wonCount,
          won: t.won + c.won,
        }),
        { openCount: 0, pipeline: 0, wonCount: 0, won: 0 },
      );
    expect(sum(stored)).toEqual(sum([...simulation.registrations.values()].flatMap((r) => contributions(r))));
  });
});
