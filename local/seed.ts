import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { routes } from '#definitions/routes.ts';
import type { Role } from '#shared/roles.ts';
import { CompanyAlreadyDeclared, type CompanyStore } from '#companies/company-store.ts';
import type { Company } from '#companies/company-store.ts';
import { documentRules, requiredDocumentTypes, type DocumentType } from '#housing-file/document-rules.ts';
import { documentStore, documentToItem } from '#housing-file/document-store.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { situationStore } from '#housing-file/situation-store.ts';
import { renewNud, replaceSituation } from '#housing-file/situation-use-cases.ts';
import { employeeToItem, type Employee } from '#identity/employee-store.ts';
import { LandlordExists, landlordStore, landlordUserToItem } from '#landlords/landlord-store.ts';
import type { LifecycleStarter } from '#offers/lifecycle-starter.ts';
import { offerRules } from '#offers/offer-rules.ts';
import { offerStore } from '#offers/offer-store.ts';
import { createOffer, publishOffer } from '#offers/offer-use-cases.ts';
import { ConflictError } from '#shared/errors.ts';
import { backfillListKeys } from './backfill-list-keys.ts';
import { demoLandlordList, demoOfferId, demoOffers } from './seed-offers.ts';

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
  {
    siret: '43219876500013',
    name: 'Acme Logistique SAS',
    sector: 'private',
    headcount: 250,
    contributor: true,
    lastContributionEuros: 112_500,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
  {
    siret: '51234567800019',
    name: 'Boulangerie du Marché',
    sector: 'private',
    headcount: 9,
    contributor: true,
    lastContributionEuros: 0,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
  {
    siret: '78945612300015',
    name: 'Coopérative des Vergers',
    sector: 'agricultural',
    headcount: 49,
    contributor: true,
    lastContributionEuros: 6_000,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
  {
    siret: '65478932100019',
    name: 'Domaine de la Vallée',
    sector: 'agricultural',
    headcount: 60,
    contributor: true,
    lastContributionEuros: 9_000,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
  {
    siret: '85296374100016',
    name: 'Studio Graphique Indépendant',
    sector: 'private',
    headcount: 40,
    contributor: false,
    lastContributionEuros: 0,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
  {
    siret: '35600000049837',
    name: 'La Poste — centre de tri',
    sector: 'private',
    headcount: 1_200,
    contributor: true,
    lastContributionEuros: 540_000,
    lastContributionYear: 2025,
    declaredAt,
    declaredBy,
  },
];

export const demoAccounts: readonly DemoAccount[] = [
  { key: 'operator', email: 'operateur@demo.alin.local', groups: ['operator'], attributes: {}, description: 'Opérateur de la plateforme' },
  {
    key: 'company',
    email: 'rh@acme.demo.alin.local',
    groups: ['company'],
    attributes: { 'custom:siret': '43219876500013' },
    description: 'RH d’Acme Logistique SAS',
  },
  {
    key: 'company-other',
    email: 'rh@boulangerie.demo.alin.local',
    groups: ['company'],
    attributes: { 'custom:siret': '51234567800019' },
    description: 'RH de la Boulangerie du Marché',
  },
  {
    key: 'employee',
    email: 'camille.martin@demo.alin.local',
    groups: ['employee'],
    attributes: {},
    description: 'Salariée d’Acme, dossier complet',
  },
  {
    key: 'employee-incomplete',
    email: 'lucas.bernard@demo.alin.local',
    groups: ['employee'],
    attributes: {},
    description: 'Salarié d’Acme, dossier incomplet',
  },
  ...demoLandlordAccounts(),
];

/** The demo employees' files: one complete, one waiting for payslips and the employer's confirmation. */
interface DemoFile {
  readonly account: string;
  readonly profile: Omit<Employee, 'id' | 'email' | 'registeredAt' | 'consent' | 'account'>;
  readonly situation: unknown;
  readonly documents: readonly DocumentType[];
}

const demoFiles: readonly DemoFile[] = [
  {
    account: 'employee',
    profile: {
      civility: 'Mme',
      lastName: 'Martin',
      firstName: 'Camille',
      phone: '+33612345678',
      nud: '0751225000123456',
      siret: '43219876500013',
      employment: { status: 'CONFIRMED', decidedAt: declaredAt },
      recommendedAt: declaredAt,
    },
    situation: {
      nud: { firstRegisteredOn: '2024-02-01' },
      household: {
        members: [
          { relationship: 'applicant', birthDate: '1996-05-14', disability: false },
          { relationship: 'child', birthDate: '2021-11-02', disability: false },
        ],
      },
      income: { rfrN2: 24_500 },
      employment: { kind: 'CDI', startDate: '2022-01-10', trialPeriod: { ongoing: false } },
      mainResidence: true,
      searchCriteria: {
        kinds: ['apartment'],
        typologies: ['T2', 'T3'],
        communes: ['75056', '92012', '92040'],
        minSurfaceM2: 40,
        maxRentEuros: 950,
      },
    },
    documents: requiredDocumentTypes(documentRules),
  },
  {
    account: 'employee-incomplete',
    profile: {
      civility: 'M',
      lastName: 'Bernard',
      firstName: 'Lucas',
      phone: '+33698765432',
      nud: '0931225000654321',
      siret: '43219876500013',
      employment: { status: 'PENDING' },
    },
    situation: {
      nud: { firstRegisteredOn: '2025-09-15' },
      household: { members: [{ relationship: 'applicant', birthDate: '2001-03-03', disability: false }] },
      income: { rfrN2: 19_800 },
      employment: { kind: 'CDD', startDate: '2025-06-01', endDate: '2026-12-31', trialPeriod: { ongoing: false } },
      mainResidence: true,
      searchCriteria: { kinds: ['apartment'], typologies: ['T1', 'T2'], communes: ['93066'], minSurfaceM2: 20, maxRentEuros: 650 },
    },
    documents: ['identity', 'tax-notice', 'nud-certificate'],
  },
];

export interface SeedDeps {
  readonly companies: CompanyStore;
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Creates (or finds) the account; returns its Cognito `sub`. */
  readonly createUser: (account: DemoAccount) => Promise<string>;
  /** Starts the lifecycle of each published demo offer, as publication does. */
  readonly lifecycle: LifecycleStarter;
  /** The configured application window (`APPLICATION_WINDOW`): seeded offers close as published ones do. */
  readonly applicationWindow: string;
  readonly now: () => Date;
}

/**
 * Seeds the demo data; safe to run on persisted data (existing items and users are kept).
 * Employees' situations go through the same use case and schema as `PUT /me/situation`.
 */
export async function seed(deps: SeedDeps): Promise<void> {
  const subs = new Map<string, string>();
  // Data kept from a run before the operator's lists: its companies and landlords join them.
  await backfillListKeys(deps.db, deps.tableName);
  await Promise.all([
    ...demoCompanies.map((company) =>
      deps.companies.create(company).catch((error: unknown) => {
        if (!(error instanceof CompanyAlreadyDeclared)) throw error;
      }),
    ),
    ...demoAccounts.map(async (account) => subs.set(account.key, await deps.createUser(account))),
  ]);
  const now = deps.now().toISOString();
  for (const file of demoFiles) {
    const account = demoAccounts.find((candidate) => candidate.key === file.account);
    if (!account) throw new Error(`Demo file for ${file.account}: no demo account has that key.`);
    const id = subs.get(account.key);
    if (id === undefined) throw new Error(`Demo account ${account.key} was not created.`);
    const employee: Employee = {
      ...file.profile,
      id,
      email: account.email,
      registeredAt: declaredAt,
      consent: { acceptedAt: declaredAt, textVersion: 'demo' },
      account: 'ACTIVE',
    };
    try {
      await deps.db.send(
        new PutCommand({ TableName: deps.tableName, Item: employeeToItem(employee), ConditionExpression: 'attribute_not_exists(PK)' }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    const situationDeps = {
      situations: situationStore(deps.db, deps.tableName),
      documents: documentStore(deps.db, deps.tableName),
      rules: situationRules,
      now: deps.now,
    };
    await replaceSituation(situationDeps, id, routes.putSituation.request.body.parse(file.situation));
    // Renewed two months ago, whenever the demo runs: the NUD stays valid (rule R4).
    const renewedOn = new Date(deps.now().getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
    await renewNud(situationDeps, id, routes.renewNud.request.body.parse({ renewedOn }));
    for (const item of receivedDocumentItems(id, file.documents, now, 'demo')) {
      await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: item }));
    }
  }
  await seedLandlordsAndOffers(deps);
  // The demo landlords' users, as an invitation records them: the lifecycle e-mails them.
  for (const account of demoAccounts) {
    const landlordId = account.attributes['custom:landlordId'];
    const role = account.groups.find((group) => group === 'landlord' || group === 'commission');
    const userId = subs.get(account.key);
    if (!landlordId || !role) continue;
    if (userId === undefined) throw new Error(`Demo account ${account.key} was not created.`);
    const user = {
      email: account.email,
      landlordId,
      role,
      userId,
      invitedAt: declaredAt,
      invitedBy: declaredBy,
      linkValidUntil: declaredAt,
    };
    await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: landlordUserToItem(user) }));
  }
}

// --- Landlords and their published offers (issue 4) ---------------------------------------------

function demoLandlordAccounts(): DemoAccount[] {
  return demoLandlordList().flatMap((landlord) =>
    (['landlord', 'commission'] as const).map((role) => ({
      key: `${role}${landlord.key}`,
      email: `${role === 'landlord' ? 'offres' : 'commission'}@${landlord.domain}.demo.alin.local`,
      groups: [role],
      attributes: { 'custom:landlordId': landlord.landlordId },
      description: `${role === 'landlord' ? 'Gestionnaire des offres' : 'Commission d’attribution'} de ${landlord.name}`,
    })),
  );
}

/**
 * Seeds the demo landlords and about 50 published offers through the offer use cases (same
 * checks as the routes). Idempotent: existing landlords and references are kept, a seeded draft
 * left by an interrupted run is published.
 */
export async function seedLandlordsAndOffers(
  deps: Pick<SeedDeps, 'db' | 'tableName' | 'now' | 'lifecycle' | 'applicationWindow'>,
): Promise<void> {
  const landlords = landlordStore(deps.db, deps.tableName);
  for (const { landlordId, name, siren } of demoLandlordList()) {
    await landlords.create({ landlordId, name, siren, createdAt: declaredAt, createdBy: declaredBy }).catch((error: unknown) => {
      if (!(error instanceof LandlordExists)) throw error;
    });
  }
  const offers = offerStore(deps.db, deps.tableName);
  await Promise.all(
    demoOffers().map(async ({ landlordId, body, publishedDaysAgo }) => {
      const offerDeps = {
        offers,
        rules: { ...offerRules, applicationWindow: deps.applicationWindow },
        lifecycle: deps.lifecycle,
        now: () => new Date(deps.now().getTime() - publishedDaysAgo * 86_400_000),
        newId: () => demoOfferId(landlordId, body.externalReference),
      };
      const caller = { userId: declaredBy, roles: ['landlord' as const], landlordId };
      const created = await createOffer(offerDeps, routes.createLandlordOffer.request.body.parse(body), caller).catch((error: unknown) => {
        if (error instanceof ConflictError) return undefined;
        throw error;
      });
      await publishOffer(offerDeps, created?.offerId ?? offerDeps.newId(), caller);
    }),
  );
}

/**
 * Items of documents already received, one per type, as the upload rule leaves them: the demo
 * files, the demo scenario's employees and the tests' complete files start from them.
 */
export function receivedDocumentItems(employeeId: string, types: readonly DocumentType[], at: string, idPrefix: string) {
  return types.map((type, index) =>
    documentToItem({
      employeeId,
      documentId: `${idPrefix}-${index}`,
      type,
      status: 'RECEIVED',
      contentType: 'application/pdf',
      sizeBytes: 1024,
      requestedAt: at,
      receivedAt: at,
    }),
  );
}
