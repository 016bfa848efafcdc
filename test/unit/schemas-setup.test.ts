import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { fieldErrors } from '../../shared/http/problem.js';
import { DealerInput, defaultProgram, ProductInput, Program, RegionInput } from '../../shared/schemas/setup.js';

const pathsOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return fieldErrors(result.error?.issues ?? []).map((e) => e.path);
};

describe('Program', () => {
  it('has the SPEC defaults', () => {
    expect(Program.parse({})).toEqual({
      protectionDays: 90,
      extensionMaxDays: 90,
      reviewTargetHours: 24,
      reviewLimitHours: 48,
      expiryWarningDays: [14, 3],
      autoApproval: { enabled: false },
      stageProbabilities: { early: 0.1, mid: 0.4, late: 0.7 },
      reportingCurrency: 'EUR',
      fxRates: {},
      maxOpenRegistrationsPerDealer: 500,
      tiers: {
        weights: { revenue: 35, yoyGrowth: 20, registrationCompliance: 20, trainingCompletion: 15, customerSatisfaction: 10 },
        shares: { gold: 0.2, silver: 0.3 },
        minimumRevenue: { gold: 100_000_000, silver: 25_000_000 },
        margins: { base: { gold: 18, silver: 15, bronze: 12 }, registeredUplift: 3 },
        points: { perWonRegistration: 1, maxScoreBonus: 10 },
      },
      leads: {
        acceptHours: 48,
        reminderHours: 12,
        capacityByTier: { gold: 20, silver: 10, bronze: 5 },
        weightByTier: { gold: 3, silver: 2, bronze: 1 },
      },
      support: { email: 'partner-support@dealer-channel.example', hours: 'Mon–Fri 08:00–17:00 CET' },
    });
    expect(defaultProgram()).toEqual(Program.parse({}));
  });

  it('hands out defaults that do not share state between parses', () => {
    const first = defaultProgram();
    first.expiryWarningDays.push(1);
    first.stageProbabilities.early = 0.9;
    first.fxRates.USD = 2;
    first.autoApproval.enabled = true;
    const second = defaultProgram();
    expect(second.expiryWarningDays).toEqual([14, 3]);
    expect(second.stageProbabilities.early).toBe(0.1);
    expect(second.fxRates).toEqual({});
    expect(second.autoApproval).toEqual({ enabled: false });
  });

  it('keeps explicit settings', () => {
    const program = Program.parse({
      protectionDays: 183,
      reviewTargetHours: 8,
      reviewLimitHours: 8,
      autoApproval: { enabled: true, maxValue: { amount: 5_000_000, currency: 'EUR' } },
      fxRates: { USD: 0.92, CHF: 1.04 },
      maxOpenRegistrationsPerDealer: 50,
    });
    expect(program).toMatchObject({ protectionDays: 183, reviewTargetHours: 8, reviewLimitHours: 8, maxOpenRegistrationsPerDealer: 50 });
    expect(program.autoApproval).toEqual({ enabled: true, maxValue: { amount: 5_000_000, currency: 'EUR' } });
  });

  it('rejects a review limit below the review target, naming reviewLimitHours', () => {
    expect(pathsOf(Program, { reviewTargetHours: 48, reviewLimitHours: 24 })).toEqual(['/reviewLimitHours']);
    // Also against the default target/limit.
    expect(pathsOf(Program, { reviewTargetHours: 72 })).toEqual(['/reviewLimitHours']);
    expect(pathsOf(Program, { reviewLimitHours: 12 })).toEqual(['/reviewLimitHours']);
  });

  it.each([
    [{ protectionDays: 0 }, '/protectionDays'],
    [{ protectionDays: 1.5 }, '/protectionDays'],
    [{ protectionDays: 731 }, '/protectionDays'],
    [{ extensionMaxDays: -1 }, '/extensionMaxDays'],
    [{ expiryWarningDays: [14, 14] }, '/expiryWarningDays'],
    [{ expiryWarningDays: [1, 2, 3, 4, 5, 6] }, '/expiryWarningDays'],
    [{ expiryWarningDays: [0] }, '/expiryWarningDays/0'],
    [{ autoApproval: { enabled: 'yes' } }, '/autoApproval/enabled'],
    [{ autoApproval: {} }, '/autoApproval/enabled'],
    [{ stageProbabilities: { early: 0.1, mid: 0.4, late: 1.5 } }, '/stageProbabilities/late'],
    [{ stageProbabilities: { early: -0.1, mid: 0.4, late: 0.7 } }, '/stageProbabilities/early'],
    [{ stageProbabilities: { early: 0.1, mid: 0.4 } }, '/stageProbabilities/late'],
    [{ reportingCurrency: 'eur' }, '/reportingCurrency'],
    [{ fxRates: { USD: 0 } }, '/fxRates/USD'],
    [{ fxRates: { USD: -1 } }, '/fxRates/USD'],
    [{ fxRates: { usd: 1 } }, '/fxRates/usd'],
    [{ fxRates: { XXY: 1 } }, '/fxRates/XXY'],
    [{ maxOpenRegistrationsPerDealer: 0 }, '/maxOpenRegistrationsPerDealer'],
    [{ tiers: [] }, '/tiers'],
  ])('rejects %j', (body, path) => {
    expect(pathsOf(Program, body)).toContain(path);
  });
});

describe('RegionInput, DealerInput, ProductInput', () => {
  const region = {
    name: 'DACH',
    countries: ['DE', 'AT', 'CH'],
    partnerManagerEmail: 'pm@example.com',
    regionalDirectorEmail: 'rd@example.com',
  };

  it('parse valid bodies', () => {
    expect(RegionInput.parse(region)).toEqual(region);
    const dealer = { name: 'Dealer One', regionId: 'dach', email: 'd@example.com', status: 'improvement_plan' };
    expect(DealerInput.parse(dealer)).toEqual(dealer);
    expect(ProductInput.parse({ name: 'Pump', productLine: 'pumps' })).toEqual({
      name: 'Pump',
      productLine: 'pumps',
      availability: 'published',
    });
  });

  it.each([
    [RegionInput, { ...region, countries: [] }, '/countries'],
    [RegionInput, { ...region, countries: ['DE', 'DE'] }, '/countries'],
    [RegionInput, { ...region, countries: ['DE', 'de'] }, '/countries/1'],
    [RegionInput, { ...region, partnerManagerEmail: 'nope' }, '/partnerManagerEmail'],
    [DealerInput, { name: 'D', regionId: 'bad id', email: 'd@example.com', status: 'active' }, '/regionId'],
    [DealerInput, { name: 'D', regionId: 'dach', email: 'd@example.com', status: 'gone' }, '/status'],
    [ProductInput, { name: '  ', productLine: 'pumps' }, '/name'],
    [ProductInput, { name: 'Pump', productLine: 'pumps', sku: 'X' }, '/sku'],
  ] as [z.ZodType, unknown, string][])('rejects an invalid body (%#)', (schema, body, path) => {
    expect(pathsOf(schema, body)).toContain(path);
  });
});
