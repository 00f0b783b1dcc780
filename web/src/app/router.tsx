import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
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

/** The offer manager's page of an offer, or the commission's for a commission member who does not manage offers. */
function pageByRole(LandlordPage: ComponentType, CommissionPage: ComponentType): ComponentType {
  return function OfferPageByRole() {
    const session = useSession();
    const roles = session.status === 'signed-in' ? session.session.roles : [];
    return roles.includes('commission') && !roles.includes('landlord') ? <CommissionPage /> : <LandlordPage />;
  };
}

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
    children: [
      { path: pagePaths.dashboard, element: <Dashboard /> },
      // Signed-in areas load on first visit: the entry holds the public pages and the shell only.
      {
        path: pagePaths.situation,
        lazy: async () => ({ Component: (await import('#web/features/situation/pages/situation-page.tsx')).SituationPage }),
      },
      {
        path: pagePaths.documents,
        lazy: async () => ({ Component: (await import('#web/features/documents/pages/documents-page.tsx')).DocumentsPage }),
      },
      {
        path: pagePaths.editSituation,
        lazy: async () => ({ Component: (await import('#web/features/situation/pages/edit-situation-page.tsx')).EditSituationPage }),
      },
      // The employee's offers, applications, alerts, results and personal data.
      {
        path: pagePaths.offers,
        lazy: async () => ({ Component: (await import('#web/features/offers/pages/offers-page.tsx')).OffersPage }),
      },
      {
        path: pagePaths.offer,
        lazy: async () => ({ Component: (await import('#web/features/offers/pages/offer-page.tsx')).OfferPage }),
      },
      {
        path: pagePaths.applications,
        lazy: async () => ({ Component: (await import('#web/features/applications/pages/applications-page.tsx')).ApplicationsPage }),
      },
      {
        path: pagePaths.alerts,
        lazy: async () => ({ Component: (await import('#web/features/alerts/pages/alerts-page.tsx')).AlertsPage }),
      },
      {
        path: pagePaths.results,
        lazy: async () => ({ Component: (await import('#web/features/results/pages/results-page.tsx')).ResultsPage }),
      },
      // The landlord's offers, imports and offer history; the commission's files and ranking.
      {
        path: pagePaths.landlordOffers,
        lazy: async () => ({ Component: (await import('#web/features/landlord/pages/offers-page.tsx')).OffersPage }),
      },
      {
        path: pagePaths.landlordNewOffer,
        lazy: async () => ({ Component: (await import('#web/features/landlord/pages/new-offer-page.tsx')).NewOfferPage }),
      },
      {
        path: pagePaths.landlordOffer,
        // The offer manager's and the commission's e-mails both link here: each role sees its own page.
        lazy: async () => {
          const [landlord, commission] = await Promise.all([
            import('#web/features/landlord/pages/offer-page.tsx'),
            import('#web/features/commission/pages/commission-offer-page.tsx'),
          ]);
          return { Component: pageByRole(landlord.OfferPage, commission.CommissionOfferPage) };
        },
      },
      {
        path: pagePaths.landlordEditOffer,
        lazy: async () => ({ Component: (await import('#web/features/landlord/pages/edit-offer-page.tsx')).EditOfferPage }),
      },
      {
        path: pagePaths.landlordImports,
        lazy: async () => ({ Component: (await import('#web/features/landlord/pages/imports-page.tsx')).ImportsPage }),
      },
      {
        path: pagePaths.landlordImport,
        lazy: async () => ({ Component: (await import('#web/features/landlord/pages/import-page.tsx')).ImportPage }),
      },
      {
        path: pagePaths.commissionOffers,
        lazy: async () => ({ Component: (await import('#web/features/commission/pages/commission-offers-page.tsx')).CommissionOffersPage }),
      },
      {
        path: pagePaths.commissionOffer,
        lazy: async () => ({ Component: (await import('#web/features/commission/pages/commission-offer-page.tsx')).CommissionOfferPage }),
      },
      {
        path: pagePaths.myData,
        lazy: async () => ({ Component: (await import('#web/features/privacy/pages/privacy-page.tsx')).PrivacyPage }),
      },
      // Company HR: the employees awaiting confirmation (the HR digest's link) and the company's figures.
      {
        path: pagePaths.hrEmployees,
        lazy: async () => ({ Component: (await import('#web/features/company-hr/pages/employees-page.tsx')).EmployeesPage }),
      },
      {
        path: pagePaths.company,
        lazy: async () => ({ Component: (await import('#web/features/company-hr/pages/company-page.tsx')).CompanyPage }),
      },
      // Operator: companies, landlords and their users, scoring grids, scheduled jobs, NUD corrections.
      {
        path: pagePaths.operatorCompanies,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/companies-page.tsx')).CompaniesPage }),
      },
      {
        path: pagePaths.operatorCompany,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/company-page.tsx')).OperatorCompanyPage }),
      },
      {
        path: pagePaths.operatorLandlords,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/landlords-page.tsx')).LandlordsPage }),
      },
      {
        path: pagePaths.operatorLandlord,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/landlord-page.tsx')).OperatorLandlordPage }),
      },
      {
        path: pagePaths.operatorGrids,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/grids-page.tsx')).GridsPage }),
      },
      {
        path: pagePaths.operatorJobs,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/jobs-page.tsx')).JobsPage }),
      },
      {
        path: pagePaths.operatorNud,
        lazy: async () => ({ Component: (await import('#web/features/operator/pages/nud-page.tsx')).NudCorrectionPage }),
      },
    ],
  },
]);
