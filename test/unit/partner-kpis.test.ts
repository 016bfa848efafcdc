import { describe, expect, it } from 'vitest';
import {
  averageCycleDays,
  averageDealSize,
  computeKpis,
  customerSatisfaction,
  emptyInputs,
  lastCompletedQuarter,
  marketingParticipation,
  monthRange,
  parsePeriod,
  pipelineValue,
  portalLogins,
  productMix,
  type RegistrationFacts,
  type RevenueMonth,
  registeredDeals,
  registrationCompliance,
  registrationToCloseRatio,
  revenue,
  supportTickets,
  tierPointsEarned,
  trailingYear,
  trainingCompletion,
  wonRegisteredValue,
  yearBefore,
  yoyGrowth,
} from '../../shared/domain/partner-kpis.js';
import { program } from './fixtures.js';

const settings = program(); // EUR reporting, USD at 0.92
const q2 = parsePeriod('2026-Q2');
const y2026 = parsePeriod('2026');

const reg = (overrides: Partial<RegistrationFacts>): RegistrationFacts => ({
  status: 'approved',
  submittedAt: '2026-04-10T08:00:00.000Z',
  expectedValue: { amount: 1_000_000, currency: 'EUR' },
  expectedCloseDate: '2026-06-30',
  ...overrides,
});
const won = (closedOn: string, amount: number, extra: Partial<RegistrationFacts> = {}) =>
  reg({ status: 'won', outcome: { result: 'won', closedOn, actualValue: { amount, currency: 'EUR' } }, ...extra });
const lost = (closedOn: string, extra: Partial<RegistrationFacts> = {}) =>
  reg({ status: 'lost', outcome: { result: 'lost', closedOn }, ...extra });

describe('periods', () => {
  it('parses quarters and years into months and first/last days', () => {
    expect(q2).toEqual({ label: '2026-Q2', months: ['2026-04', '2026-05', '2026-06'], start: '2026-04-01', end: '2026-06-30' });
    expect(y2026.months).toHaveLength(12);
    expect(y2026).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2024-Q1').end).toBe('2024-03-31');
    expect(() => parsePeriod('2026-Q5')).toThrow(RangeError);
    expect(() => parsePeriod('2026-04')).toThrow(RangeError);
  });

  it('finds the same months a year earlier, across a year boundary too', () => {
    expect(yearBefore(q2)).toMatchObject({ label: '2025-Q2', months: ['2025-04', '2025-05', '2025-06'] });
    expect(yearBefore(monthRange('2025-11', '2026-02')).months).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('evaluates tiers for the last completed quarter, over the four quarters to it', () => {
    expect(lastCompletedQuarter(new Date('2026-04-01T03:00:00Z'))).toBe('2026-Q1');
    expect(lastCompletedQuarter(new Date('2026-01-01T03:00:00Z'))).toBe('2025-Q4');
    expect(lastCompletedQuarter(new Date('2026-03-31T23:59:59Z'))).toBe('2025-Q4');
    expect(trailingYear('2026-Q1')).toMatchObject({ start: '2025-04-01', end: '2026-03-31' });
    expect(trailingYear('2026-Q1').months).toHaveLength(12);
  });
});

describe('ERP and program KPIs', () => {
  const rows: RevenueMonth[] = [
    {
      month: '2026-04',
      lines: [
        { productLine: 'milling', amount: 600_000, currency: 'EUR' },
        { productLine: 'turning', amount: 100_000, currency: 'USD' },
      ],
    },
    {
      month: '2026-05',
      lines: [
        { productLine: 'milling', amount: 300_000, currency: 'EUR' },
        { productLine: 'custom', amount: 5, currency: 'JPY' },
      ],
    },
    { month: '2026-07', lines: [{ productLine: 'milling', amount: 999_999, currency: 'EUR' }] },
    { month: '2025-05', lines: [{ productLine: 'milling', amount: 800_000, currency: 'EUR' }] },
  ];

  it('revenue: sums the period months in the reporting currency, leaving out amounts without a rate', () => {
    expect(revenue(rows, q2, settings)).toBe(600_000 + 92_000 + 300_000);
    expect(revenue(rows, yearBefore(q2), settings)).toBe(800_000);
    expect(revenue([], q2, settings)).toBe(0);
  });

  it('yoyGrowth: relative change against a year earlier; null without a year-earlier revenue', () => {
    expect(yoyGrowth(992_000, 800_000)).toBe(0.24);
    expect(yoyGrowth(400_000, 800_000)).toBe(-0.5);
    expect(yoyGrowth(1, 3)).toBe(-0.6667);
    expect(yoyGrowth(100, 0)).toBeNull();
  });

  it('productMix: per line, largest first, shares of the total', () => {
    expect(productMix(rows, q2, settings)).toEqual([
      { productLine: 'milling', amount: 900_000, share: 0.9073 },
      { productLine: 'turning', amount: 92_000, share: 0.0927 },
    ]);
    const tie: RevenueMonth[] = [
      {
        month: '2026-04',
        lines: [
          { productLine: 'b', amount: 5, currency: 'EUR' },
          { productLine: 'a', amount: 5, currency: 'EUR' },
        ],
      },
    ];
    expect(productMix(tie, q2, settings).map((l) => l.productLine)).toEqual(['a', 'b']);
    expect(productMix([], q2, settings)).toEqual([]);
  });

  it('trainingCompletion: completed ÷ assigned in the latest snapshot of the period', () => {
    const training = [
      { month: '2026-04', users: 3, assigned: 10, completed: 2 },
      { month: '2026-06', users: 3, assigned: 12, completed: 9 },
      { month: '2026-07', users: 3, assigned: 12, completed: 12 },
    ];
    expect(trainingCompletion(training, q2)).toBe(0.75);
    expect(trainingCompletion(training, parsePeriod('2026-Q1'))).toBeNull();
    expect(trainingCompletion([{ month: '2026-04', users: 0, assigned: 0, completed: 0 }], q2)).toBeNull();
  });

  it('marketingParticipation: each campaign once per period, participated if in any month', () => {
    const marketing = [
      {
        month: '2026-04',
        campaigns: [
          { campaignId: 'spring', participated: false },
          { campaignId: 'fair', participated: true },
        ],
      },
      {
        month: '2026-05',
        campaigns: [
          { campaignId: 'spring', participated: true },
          { campaignId: 'mailer', participated: false },
        ],
      },
    ];
    expect(marketingParticipation(marketing, q2)).toBe(0.6667);
    expect(marketingParticipation([], q2)).toBeNull();
    // Downloading sales assets in the period is taking part in one more campaign; downloads outside it do not count.
    const downloads = [{ month: '2026-05', downloads: 3, assets: 2 }];
    expect(marketingParticipation(marketing, q2, downloads)).toBe(0.75);
    expect(marketingParticipation(marketing, q2, [{ month: '2026-01', downloads: 1, assets: 1 }])).toBe(0.6667);
    expect(marketingParticipation([], q2, downloads)).toBe(1);
    expect(marketingParticipation([], q2, [{ month: '2026-09', downloads: 4, assets: 1 }])).toBeNull();
  });

  it('supportTickets, portalLogins: sums over the period', () => {
    expect(
      supportTickets(
        [
          { month: '2026-04', tickets: 3 },
          { month: '2026-06', tickets: 4 },
          { month: '2026-07', tickets: 9 },
        ],
        q2,
      ),
    ).toBe(7);
    expect(
      portalLogins(
        [
          { month: '2026-05', count: 11 },
          { month: '2026-03', count: 5 },
        ],
        q2,
      ),
    ).toBe(11);
  });

  it('customerSatisfaction: response-weighted mean; null without responses', () => {
    expect(
      customerSatisfaction(
        [
          { month: '2026-04', responses: 10, score: 90 },
          { month: '2026-05', responses: 30, score: 70 },
        ],
        q2,
      ),
    ).toBe(75);
    expect(customerSatisfaction([{ month: '2026-04', responses: 0, score: 90 }], q2)).toBeNull();
  });
});

describe('registration-derived KPIs', () => {
  const regs: RegistrationFacts[] = [
    reg({ submittedAt: '2026-04-01T00:00:00.000Z', expectedCloseDate: '2026-06-15' }), // open, closes in Q2
    reg({ status: 'submitted', submittedAt: '2026-06-30T23:59:59.000Z', expectedCloseDate: '2026-08-01' }), // open, closes in Q3
    reg({ status: 'in_conflict', submittedAt: '2026-03-31T23:00:00.000Z', expectedValue: { amount: 500_000, currency: 'USD' } }),
    won('2026-05-10', 2_000_000, { submittedAt: '2026-01-10T10:00:00.000Z', earned: { tierPoints: 2 } }),
    won('2026-06-10', 4_000_000, { submittedAt: '2026-05-11T10:00:00.000Z', earned: { tierPoints: 1 } }),
    won('2026-07-01', 9_000_000, { submittedAt: '2026-05-01T10:00:00.000Z' }),
    lost('2026-04-20', { submittedAt: '2026-04-10T10:00:00.000Z' }),
    reg({ status: 'expired', submittedAt: '2025-12-01T10:00:00.000Z', protectedUntil: '2026-04-30T10:00:00.000Z' }),
    reg({ status: 'withdrawn', submittedAt: '2026-05-01T10:00:00.000Z' }),
    reg({ status: 'rejected', submittedAt: '2026-05-02T10:00:00.000Z' }),
  ];

  it('registeredDeals: submitted in the period, whatever their status', () => {
    expect(registeredDeals(regs, q2)).toBe(7);
    expect(registeredDeals(regs, parsePeriod('2026-Q1'))).toBe(2);
    expect(registeredDeals([], q2)).toBe(0);
  });

  it('registrationToCloseRatio: won ÷ (won + lost + expired) that ran their course in the period', () => {
    expect(registrationToCloseRatio(regs, q2)).toBe(0.5); // 2 won, 1 lost, 1 expired
    expect(registrationToCloseRatio(regs, parsePeriod('2026-Q3'))).toBe(1);
    expect(registrationToCloseRatio(regs, parsePeriod('2026-Q1'))).toBeNull();
  });

  it('pipelineValue: open registrations expected to close in the period, converted', () => {
    expect(pipelineValue(regs, q2, settings)).toBe(1_000_000 + 460_000);
    expect(pipelineValue(regs, parsePeriod('2026-Q3'), settings)).toBe(1_000_000);
  });

  it('averageDealSize: mean actual value of deals won in the period', () => {
    expect(averageDealSize(regs, q2, settings)).toBe(3_000_000);
    expect(averageDealSize(regs, parsePeriod('2026-Q1'), settings)).toBeNull();
    const defaulted = [
      reg({ status: 'won', outcome: { result: 'won', closedOn: '2026-04-02' }, expectedValue: { amount: 100, currency: 'USD' } }),
    ];
    expect(averageDealSize(defaulted, q2, settings)).toBe(92);
  });

  it('averageCycleDays: submission to reported close of won and lost deals closed in the period', () => {
    // 120 days (Jan 10 → May 10), 30 days (May 11 → Jun 10), 10 days (Apr 10 → Apr 20)
    expect(averageCycleDays(regs, q2)).toBe(53.3);
    expect(averageCycleDays(regs, parsePeriod('2026-Q1'))).toBeNull();
  });

  it('registered won value and tier points of deals won in the period; compliance against ERP revenue', () => {
    expect(wonRegisteredValue(regs, q2, settings)).toBe(6_000_000);
    expect(tierPointsEarned(regs, q2)).toBe(3);
    expect(registrationCompliance(6_000_000, 12_000_000)).toBe(0.5);
    expect(registrationCompliance(6_000_000, 1_000_000)).toBe(1);
    expect(registrationCompliance(0, 0)).toBeNull();
    expect(registrationCompliance(5, 0)).toBe(1);
  });

  it('computeKpis: every scorecard KPI under its name, money in the reporting currency', () => {
    const inputs = emptyInputs();
    inputs.revenue = [
      { month: '2026-04', lines: [{ productLine: 'milling', amount: 10_000_000, currency: 'EUR' }] },
      { month: '2025-04', lines: [{ productLine: 'milling', amount: 8_000_000, currency: 'EUR' }] },
    ];
    inputs.logins = [{ month: '2026-04', count: 4 }];
    const { kpis, facts } = computeKpis({ period: q2, inputs, registrations: regs, program: settings });
    expect(Object.keys(kpis)).toEqual([
      'revenue',
      'yoyGrowth',
      'productMix',
      'averageDealSize',
      'registeredDeals',
      'registrationToCloseRatio',
      'pipelineValue',
      'averageCycleDays',
      'portalLogins',
      'trainingCompletion',
      'marketingParticipation',
      'supportTickets',
    ]);
    expect(kpis).toMatchObject({
      revenue: { amount: 10_000_000, currency: 'EUR' },
      yoyGrowth: 0.25,
      averageDealSize: { amount: 3_000_000, currency: 'EUR' },
      registeredDeals: 7,
      pipelineValue: { amount: 1_460_000, currency: 'EUR' },
      portalLogins: 4,
      trainingCompletion: null,
      supportTickets: 0,
    });
    expect(facts).toEqual({
      previousRevenue: 8_000_000,
      closedRegistrations: 4,
      customerSatisfaction: null,
      registrationCompliance: 0.6,
      unconvertedRevenueLines: 0,
    });
  });
});
