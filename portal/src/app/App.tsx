import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { RouterProvider } from 'react-router';
import { Loading } from '../components/Loading.js';
import { SessionProvider } from '../features/auth/hooks/useSession.js';
import { ApiError } from '../lib/api-client.js';
import { paths } from './paths.js';
import { router } from './routes.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

const ApplyPage = lazy(() => import('../features/onboarding/components/ApplyPage.js').then((m) => ({ default: m.ApplyPage })));

export function App() {
  // The partner application form is public: no session, no sign-in redirect.
  if (window.location.pathname === paths.apply) {
    return (
      <Suspense fallback={<Loading />}>
        <ApplyPage />
      </Suspense>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  );
}
