import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ceilingFor, ceilingYearOf } from '#offers/reference/ceilings.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee, receiveRequiredDocuments, type TestEmployee } from '../support/employees.ts';
import { t2Offer } from '../support/offers.ts';
import { unique } from '../support/registration.ts';

const acme = '43219876500013';
const otherCompany = '51234567800019';

/** A complete T2 that fits a single person; `overrides` set place, financing, reservation... */
const offerBody = (overrides: Record<string, unknown>) => t2Offer({ externalReference: `BROWSE-${unique()}`, ...overrides });

async function draftOffer(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await api('POST', '/landlord/offers', { token: await tokenOf('landlord'), body: offerBody(overrides) });
  if (created.status !== 201) throw new Error(`offer creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.offerId as string;
}

async function publishedOffer(overrides: Record<string, unknown> = {}): Promise<string> {
  const offerId = await draftOffer(overrides);
  const published = await api('POST', `/landlord/offers/${offerId}/publish`, { token: await tokenOf('landlord') });
  if (published.status !== 200) throw new Error(`publication failed: ${published.status}`);
  return offerId;
}

/**
 * A single adult of 40 (category 1) looking for a T2 apartment in `communes`, with that income;
 * the file complete (employment confirmed, NUD registered 60 days ago, documents received), so
 * that only the offer's criteria decide.
 */
async function employeeSearching(communes: string[], rfrN2: number): Promise<TestEmployee> {
  const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
  await receiveRequiredDocuments(employee.id);
  const situation = await api('PUT', '/me/situation', {
    token: employee.token,
    body: {
      nud: { firstRegisteredOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10) },
      household: { members: [{ relationship: 'applicant', birthDate: '1986-02-10', disability: false }] },
      income: { rfrN2 },
      employment: { kind: 'CDI', startDate: '2020-09-01', trialPeriod: { ongoing: false } },
      mainResidence: true,
      searchCriteria: { kinds: ['apartment'], typologies: ['T2'], communes, minSurfaceM2: 20, maxRentEuros: 2_000 },
    },
  });
  if (situation.status !== 200) throw new Error(`situation failed: ${situation.status} ${JSON.stringify(situation.body)}`);
  return employee;
}

/** Every offer id of a tab, page by page (small pages, so that the cursor is exercised). */
async function wholeTab(token: string, tab: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const response = await api('GET', `/offers?tab=${tab}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(response.status).toBe(200);
    ids.push(...response.body.offers.map((offer: { offerId: string }) => offer.offerId));
    cursor = response.body.cursor;
    if (!cursor) return ids;
  }
  throw new Error('too many pages');
}

const ceilingOneC = (financing: 'PLUS' | 'PLAI') =>
  ceilingFor({ year: ceilingYearOf(new Date()), financing, category: 1, extraPersons: 0, zone: 'C' }).amountEuros;

describe('GET /offers, the three tabs', () => {
  it('lists a Boulogne-Billancourt offer under "neighbouring" for an employee requesting Paris, with counts matching the lists', async () => {
    const boulogne = await publishedOffer({ commune: '92012', postalCode: '92100' });
    const employee = await employeeSearching(['75056'], 15_000);

    const neighbouring = await api('GET', '/offers?tab=neighbouring&limit=50', { token: employee.token });
    expect(neighbouring.status).toBe(200);
    const listed = neighbouring.body.offers.find((offer: { offerId: string }) => offer.offerId === boulogne);
    expect(listed).toMatchObject({
      commune: '92012',
      department: '92',
      applicantCount: 0,
      ceiling: { zone: 'A', category: 1, financing: 'PLUS' },
    });

    const tabs = {
      requested: await wholeTab(employee.token, 'requested'),
      neighbouring: await wholeTab(employee.token, 'neighbouring'),
      department: await wholeTab(employee.token, 'department'),
    };
    expect(neighbouring.body.counts).toEqual({
      requested: tabs.requested.length,
      neighbouring: tabs.neighbouring.length,
      department: tabs.department.length,
    });
    expect(tabs.neighbouring).toContain(boulogne);
    expect(tabs.requested).not.toContain(boulogne);
    const all = [...tabs.requested, ...tabs.neighbouring, ...tabs.department];
    expect(new Set(all).size).toBe(all.length);
  });

  it('orders a tab soonest closing first', async () => {
    const employee = await employeeSearching(['75056'], 15_000);
    const response = await api('GET', '/offers?tab=neighbouring&limit=50', { token: employee.token });
    const closings = response.body.offers.map((offer: { closesAt: string }) => offer.closesAt);
    expect(closings.length).toBeGreaterThan(0);
    expect(closings).toEqual([...closings].sort());
  });

  it('lists an offer whose ceiling equals the income and hides one whose ceiling is one euro or more below it', async () => {
    const commune = '33063'; // Bordeaux, zone C, in no seeded department
    const atCeiling = await publishedOffer({ commune, financing: 'PLUS' });
    const belowIncome = await publishedOffer({ commune, financing: 'PLAI' });
    expect(ceilingOneC('PLAI')).toBeLessThan(ceilingOneC('PLUS'));
    const employee = await employeeSearching([commune], ceilingOneC('PLUS'));
    const response = await api('GET', '/offers?tab=requested&limit=50', { token: employee.token });
    expect(response.status).toBe(200);
    const ids = response.body.offers.map((offer: { offerId: string }) => offer.offerId);
    expect(ids).toContain(atCeiling);
    expect(ids).not.toContain(belowIncome);
    const listed = response.body.offers.find((offer: { offerId: string }) => offer.offerId === atCeiling);
    expect(listed.ceiling).toMatchObject({ amountEuros: ceilingOneC('PLUS'), zone: 'C', category: 1, financing: 'PLUS' });
    expect(listed.ceiling.version).toEqual(expect.any(String));

    const oneEuroAbove = await employeeSearching([commune], ceilingOneC('PLUS') + 1);
    const above = await api('GET', '/offers?tab=requested&limit=50', { token: oneEuroAbove.token });
    expect(above.body.offers.map((offer: { offerId: string }) => offer.offerId)).not.toContain(atCeiling);
  });

  it('hides an offer reserved for another company and shows one reserved for the employee’s', async () => {
    const commune = '33063';
    const forAcme = await publishedOffer({ commune, reservedForSirets: [acme] });
    const forOther = await publishedOffer({ commune, reservedForSirets: [otherCompany] });
    const employee = await employeeSearching([commune], 10_000);
    const response = await api('GET', '/offers?tab=requested&limit=50', { token: employee.token });
    const ids = response.body.offers.map((offer: { offerId: string }) => offer.offerId);
    expect(ids).toContain(forAcme);
    expect(ids).not.toContain(forOther);
  });

  it('answers an employee without a situation no offer, and what is missing with where to fix it', async () => {
    const employee = await createTestEmployee();
    const response = await api('GET', '/offers', { token: employee.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ tab: 'requested', offers: [], counts: { requested: 0, neighbouring: 0, department: 0 } });
    expect(response.body.message).toMatch(/^Dossier incomplet : vous ne recevrez aucune offre/);
    const missing = response.body.missing.map(({ code, fixAt }: { code: string; fixAt: string }) => `${code} ${fixAt}`);
    expect(missing).toEqual(
      expect.arrayContaining([
        'household /ma-situation',
        'search-criteria /ma-situation',
        'nud-unknown /ma-situation',
        'document-absent /mes-documents',
        'employment-not-confirmed /ma-situation',
      ]),
    );
  });

  it('refuses an unknown tab and a forged cursor with 400', async () => {
    const token = await tokenOf('employee');
    expect((await api('GET', '/offers?tab=elsewhere', { token })).status).toBe(400);
    expect((await api('GET', '/offers?cursor=not-a-cursor', { token })).status).toBe(400);
  });

  it('shows the demo employee offers in her requested communes', async () => {
    const response = await api('GET', '/offers?tab=requested', { token: await tokenOf('employee') });
    expect(response.status).toBe(200);
    expect(response.body.counts.requested).toBeGreaterThan(0);
    expect(response.body.offers.length).toBe(Math.min(20, response.body.counts.requested));
    for (const offer of response.body.offers) expect(['75056', '92012', '92040']).toContain(offer.commune);
  });
});

describe('GET /offers/{offerId}', () => {
  let employee: TestEmployee;
  beforeAll(async () => {
    employee = await employeeSearching(['33063'], ceilingOneC('PLUS'));
  });

  it('gives the details with an eligible verdict, every reason met and the ceiling applied', async () => {
    const offerId = await publishedOffer({ financing: 'PLUS' });
    const response = await api('GET', `/offers/${offerId}`, { token: employee.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ offerId, commune: '33063', description: 'Offre de test.', reserved: false, applicantCount: 0 });
    expect(response.body.eligibility.eligible).toBe(true);
    expect(response.body.eligibility.reasons.every((reason: { met: boolean }) => reason.met)).toBe(true);
    expect(response.body.eligibility.ceiling).toMatchObject({ amountEuros: ceilingOneC('PLUS'), zone: 'C', financing: 'PLUS' });
    expect(response.body).not.toHaveProperty('reservedForSirets');
  });

  it('says why an employee may not apply: income above the ceiling, reserved for another company', async () => {
    const offerId = await publishedOffer({ financing: 'PLAI', reservedForSirets: [otherCompany] });
    const response = await api('GET', `/offers/${offerId}`, { token: employee.token });
    expect(response.status).toBe(200);
    expect(response.body.eligibility.eligible).toBe(false);
    const failed = response.body.eligibility.reasons
      .filter((reason: { met: boolean }) => !reason.met)
      .map((reason: { code: string }) => reason.code);
    expect(failed.sort()).toEqual(['income', 'reservation']);
    const income = response.body.eligibility.reasons.find((reason: { code: string }) => reason.code === 'income');
    expect(income.message).toMatch(/supérieur au plafond/);
  });

  it('answers 404 for a draft and for an unknown offer', async () => {
    const draft = await draftOffer();
    expect((await api('GET', `/offers/${draft}`, { token: employee.token })).status).toBe(404);
    expect((await api('GET', `/offers/${randomUUID()}`, { token: employee.token })).status).toBe(404);
  });
});

describe('who may browse offers', () => {
  it('refuses other roles with 403 and anonymous callers with 401', async () => {
    const offerId = await publishedOffer();
    for (const role of ['company', 'landlord', 'commission', 'operator']) {
      const token = await tokenOf(role);
      expect((await api('GET', '/offers', { token })).status).toBe(403);
      expect((await api('GET', `/offers/${offerId}`, { token })).status).toBe(403);
    }
    expect((await api('GET', '/offers')).status).toBe(401);
  });
});
