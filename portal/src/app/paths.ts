/** Every page's address, in one place; links and the route table both use these. */
export const paths = {
  home: '/',
  registrations: '/registrations',
  register: '/registrations/new',
  registration: (id: string) => `/registrations/${encodeURIComponent(id)}`,
  scorecard: '/scorecard',
  apiClients: '/integrations/api-clients',
  webhooks: '/integrations/webhooks',
  callback: '/auth/callback',
  queue: '/queue',
  conflicts: '/conflicts',
  conflict: (id: string) => `/conflicts/${encodeURIComponent(id)}`,
  dealers: '/dealers',
  dealer: (id: string) => `/dealers/${encodeURIComponent(id)}`,
  businessReview: (dealerId: string, quarter: string) => `/dealers/${encodeURIComponent(dealerId)}/reviews/${quarter}`,
  ownBusinessReview: (quarter: string) => `/reviews/${quarter}`,
  forecast: '/forecast',
  kpiUploads: '/kpi-uploads',
} as const;

/** Route patterns for the router (relative to the layout). */
export const routePatterns = {
  registrations: 'registrations',
  register: 'registrations/new',
  registration: 'registrations/:id',
  scorecard: 'scorecard',
  queue: 'queue',
  conflicts: 'conflicts',
  conflict: 'conflicts/:id',
  dealers: 'dealers',
  dealer: 'dealers/:dealerId',
  businessReview: 'dealers/:dealerId/reviews/:quarter',
  ownBusinessReview: 'reviews/:quarter',
  forecast: 'forecast',
  kpiUploads: 'kpi-uploads',
  apiClients: 'integrations/api-clients',
  webhooks: 'integrations/webhooks',
} as const;
