import { createBrowserRouter, type LoaderFunction } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { PublicLayout } from '#web/components/layouts/public-layout.tsx';
import { sessionStore, useSession } from '#web/lib/session.ts';
import { DashboardPage } from '#web/features/account/pages/dashboard-page.tsx';
import { LoginPage } from '#web/features/auth/pages/login-page.tsx';
import { LostPasswordPage } from '#web/features/auth/pages/lost-password-page.tsx';
import { SetPasswordPage } from '#web/features/auth/pages/set-password-page.tsx';
import { EligibilityPage } from '#web/features/eligibility/pages/eligibility-page.tsx';
import { HomePage } from '#web/features/home/pages/home-page.tsx';
import { RegisterPage } from '#web/features/registration/pages/register-page.tsx';
import { lazyPages } from './lazy-pages.tsx';
import { queryClient } from './query-client.ts';
import { NotFoundPage, RequireSession, Restoring } from './require-session.tsx';

function Dashboard() {
  const session = useSession();
  return session.status === 'signed-in' ? <DashboardPage session={session.session} /> : null;
}

/**
 * How long a navigation waits for its page's data before showing the page in its loading state:
 * a quick answer shows the page once, complete (no loading state flashing by, and no render of
 * it beside the request); a slow one shows the loading state soon enough to answer the click.
 */
const dataWaitMs = 300;

/**
 * Pages whose data is asked for as the navigation starts, beside their chunk, rather than after
 * their first render. Only for a signed-in user (the session is restored after a full load).
 */
const loaders: Partial<Record<string, LoaderFunction>> = {
  [pagePaths.offers]: async ({ request }) => {
    if (sessionStore.get().status !== 'signed-in') return null;
    const { startOfferTab } = await import('#web/features/offers/api/use-offers.ts');
    await Promise.race([startOfferTab(queryClient, new URL(request.url)), new Promise((resolve) => setTimeout(resolve, dataWaitMs))]);
    return null;
  },
};

/**
 * Every page and its address. Addresses are French and never an API path (the gateway serves
 * the app for any GET no API route takes). They are defined once, in `functions/shared/page-paths.ts`,
 * which the e-mail links and the API's `fixAt` paths are built from too.
 */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: pagePaths.home, element: <HomePage /> },
      { path: pagePaths.eligibility, element: <EligibilityPage /> },
      { path: pagePaths.register, element: <RegisterPage /> },
      { path: pagePaths.setPassword, element: <SetPasswordPage /> },
      { path: pagePaths.login, element: <LoginPage /> },
      { path: pagePaths.lostPassword, element: <LostPasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    // Signed-in pages: addresses the e-mails link to (`/ma-situation`), behind the session check.
    element: <RequireSession />,
    // A full load of a page with a loader (`/offres`) waits for it before the first render.
    hydrateFallbackElement: <Restoring />,
    children: [
      { path: pagePaths.dashboard, element: <Dashboard /> },
      // Each signed-in area loads on first visit, or ahead of it (`preloadPages`): the entry holds the public pages and the shell only.
      ...Object.entries(lazyPages).map(([path, lazy]) => ({ path, lazy, ...(loaders[path] && { loader: loaders[path] }) })),
    ],
  },
]);
