import { pagePaths } from '#shared/page-paths.ts';
import type { Role } from '#shared/roles.ts';
import type { NavigationItem } from '#web/components/layouts/signed-in-layout.tsx';

/** Each role's navigation in the signed-in shell; a user with several roles sees each role's items once. */
const byRole: Record<Role, readonly NavigationItem[]> = {
  employee: [
    { to: pagePaths.situation, label: 'Ma situation' },
    { to: pagePaths.documents, label: 'Mes documents' },
    { to: pagePaths.offers, label: 'Offres' },
    { to: pagePaths.applications, label: 'Mes candidatures' },
    { to: pagePaths.alerts, label: 'Mes alertes' },
    { to: pagePaths.results, label: 'Résultats' },
    { to: pagePaths.myData, label: 'Mes données' },
  ],
  company: [
    { to: pagePaths.hrEmployees, label: 'Salariés' },
    { to: pagePaths.company, label: 'Entreprise' },
  ],
  landlord: [
    { to: pagePaths.landlordOffers, label: 'Mes offres' },
    { to: pagePaths.landlordImports, label: 'Imports' },
  ],
  commission: [{ to: pagePaths.commissionOffers, label: 'Offres à examiner' }],
  operator: [
    { to: pagePaths.operatorCompanies, label: 'Entreprises' },
    { to: pagePaths.operatorLandlords, label: 'Bailleurs' },
    { to: pagePaths.operatorGrids, label: 'Grille de cotation' },
    { to: pagePaths.operatorJobs, label: 'Tâches planifiées' },
    { to: pagePaths.operatorNud, label: 'Correction de NUD' },
  ],
};

export function navigationFor(roles: readonly Role[]): NavigationItem[] {
  const items = [{ to: pagePaths.dashboard, label: 'Mon espace' }, ...roles.flatMap((role) => byRole[role])];
  return items.filter((item, index) => items.findIndex((other) => other.to === item.to) === index);
}
