import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routeList, type RouteId } from '#definitions/routes.ts';
import { demoLandlordList } from '#local/seed-offers.ts';
import { type Caller, type ExpectedOutcome, expectedOutcome, type Tenancy } from '#shared/authorization-rules.ts';
import { employeeWithCompleteFile, matchingOffer } from '../applications/support.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { createTestEmployee, situationBody } from '../support/employees.ts';
import { uniqueSiret } from '../support/sirets.ts';

/**
 * Issue 12 §8: every route × every caller × {own object, another tenant's object}, the expected
 * outcome derived from the route's `access` and `owner` declarations (`expectedOutcome`). The
 * callers act for tenant A (the demo company, landlord and commission, an employee of this file);
 * "own" path ids name tenant A's objects, "other" ones tenant B's. State-changing routes act only
 * on objects this file created (its employees, offers and imports) or create new ones.
 */

const callers: readonly Caller[] = ['anonymous', 'employee', 'company', 'landlord', 'commission', 'operator'];
const tenancies: readonly Tenancy[] = ['own', 'other'];
const [landlordA, landlordB] = demoLandlordList();

type Ids = Record<string, string>;
interface Request {
  readonly body?: unknown;
  /** Path parameters other than the tenant's ids of the matrix. */
  readonly params?: Ids;
}

/** A valid request per route (the minimal one the schema accepts), where the path alone is not enough. */
const samples: Partial<Record<RouteId, (ids: Ids) => Request>> = {
  login: () => {
    const account = cloud().demoAccounts.find((candidate) => candidate.key === 'employee-incomplete');
    return { body: { email: account?.email, password: cloud().demoPassword } };
  },
  // Refused by the schema (400): the matrix checks no 401/403/404, without creating an account.
  register: () => ({ body: {} }),
  setPassword: () => ({ body: { token: 'matrice', password: 'MotDePasseMatrice2026' } }),
  createCompany: () => ({
    body: {
      siret: uniqueSiret(),
      name: 'Entreprise de la matrice',
      sector: 'private',
      headcount: 40,
      contributor: true,
      lastContributionEuros: 9_000,
      lastContributionYear: 2025,
    },
  }),
  inviteHrUser: () => ({ body: { email: `rh.matrice.${randomUUID()}@example.org` } }),
  decideEmployment: () => ({ body: { decision: 'confirmed' } }),
  // An offer of its own: the application ids are the offer ids, so applying to the other
  // tenant's applied offer would make that application the caller's own.
  applyToOffer: (ids) => ({ params: { offerId: ids.offerToApply ?? '' } }),
  putSituation: () => ({
    body: situationBody({
      nudRegisteredDaysAgo: 60,
      members: { applicant: '1996-05-14', child: '2021-11-02' },
      rfrN2: 24_500,
      contractStart: '2022-01-10',
      searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
    }),
  }),
  renewNud: () => ({ body: {} }),
  requestDocumentUpload: () => ({ body: { type: 'identity', contentType: 'application/pdf', sizeBytes: 4 } }),
  createLandlord: () => ({ body: { name: 'Bailleur de la matrice' } }),
  inviteLandlordUser: () => ({ body: { email: `commission.matrice.${randomUUID()}@example.org`, role: 'commission' } }),
  createLandlordOffer: () => ({ body: matchingOffer() }),
  updateLandlordOffer: () => ({ body: { rentEuros: 400 } }),
  decideCommission: () => ({ body: { ranking: [], exclusions: [] } }),
  republishOffer: () => ({ body: {} }),
  requestLandlordImport: () => ({ body: { format: 'csv', filename: 'matrice.csv', sizeBytes: 1234 } }),
  putAlerts: () => ({ body: { enabled: false } }),
  // Refused by the schema (400): publishing a grid would change every other file's scoring.
  publishScoringGrid: () => ({ body: {} }),
  // The seeded companies pay the PEEC already: a valid update that changes nothing.
  updateCompany: () => ({ body: { contributor: true } }),
};

/**
 * Public routes with failure limits (per address, per e-mail) shared by every test file, and no
 * authorizer: one request stands for the 12 cells.
 */
const sentOnce: readonly RouteId[] = ['login', 'setPassword'];

type Answer = '2xx' | '401' | '403' | '404' | 'other';
/** The answers each refusal may take (`not-yours`: 403, or 404 where the route hides the id). */
const refusals: Record<Exclude<ExpectedOutcome, 'allowed'>, readonly Answer[]> = {
  unauthenticated: ['401'],
  forbidden: ['403'],
  'not-yours': ['403', '404'],
};
const classify = (status: number): Answer =>
  status >= 200 && status < 300 ? '2xx' : status === 401 || status === 403 || status === 404 ? (String(status) as Answer) : 'other';

async function createOffer(account: string): Promise<string> {
  const token = await tokenOf(account);
  const created = await api('POST', '/landlord/offers', { token, body: matchingOffer() });
  if (created.status !== 201) throw new Error(`offer of ${account}: ${created.status} ${JSON.stringify(created.body)}`);
  const offerId = created.body.offerId as string;
  const published = await api('POST', `/landlord/offers/${offerId}/publish`, { token });
  if (published.status !== 200) throw new Error(`publication of ${account}: ${published.status}`);
  return offerId;
}

async function createImport(account: string): Promise<string> {
  const requested = await api('POST', '/landlord/imports', {
    token: await tokenOf(account),
    body: { format: 'csv', filename: 'matrice.csv', sizeBytes: 1234 },
  });
  if (requested.status !== 201) throw new Error(`import of ${account}: ${requested.status}`);
  return requested.body.importId as string;
}

async function apply(token: string, offerId: string): Promise<void> {
  const applied = await api('POST', `/offers/${offerId}/applications`, { token });
  if (applied.status !== 201) throw new Error(`application: ${applied.status} ${JSON.stringify(applied.body)}`);
}

describe('authorization matrix (issue 12 §8)', () => {
  it('answers every route, caller and tenant as the route declarations say', async () => {
    const [
      offerA,
      offerB,
      offerToApplyA,
      offerToApplyB,
      importA,
      importB,
      applicantA,
      applicantB,
      staffOwn,
      staffOther,
      erasedOwn,
      erasedOther,
    ] = await Promise.all([
      createOffer('landlord'),
      createOffer('landlord-other'),
      createOffer('landlord'),
      createOffer('landlord-other'),
      createImport('landlord'),
      createImport('landlord-other'),
      employeeWithCompleteFile(),
      employeeWithCompleteFile(),
      createTestEmployee({ employee: { siret: '43219876500013' } }),
      createTestEmployee({ employee: { siret: '51234567800019' } }),
      createTestEmployee(),
      createTestEmployee(),
    ]);
    await Promise.all([apply(applicantA.token, offerA), apply(applicantB.token, offerB)]);
    const ids: Record<Tenancy, Ids> = {
      own: {
        siret: '43219876500013',
        employeeId: staffOwn.id,
        offerId: offerA,
        applicationId: offerA,
        importId: importA,
        landlordId: landlordA?.landlordId ?? '',
        offerToApply: offerToApplyA,
      },
      other: {
        siret: '51234567800019',
        employeeId: staffOther.id,
        offerId: offerB,
        applicationId: offerB,
        importId: importB,
        landlordId: landlordB?.landlordId ?? '',
        offerToApply: offerToApplyB,
      },
    };
    const roleTokens: Record<Exclude<Caller, 'anonymous' | 'employee'>, string> = {
      company: await tokenOf('company'),
      landlord: await tokenOf('landlord'),
      commission: await tokenOf('commission'),
      operator: await tokenOf('operator'),
    };
    // DELETE /me erases its caller: fresh employees there, the applicant elsewhere.
    const tokenFor = (routeId: RouteId, caller: Caller, tenancy: Tenancy): string | undefined => {
      if (caller === 'anonymous') return undefined;
      if (caller !== 'employee') return roleTokens[caller];
      if (routeId === 'eraseMe') return tenancy === 'own' ? erasedOwn.token : erasedOther.token;
      return applicantA.token;
    };

    const cells: { cell: string; expected: ExpectedOutcome; answer: Answer; status: number }[] = [];
    let sent = 0;
    // Route by route, in the table's order (apply, withdraw, then accept: the lifecycle answers
    // 409 to the legitimate caller), the 12 cells of a route at once.
    for (const route of routeList) {
      const once = sentOnce.includes(route.id);
      let first: Promise<number> | undefined;
      await Promise.all(
        callers.flatMap((caller) =>
          tenancies.map(async (tenancy) => {
            const sample = samples[route.id]?.(ids[tenancy]) ?? {};
            const params = { ...ids[tenancy], ...sample.params };
            const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
            const call = async () => {
              sent += 1;
              return (await api(route.method, path, { token: tokenFor(route.id, caller, tenancy), body: sample.body })).status;
            };
            if (once) first ??= call();
            const status = await (first ?? call());
            const expected = expectedOutcome(route, caller, tenancy);
            cells.push({
              cell: `${route.method} ${route.path} ${caller} ${tenancy}`,
              expected,
              answer: classify(status),
              status,
            });
          }),
        ),
      );
    }

    const unexpected2xx = cells.filter((cell) => cell.expected !== 'allowed' && cell.answer === '2xx');
    const unexpectedRefusals = cells.filter((cell) => cell.expected === 'allowed' && ['401', '403', '404'].includes(cell.answer));
    // A refusal with another status (a 400 to a role that should get 403, a 404 for a 401…).
    const otherRefusals = cells.filter((cell) => cell.expected !== 'allowed' && !refusals[cell.expected].includes(cell.answer));
    const expected2xx = cells.filter((cell) => cell.expected === 'allowed').length;
    const got2xx = cells.filter((cell) => cell.answer === '2xx').length;
    const serverErrors = cells.filter((cell) => cell.status >= 500);
    console.log(
      `matrix: ${routeList.length} routes × ${callers.length} roles × ${tenancies.length} = ${cells.length} cells (${sent} requests); ` +
        `2xx expected ${expected2xx}, got ${got2xx}; unexpected 2xx ${unexpected2xx.length}; unexpected 401/403/404 ${unexpectedRefusals.length}; refused with another status ${otherRefusals.length}`,
    );
    const list = (found: typeof cells) => found.map((cell) => `${cell.cell}: expected ${cell.expected}, got ${cell.status}`).join('\n');
    expect(cells).toHaveLength(routeList.length * callers.length * tenancies.length);
    expect(unexpected2xx, `unexpected 2xx:\n${list(unexpected2xx)}`).toEqual([]);
    expect(unexpectedRefusals, `unexpected 401/403/404:\n${list(unexpectedRefusals)}`).toEqual([]);
    expect(otherRefusals, `refused with another status:\n${list(otherRefusals)}`).toEqual([]);
    expect(serverErrors, `5xx:\n${list(serverErrors)}`).toEqual([]);
  }, 90_000);
});
