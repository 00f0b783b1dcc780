import type { Role } from '#shared/roles.ts';
import type { NavigationItem } from '#web/components/layouts/signed-in-layout.tsx';

/** Each role's navigation in the signed-in shell; a user with several roles sees each role's items once. */
const byRole: Record<Role, readonly NavigationItem[]> = {
  employee: [
    { to: '/ma-situation', label: 'Ma situation' },
    { to: '/mes-documents', label: 'Mes documents' },
  ],
  company: [],
  landlord: [],
  commission: [],
  operator: [],
};

export function navigationFor(roles: readonly Role[]): NavigationItem[] {
  const items = [{ to: '/espace', label: 'Mon espace' }, ...roles.flatMap((role) => byRole[role])];
  return items.filter((item, index) => items.findIndex((other) => other.to === item.to) === index);
}
