/** Every page's address, in one place; links and the route table both use these. */
export const paths = {
  home: '/',
  registrations: '/registrations',
  register: '/registrations/new',
  registration: (id: string) => `/registrations/${encodeURIComponent(id)}`,
  scorecard: '/scorecard',
  callback: '/auth/callback',
} as const;

/** Route patterns for the router (relative to the layout). */
export const routePatterns = {
  registrations: 'registrations',
  register: 'registrations/new',
  registration: 'registrations/:id',
  scorecard: 'scorecard',
} as const;
