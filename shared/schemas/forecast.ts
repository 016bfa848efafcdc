import * as z from 'zod';

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine((m) => m >= '2000-01' && m <= '2199-12', 'must be a month between 2000-01 and 2199-12');

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** The longest range a forecast covers. */
export const MAX_FORECAST_MONTHS_APART = 36;

const DIMENSIONS = ['productLine', 'region', 'dealer', 'tier'] as const;

const Weighting = z
  .enum(['stage', 'history', 'dealer', 'calibrated'])
  .default('stage')
  .describe(
    'stage: program stage probabilities; history: dealer won ÷ closed at the stage (from 10 closed); dealer: each dealer’s win chance from its stage moves, shrunk towards the network; calibrated: dealer × the value its wins realise',
  );

const range = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ from: Month, to: Month, ...shape }).superRefine((value, ctx) => {
    const q = value as { from: string; to: string };
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (monthIndex(q.to) - monthIndex(q.from) > MAX_FORECAST_MONTHS_APART) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_FORECAST_MONTHS_APART} months after from` });
    }
  });

export const ForecastQuery = range({
  groupBy: z
    .string()
    .default('month')
    .transform((value, ctx) => {
      const [period, ...dimensions] = value.split(',').map((p) => p.trim());
      if (period !== 'month' && period !== 'quarter') {
        ctx.addIssue({ code: 'custom', message: 'must start with month or quarter, e.g. quarter,productLine,region' });
        return z.NEVER;
      }
      const unknown = dimensions.filter((d) => !(DIMENSIONS as readonly string[]).includes(d));
      if (unknown.length || new Set(dimensions).size !== dimensions.length) {
        ctx.addIssue({ code: 'custom', message: `may add each of ${DIMENSIONS.join(', ')} once` });
        return z.NEVER;
      }
      // The checks above narrowed both; the object literal would widen `period` back to string.
      return { period: period as 'month' | 'quarter', dimensions: dimensions as (typeof DIMENSIONS)[number][] };
    })
    .describe('month or quarter, then any of productLine, region, dealer, tier, comma-separated'),
  weighting: Weighting,
  format: z.enum(['json', 'csv']).default('json'),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastDealsQuery = range({
  format: z.enum(['json', 'csv']).default('json'),
  weighting: Weighting,
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  cursor: z.string().max(2048).optional(),
});
export type ForecastDealsQuery = z.infer<typeof ForecastDealsQuery>;

export const AccuracyQuery = z.strictObject({ month: Month });

const Figures = {
  openCount: z.number().int(),
  pipelineValue: z.number().int().describe('Minor units of the reporting currency'),
  weightedValue: z.number().int().describe('Pipeline × close probability (stage or dealer history), minor units'),
  wonCount: z.number().int(),
  wonValue: z.number().int().describe('Won in the period, minor units'),
};

export const ForecastReport = z.object({
  from: Month,
  to: Month,
  groupBy: z.array(z.string()),
  weighting: z.enum(['stage', 'history', 'dealer', 'calibrated']),
  weightingQuality: z
    .object({
      errorPercent: z.number().describe("Mean absolute % error of the next three months' won revenue on the simulated network"),
      calibrationGapPoints: z.number().nullable().describe('Largest gap between predicted and observed win rate over the deciles'),
      measuredOn: z.string(),
    })
    .describe('How this weighting measured on the simulated dealer network (npm run bench -- --only forecast-quality)'),
  currency: z.string(),
  rows: z.array(
    z.object({
      period: z.string(),
      productLine: z.string().optional(),
      region: z.string().optional(),
      dealer: z.string().optional(),
      tier: z.string().optional(),
      ...Figures,
    }),
  ),
  totals: z.object(Figures),
  unconvertibleCurrencies: z.array(z.string()).describe('Currencies without a rate in the program, left out of amounts'),
});

export const ForecastDeal = z.object({
  registrationId: z.string(),
  dealerId: z.string(),
  dealerName: z.string(),
  customerName: z.string(),
  customerCountry: z.string(),
  region: z.string(),
  products: z.string(),
  productLine: z.string(),
  stage: z.string(),
  status: z.string(),
  expectedCloseDate: z.string(),
  value: z.number().int(),
  weightedValue: z.number().int(),
  currency: z.string(),
});

export const AccuracyReport = z.object({
  month: Month,
  currency: z.string(),
  actualWonValue: z.number().int(),
  snapshots: z.array(
    z.object({
      takenMonth: Month,
      takenAt: z.string(),
      forecastPipelineValue: z.number().int(),
      forecastWeightedValue: z.number().int(),
      error: z.number().int().describe('actual won − weighted forecast'),
      errorPercent: z.number().nullable(),
      byWeighting: z
        .record(
          z.string(),
          z.object({ forecastWeightedValue: z.number().int(), error: z.number().int(), errorPercent: z.number().nullable() }),
        )
        .describe(
          'Each weighting the snapshot kept: stage, history, dealer, calibrated, and model (calibrated before its track-record correction)',
        ),
    }),
  ),
});
