/**
 * The web app's page paths, defined once: the router declares its pages with them, and every
 * e-mail link and every "where to fix it" (`fixAt`) of the API is built from them, so a link
 * cannot point to a page that does not exist. French addresses, never an API path (the gateway
 * serves the app for any GET no API route takes). Browser-safe: no Node built-in.
 */
export const pagePaths = {
  home: '/',
  eligibility: '/eligibilite',
  register: '/inscription',
  setPassword: '/mot-de-passe',
  login: '/connexion',
  lostPassword: '/mot-de-passe-oublie',
  dashboard: '/espace',
  situation: '/ma-situation',
  editSituation: '/ma-situation/modifier',
  documents: '/mes-documents',
  offers: '/offres',
  offer: '/offres/:offerId',
  applications: '/mes-candidatures',
  alerts: '/mes-alertes',
  results: '/resultats',
  myData: '/mes-donnees',
  hrEmployees: '/entreprise/salaries',
  company: '/entreprise',
  landlordOffers: '/bailleur/offres',
  landlordNewOffer: '/bailleur/offres/nouvelle',
  landlordOffer: '/bailleur/offres/:offerId',
  landlordEditOffer: '/bailleur/offres/:offerId/modifier',
  landlordImports: '/bailleur/imports',
  landlordImport: '/bailleur/imports/:importId',
  commissionOffers: '/commission/offres',
  commissionOffer: '/commission/offres/:offerId',
  operatorCompanies: '/operateur/entreprises',
  operatorCompany: '/operateur/entreprises/:siret',
  operatorLandlords: '/operateur/bailleurs',
  operatorLandlord: '/operateur/bailleurs/:landlordId',
  operatorGrids: '/operateur/grille',
  operatorJobs: '/operateur/taches',
  operatorNud: '/operateur/nud',
} as const;

export type PagePath = (typeof pagePaths)[keyof typeof pagePaths];

/** The parameters a path pattern takes: `'/offres/:offerId'` → `'offerId'`. */
type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type ParamArgs<P extends string> = [ParamsOf<P>] extends [never] ? [] : [params: Record<ParamsOf<P>, string>];

/** An address of one of the app's pages, parameters filled in: only `pagePath` makes one. */
export type PageAddress = string & { readonly __page: true };

/** A page's address with its parameters filled in: `pagePath(pagePaths.offer, { offerId })` → `/offres/ab12`. */
export function pagePath<P extends PagePath>(path: P, ...[params]: ParamArgs<P>): PageAddress {
  const values = (params ?? {}) as Record<string, string>;
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? '')) as PageAddress;
}

/** The full URL an e-mail carries: the app's base URL (`APP_URL`), the page, and an optional query. */
export const pageUrl = (appUrl: string, page: PageAddress, query?: Record<string, string>): string =>
  `${appUrl}${page}${query ? `?${new URLSearchParams(query)}` : ''}`;
