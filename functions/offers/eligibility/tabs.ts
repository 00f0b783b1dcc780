import type { Geography } from '#offers/reference/geography.ts';

/**
 * Rule R7: the three tabs of the employee's offers.
 * - requested: the communes of the employee's search criteria;
 * - neighbouring: communes bordering a requested commune, not themselves requested;
 * - department: the other communes of the departments of the requested communes.
 *
 * A neighbour may lie in another department (Boulogne-Billancourt, 92, borders Paris, 75). Its
 * department is queried, to find the neighbour's offers, but the rest of that department is not a
 * tab: only the requested communes' departments make the "department" tab. So with Paris
 * requested, Rueil-Malmaison (92, not bordering Paris) is in no tab.
 */
export type Tab = 'requested' | 'neighbouring' | 'department';
export const tabs: readonly Tab[] = ['requested', 'neighbouring', 'department'];

export interface TabPlan {
  readonly requested: ReadonlySet<string>;
  readonly neighbouring: ReadonlySet<string>;
  /** Departments of the requested communes: the "department" tab. */
  readonly departments: ReadonlySet<string>;
  /** Departments to query: those of the requested communes and of their neighbours, sorted. */
  readonly departmentsToQuery: readonly string[];
}

/** Where a classified offer lies. */
export interface OfferPlace {
  /** INSEE code of the offer's commune. */
  readonly commune: string;
  readonly department: string;
}

/** The plan of the tabs for the communes the employee requested (arrondissements mapped to their commune; unknown codes ignored). */
export function planTabs(
  requestedCodes: Iterable<string>,
  geography: Pick<Geography, 'communeOf' | 'neighboursOf' | 'departmentOf'>,
): TabPlan {
  const requested = new Set<string>();
  for (const code of requestedCodes) {
    const commune = geography.communeOf(code);
    if (commune !== undefined) requested.add(commune);
  }
  const neighbouring = new Set<string>();
  for (const commune of requested) {
    for (const neighbour of geography.neighboursOf(commune)) {
      if (!requested.has(neighbour)) neighbouring.add(neighbour);
    }
  }
  const departmentsOf = (communes: Iterable<string>) =>
    [...communes].map((commune) => geography.departmentOf(commune)).filter((department) => department !== undefined);
  const departments = new Set(departmentsOf(requested));
  const departmentsToQuery = [...new Set([...departments, ...departmentsOf(neighbouring)])].sort();
  return { requested, neighbouring, departments, departmentsToQuery };
}

/** The tab an offer belongs to, or undefined when it is in none (e.g. a neighbour's department, away from the border). */
export function tabOf(offer: OfferPlace, plan: TabPlan): Tab | undefined {
  if (plan.requested.has(offer.commune)) return 'requested';
  if (plan.neighbouring.has(offer.commune)) return 'neighbouring';
  if (plan.departments.has(offer.department)) return 'department';
  return undefined;
}
