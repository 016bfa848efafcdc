/** Contract of the forecast area: the aggregated forecast, its line items and its accuracy. */
import { listOf } from '../schemas/common.js';
import { AccuracyQuery, AccuracyReport, ForecastDeal, ForecastDealsQuery, ForecastQuery, ForecastReport } from '../schemas/forecast.js';
import { defineRoute } from './route-contract.js';

const common = { entry: 'functions/forecast/report.ts', auth: 'jwt', roles: ['finance', 'channel_admin'], table: 'read' } as const;

export const forecastRoutes = {
  report: defineRoute({
    ...common,
    method: 'GET',
    path: '/forecast',
    handler: 'forecast',
    summary: 'The forecast by month or quarter and any of product line, region, dealer, tier, in JSON or CSV',
    query: ForecastQuery,
    response: { status: 200, schema: ForecastReport, description: 'Rows and totals in the reporting currency (CSV: decimals)' },
  }),
  deals: defineRoute({
    ...common,
    method: 'GET',
    path: '/forecast/deals',
    handler: 'deals',
    summary: 'The forecast line items: one row per open registration expected to close in the range, paged',
    query: ForecastDealsQuery,
    response: { status: 200, schema: listOf(ForecastDeal), description: 'A page of open deals (CSV: Link rel=next)' },
  }),
  accuracy: defineRoute({
    ...common,
    method: 'GET',
    path: '/forecast/accuracy',
    handler: 'accuracy',
    summary: 'What each monthly snapshot forecast for a month, against what was won',
    query: AccuracyQuery,
    response: { status: 200, schema: AccuracyReport, description: 'Snapshots and their error' },
  }),
};
