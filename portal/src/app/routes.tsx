/** The route table: each page is its own chunk, loaded when first visited. */
import { createBrowserRouter } from 'react-router';
import { HomeByRole } from './HomeByRole.js';
import { Layout } from './Layout.js';
import { NotFoundPage } from './NotFoundPage.js';
import { routePatterns } from './paths.js';

export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, Component: HomeByRole },
      {
        path: routePatterns.registrations,
        lazy: () => import('../features/registrations/components/RegistrationsPage.js').then((m) => ({ Component: m.RegistrationsPage })),
      },
      {
        path: routePatterns.register,
        lazy: () => import('../features/registrations/components/RegisterDealPage.js').then((m) => ({ Component: m.RegisterDealPage })),
      },
      {
        path: routePatterns.registration,
        lazy: () => import('../features/registrations/components/RegistrationPage.js').then((m) => ({ Component: m.RegistrationPage })),
      },
      {
        path: routePatterns.scorecard,
        lazy: () => import('../features/scorecard/components/ScorecardPage.js').then((m) => ({ Component: m.ScorecardPage })),
      },
      { path: 'auth/callback', Component: HomeByRole },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
