import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '#web/lib/api-client.ts';
import { sessionStore } from '#web/lib/session.ts';
import { router } from './router.tsx';

/** A signed-in call answered 401: the session ended elsewhere (revoked, expired); the login page follows. */
const endSessionOn401 = (error: Error) => {
  if (error instanceof ApiError && error.status === 401 && sessionStore.get().status === 'signed-in') sessionStore.signOut();
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: endSessionOn401 }),
  mutationCache: new MutationCache({ onError: endSessionOn401 }),
  defaultOptions: {
    // A 4xx will not change by asking again; a network failure may.
    queries: { retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500) },
    mutations: { retry: false },
  },
});

// What one user's pages fetched is never shown to the next one signing in on this tab.
sessionStore.subscribe(() => {
  if (sessionStore.get().status !== 'signed-in') queryClient.clear();
});

/** The app: server state (TanStack Query) and the pages (React Router). */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
