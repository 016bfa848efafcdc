/**
 * API Gateway throttling per route, on top of the stage default. Tight where a route is open to anyone or costs
 * much per call; each entry says why. Keys are route keys of the route table (the synth fails on a stale key).
 */
export interface RouteThrottle {
  /** Steady requests per second, across all callers. */
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly reason: string;
}

/** Every route not listed below: per account and region, on top of API Gateway's own account limits. */
export const DEFAULT_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

const PUBLIC = 'public: no credential, so only the rate limits stand between it and a flood';
const HEAVY = 'heavy: reads many items per call';
const BULK = 'bulk upload: one call writes many items';

export const ROUTE_THROTTLES: Readonly<Record<string, RouteThrottle>> = {
  'GET /review/{token}': { rateLimit: 10, burstLimit: 20, reason: `${PUBLIC}; a manager opens a few links an hour` },
  'HEAD /review/{token}': { rateLimit: 10, burstLimit: 20, reason: `${PUBLIC}; mail scanners probe each link once` },
  'POST /review/{token}': { rateLimit: 5, burstLimit: 10, reason: `${PUBLIC}; a decision per link, and it writes` },
  'GET /openapi.json': { rateLimit: 5, burstLimit: 10, reason: `${PUBLIC}; fetched once per integration build` },
  'POST /partner-applications': { rateLimit: 2, burstLimit: 5, reason: `${PUBLIC}; a few companies apply a day, and it writes and mails` },
  'GET /health': { rateLimit: 20, burstLimit: 40, reason: `${PUBLIC}; monitors poll it every few seconds` },
  'GET /forecast/deals': { rateLimit: 5, burstLimit: 10, reason: `${HEAVY} (every open deal of the scope, CSV)` },
  'GET /forecast': { rateLimit: 10, burstLimit: 20, reason: `${HEAVY} (aggregates of the forecast cells)` },
  'GET /forecast/accuracy': { rateLimit: 5, burstLimit: 10, reason: `${HEAVY} (snapshots against outcomes)` },
  'POST /kpi-inputs/revenue': { rateLimit: 2, burstLimit: 5, reason: `${BULK} (a CSV of revenue rows)` },
  'POST /kpi-inputs/training': { rateLimit: 2, burstLimit: 5, reason: `${BULK} (a CSV of certifications)` },
  'POST /kpi-inputs/marketing': { rateLimit: 2, burstLimit: 5, reason: `${BULK} (a CSV of activities)` },
  'POST /kpi-inputs/support': { rateLimit: 2, burstLimit: 5, reason: `${BULK} (a CSV of tickets)` },
  'POST /kpi-inputs/satisfaction': { rateLimit: 2, burstLimit: 5, reason: `${BULK} (a CSV of survey answers)` },
};
