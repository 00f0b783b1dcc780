import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '#web/lib/api-client.ts';
import { sessionStore } from '#web/lib/session.ts';

/** A signed-in call answered 401: the session ended elsewhere (revoked, expired); the login page follows. */
const endSessionOn401 = (error: Error) => {
  if (error instanceof ApiError && error.status === 401 && sessionStore.get().status === 'signed-in') sessionStore.signOut();
};

/** The app's server state: the pages' queries, and what a route's loader starts ahead of its page. */
export const queryClient = new QueryClient({
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
