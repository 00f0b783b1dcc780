import type { Role } from '#definitions/roles.ts';
import { CompanyAlreadyDeclared, type CompanyStore } from '#companies/company-store.ts';
import type { Company } from '#companies/company-store.ts';

/** Demo password of every seeded account (local cloud only; meets rule R3). */
export const demoPassword = 'DemoAlin2026';

export interface DemoAccount {
  readonly key: string;
  readonly email: string;
  readonly groups: readonly Role[];
  readonly attributes: Record<string, string>;
  readonly description: string;
}

const declaredAt = '2026-01-05T09:00:00.000Z';
const declaredBy = 'seed';

/** Companies covering rule R1's edges: eligible, too small, agricultural thresholds, non-contributor, La Poste. */
export const demoCompanies: readonly Company[] = [
  { siret: '43219876500013', name: 'Acme Logistique SAS', sector: 'private', headcount: 250, contributor: true, lastContributionEuros: 112_500, lastContributionYear: 2025, declaredAt, declaredBy },
  { siret: '51234567800019', name: 'Boulangerie du Marché', sector: 'private', headcount: 9, contributor: true, lastContributionEuros: 0, lastContributionYear: 2025, declaredAt, declaredBy },
  { siret: '78945612300015', name: 'Coopérative des Vergers', sector: 'agricultural', headcount: 49, contributor: true, lastContributionEuros: 6_000, lastContributionYear: 2025, declaredAt, declaredBy },
  { siret: '65478932100019', name: 'Domaine de la Vallée', sector: 'agricultural', headcount: 60, contributor: true, lastContributionEuros: 9_000, lastContributionYear: 2025, declaredAt, declaredBy },
  { siret: '85296374100016', name: 'Studio Graphique Indépendant', sector: 'private', headcount: 40, contributor: false, lastContributionEuros: 0, lastContributionYear: 2025, declaredAt, declaredBy },
  { siret: '35600000049837', name: 'La Poste — centre de tri', sector: 'private', headcount: 1_200, contributor: true, lastContributionEuros: 540_000, lastContributionYear: 2025, declaredAt, declaredBy },
];

export const demoAccounts: readonly DemoAccount[] = [
  { key: 'operator', email: 'operateur@demo.alin.local', groups: ['operator'], attributes: {}, description: 'Opérateur de la plateforme' },
  { key: 'company', email: 'rh@acme.demo.alin.local', groups: ['company'], attributes: { 'custom:siret': '43219876500013' }, description: 'RH d’Acme Logistique SAS' },
  { key: 'company-other', email: 'rh@boulangerie.demo.alin.local', groups: ['company'], attributes: { 'custom:siret': '51234567800019' }, description: 'RH de la Boulangerie du Marché' },
];

export interface SeedDeps {
  readonly companies: CompanyStore;
  readonly createUser: (account: DemoAccount) => Promise<void>;
}

/** Seeds the demo data; safe to run on persisted data (existing items and users are kept). */
export async function seed(deps: SeedDeps): Promise<void> {
  await Promise.all([
    ...demoCompanies.map((company) =>
      deps.companies.create(company).catch((error: unknown) => {
        if (!(error instanceof CompanyAlreadyDeclared)) throw error;
      }),
    ),
    ...demoAccounts.map((account) => deps.createUser(account)),
  ]);
}

