import type { ComponentType } from 'react';
import { pagePaths } from '#shared/page-paths.ts';
import { useSession } from '#web/lib/session.ts';

/** What a lazy route resolves to (React Router's `lazy`). */
type LazyPage = () => Promise<{ Component: ComponentType }>;

/** The offer manager's page of an offer, or the commission's for a commission member who does not manage offers. */
function pageByRole(LandlordPage: ComponentType, CommissionPage: ComponentType): ComponentType {
  return function OfferPageByRole() {
    const session = useSession();
    const roles = session.status === 'signed-in' ? session.session.roles : [];
    return roles.includes('commission') && !roles.includes('landlord') ? <CommissionPage /> : <LandlordPage />;
  };
}

/**
 * The signed-in pages, by address, each in a chunk of its own: the entry holds the public pages
 * and the shell only. The router loads one on first visit; `preloadPages` loads them earlier.
 */
export const lazyPages = {
  [pagePaths.situation]: async () => ({ Component: (await import('#web/features/situation/pages/situation-page.tsx')).SituationPage }),
  [pagePaths.documents]: async () => ({ Component: (await import('#web/features/documents/pages/documents-page.tsx')).DocumentsPage }),
  [pagePaths.editSituation]: async () => ({
    Component: (await import('#web/features/situation/pages/edit-situation-page.tsx')).EditSituationPage,
  }),
  // The employee's offers, applications, alerts, results and personal data.
  [pagePaths.offers]: async () => ({ Component: (await import('#web/features/offers/pages/offers-page.tsx')).OffersPage }),
  [pagePaths.offer]: async () => ({ Component: (await import('#web/features/offers/pages/offer-page.tsx')).OfferPage }),
  [pagePaths.applications]: async () => ({
    Component: (await import('#web/features/applications/pages/applications-page.tsx')).ApplicationsPage,
  }),
  [pagePaths.alerts]: async () => ({ Component: (await import('#web/features/alerts/pages/alerts-page.tsx')).AlertsPage }),
  [pagePaths.results]: async () => ({ Component: (await import('#web/features/results/pages/results-page.tsx')).ResultsPage }),
  // The landlord's offers, imports and offer history; the commission's files and ranking.
  [pagePaths.landlordOffers]: async () => ({ Component: (await import('#web/features/landlord/pages/offers-page.tsx')).OffersPage }),
  [pagePaths.landlordNewOffer]: async () => ({
    Component: (await import('#web/features/landlord/pages/new-offer-page.tsx')).NewOfferPage,
  }),
  // The offer manager's and the commission's e-mails both link here: each role sees its own page.
  [pagePaths.landlordOffer]: async () => {
    const [landlord, commission] = await Promise.all([
      import('#web/features/landlord/pages/offer-page.tsx'),
      import('#web/features/commission/pages/commission-offer-page.tsx'),
    ]);
    return { Component: pageByRole(landlord.OfferPage, commission.CommissionOfferPage) };
  },
  [pagePaths.landlordEditOffer]: async () => ({
    Component: (await import('#web/features/landlord/pages/edit-offer-page.tsx')).EditOfferPage,
  }),
  [pagePaths.landlordImports]: async () => ({ Component: (await import('#web/features/landlord/pages/imports-page.tsx')).ImportsPage }),
  [pagePaths.landlordImport]: async () => ({ Component: (await import('#web/features/landlord/pages/import-page.tsx')).ImportPage }),
  [pagePaths.commissionOffers]: async () => ({
    Component: (await import('#web/features/commission/pages/commission-offers-page.tsx')).CommissionOffersPage,
  }),
  [pagePaths.commissionOffer]: async () => ({
    Component: (await import('#web/features/commission/pages/commission-offer-page.tsx')).CommissionOfferPage,
  }),
  [pagePaths.myData]: async () => ({ Component: (await import('#web/features/privacy/pages/privacy-page.tsx')).PrivacyPage }),
  // Company HR: the employees awaiting confirmation (the HR digest's link) and the company's figures.
  [pagePaths.hrEmployees]: async () => ({ Component: (await import('#web/features/company-hr/pages/employees-page.tsx')).EmployeesPage }),
  [pagePaths.company]: async () => ({ Component: (await import('#web/features/company-hr/pages/company-page.tsx')).CompanyPage }),
  // Operator: companies, landlords and their users, scoring grids, scheduled jobs, NUD corrections.
  [pagePaths.operatorCompanies]: async () => ({
    Component: (await import('#web/features/operator/pages/companies-page.tsx')).CompaniesPage,
  }),
  [pagePaths.operatorCompany]: async () => ({
    Component: (await import('#web/features/operator/pages/company-page.tsx')).OperatorCompanyPage,
  }),
  [pagePaths.operatorLandlords]: async () => ({
    Component: (await import('#web/features/operator/pages/landlords-page.tsx')).LandlordsPage,
  }),
  [pagePaths.operatorLandlord]: async () => ({
    Component: (await import('#web/features/operator/pages/landlord-page.tsx')).OperatorLandlordPage,
  }),
  [pagePaths.operatorGrids]: async () => ({ Component: (await import('#web/features/operator/pages/grids-page.tsx')).GridsPage }),
  [pagePaths.operatorJobs]: async () => ({ Component: (await import('#web/features/operator/pages/jobs-page.tsx')).JobsPage }),
  [pagePaths.operatorNud]: async () => ({ Component: (await import('#web/features/operator/pages/nud-page.tsx')).NudCorrectionPage }),
} satisfies Record<string, LazyPage>;

const lazyPageAt: Readonly<Record<string, LazyPage | undefined>> = lazyPages;

/**
 * Loads the pages at these addresses ahead of a click: the browser keeps each module once loaded,
 * so the router's `lazy` then resolves at once. A page that fails to load here is asked for again
 * by the router on the click, which shows its error.
 */
export function preloadPages(paths: readonly string[]): Promise<unknown> {
  return Promise.all(paths.map((path) => lazyPageAt[path]?.().catch(() => undefined)));
}

/**
 * Preloads the pages one per idle period (the navigation's, once signed in), in their order:
 * each chunk's evaluation is a task of its own, so a click or a key press is never held behind
 * them all; and none starts while `busy()` (a request the user waits for, a navigation), whose
 * answer it would delay. Returns the cancel.
 */
export function preloadWhenIdle(paths: readonly string[], busy: () => boolean): () => void {
  let cancelNext: () => void = () => undefined;
  let cancelled = false;
  const preloadFrom = (index: number) => {
    const path = paths[index];
    if (cancelled || path === undefined) return;
    cancelNext = whenIdle(() => {
      if (busy()) preloadFrom(index);
      else void preloadPages([path]).then(() => preloadFrom(index + 1));
    });
  };
  preloadFrom(0);
  return () => {
    cancelled = true;
    cancelNext();
  };
}

/** Runs `task` when the browser is idle (the page on screen has rendered and fetched), or soon where it cannot tell. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}
