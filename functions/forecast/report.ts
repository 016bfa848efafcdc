import { forecastRoutes } from '../../shared/api/forecast.js';
import { minorToMajor, toCsv } from '../../shared/exports/csv.js';
import { forecastAccuracy, forecastDeals, forecastReport } from '../../shared/forecast/forecast-service.js';
import { httpRoute } from '../../shared/http/route-handler.js';
import type { HttpResult } from '../../shared/http/route-stack.js';

const AMOUNTS = ['pipelineValue', 'weightedValue', 'wonValue'] as const;

function csvResult(name: string, csv: string, headers: Record<string, string> = {}): HttpResult {
  return {
    status: 200,
    body: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, ...headers },
  };
}

export const forecast = httpRoute(forecastRoutes.report, async ({ query }) => {
  const report = await forecastReport({
    from: query.from,
    to: query.to,
    period: query.groupBy.period,
    dimensions: query.groupBy.dimensions,
    weighting: query.weighting,
  });
  if (query.format === 'json') return { status: 200, body: report };
  const dimensions = query.groupBy.dimensions;
  const major = (amount: number) => minorToMajor(amount, report.currency);
  const records = [...report.rows, { period: 'total', ...report.totals }].map((row) => ({
    ...row,
    ...Object.fromEntries(AMOUNTS.map((a) => [a, major(row[a])])),
    currency: report.currency,
    weighting: report.weighting,
    weightingErrorPercent: report.weightingQuality.errorPercent,
  }));
  const columns = [
    { key: 'period', header: query.groupBy.period },
    ...dimensions.map((d) => ({ key: d, header: d })),
    { key: 'openCount', header: 'openDeals' },
    { key: 'pipelineValue', header: 'pipelineValue', decimals: 2 },
    { key: 'weightedValue', header: 'weightedValue', decimals: 2 },
    { key: 'wonCount', header: 'wonDeals' },
    { key: 'wonValue', header: 'wonValue', decimals: 2 },
    { key: 'currency', header: 'currency' },
    { key: 'weighting', header: 'weighting' },
    // The weighting's mean error on the simulated network, so that a spreadsheet carries how far to trust it.
    { key: 'weightingErrorPercent', header: 'weightingErrorOnSimulationPercent' },
  ];
  return csvResult(`forecast-${query.from}-${query.to}`, toCsv(columns, records));
});

export const deals = httpRoute(forecastRoutes.deals, async ({ query }) => {
  const page = await forecastDeals({
    from: query.from,
    to: query.to,
    weighting: query.weighting,
    limit: query.limit,
    cursor: query.cursor,
  });
  const { nextCursor } = page;
  if (query.format === 'json') return { status: 200, body: { items: page.items, nextCursor } };
  const currency = page.items[0]?.currency ?? 'EUR';
  const records = page.items.map((d) => ({
    ...d,
    value: minorToMajor(d.value, currency),
    weightedValue: minorToMajor(d.weightedValue, currency),
  }));
  const columns = [
    'registrationId',
    'dealerId',
    'dealerName',
    'customerName',
    'customerCountry',
    'region',
    'products',
    'productLine',
    'stage',
    'status',
    'expectedCloseDate',
    'value',
    'weightedValue',
    'currency',
  ].map((key) => ({ key, header: key, ...(key === 'value' || key === 'weightedValue' ? { decimals: 2 } : {}) }));
  const link: Record<string, string> = nextCursor
    ? {
        link: `</forecast/deals?from=${query.from}&to=${query.to}&format=csv&weighting=${query.weighting}&limit=${query.limit}&cursor=${nextCursor}>; rel="next"`,
        'x-next-cursor': nextCursor,
      }
    : {};
  return csvResult(`forecast-deals-${query.from}-${query.to}`, toCsv(columns, records), link);
});

export const accuracy = httpRoute(forecastRoutes.accuracy, async ({ query }) => ({
  status: 200,
  body: await forecastAccuracy(query.month),
}));
