import { createBrowserRouter } from 'react-router';
import { PublicLayout } from '#web/components/layouts/public-layout.tsx';
import { useSession } from '#web/lib/session.ts';
import { DashboardPage } from '#web/features/account/pages/dashboard-page.tsx';
import { LoginPage } from '#web/features/auth/pages/login-page.tsx';
import { LostPasswordPage } from '#web/features/auth/pages/lost-password-page.tsx';
import { SetPasswordPage } from '#web/features/auth/pages/set-password-page.tsx';
import { EligibilityPage } from '#web/features/eligibility/pages/eligibility-page.tsx';
import { HomePage } from '#web/features/home/pages/home-page.tsx';
import { RegisterPage } from '#web/features/registration/pages/register-page.tsx';
import { NotFoundPage, RequireSession } from './require-session.tsx';

function Dashboard() {
  const session = useSession();
  return session.status === 'signed-in' ? <DashboardPage session={session.session} /> : null;
}

/**
 * Every page and its address. Addresses are French and never an API path (the gateway serves
 * the app for any GET no API route takes); e-mails link to `/mot-de-passe`, `/mot-de-passe-oublie`, `/ma-situation`, `/mes-documents`.
 */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/eligibilite', element: <EligibilityPage /> },
      { path: '/inscription', element: <RegisterPage /> },
      { path: '/mot-de-passe', element: <SetPasswordPage /> },
      { path: '/connexion', element: <LoginPage /> },
      { path: '/mot-de-passe-oublie', element: <LostPasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    // Signed-in pages: addresses the e-mails link to (`/ma-situation`), behind the session check.
    element: <RequireSession />,
    children: [
      { path: '/espace', element: <Dashboard /> },
      // Signed-in areas load on first visit: the entry holds the public pages and the shell only.
      {
        path: '/ma-situation',
        lazy: async () => ({ Component: (await import('#web/features/situation/pages/situation-page.tsx')).SituationPage }),
      },
      {
        path: '/mes-documents',
        lazy: async () => ({ Component: (await import('#web/features/documents/pages/documents-page.tsx')).DocumentsPage }),
      },
      {
        path: '/ma-situation/modifier',
        lazy: async () => ({ Component: (await import('#web/features/situation/pages/edit-situation-page.tsx')).EditSituationPage }),
      },
    ],
  },
]);
