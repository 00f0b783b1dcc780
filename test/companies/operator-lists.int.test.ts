import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoLandlordList } from '#local/seed-offers.ts';
import { sortableName } from '#shared/sortable-name.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee } from '../support/employees.ts';
import { unique } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';

/** `GET /operator/companies` and `GET /operator/landlords`, and one landlord with its users, over real HTTP. */

const declaration = (siret: string, name: string, headcount: number) => ({
  siret,
  name,
  sector: 'private',
  headcount,
  contributor: true,
  lastContributionEuros: 5_000,
  lastContributionYear: 2025,
});

/** Reads every page of a list, as a client follows the cursors; checks each page's size on the way. */
async function everyPage<T>(path: string, key: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const token = await tokenOf('operator');
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const response = await api('GET', `${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(response.status).toBe(200);
    const page = response.body[key] as T[];
    expect(page.length).toBeLessThanOrEqual(limit);
    // A page that is not the last is full, and only the last one comes without a cursor.
    if (response.body.cursor) expect(page.length).toBe(limit);
    items.push(...page);
    cursor = response.body.cursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

interface ListedCompany {
  siret: string;
  name: string;
  headcount: number;
  eligible: boolean;
}

describe('GET /operator/companies', () => {
  it('lists every company by name, page after page, with its eligibility and headcount', async () => {
    const token = await tokenOf('operator');
    const prefix = `Liste ${unique()}`;
    const companies = [
      { siret: uniqueSiret(), name: `${prefix} Charpente`, headcount: 5 },
      { siret: uniqueSiret(), name: `${prefix} Ébénisterie`, headcount: 30 },
      { siret: uniqueSiret(), name: `${prefix} ateliers`, headcount: 12 },
    ];
    for (const company of companies) {
      const created = await api('POST', '/companies', { token, body: declaration(company.siret, company.name, company.headcount) });
      expect(created.status).toBe(201);
    }

    const { items, pages } = await everyPage<ListedCompany>('/operator/companies', 'companies', 4);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(items.map((company) => company.siret)).size).toBe(items.length);
    const keys = items.map((company) => sortableName(company.name));
    expect(keys).toEqual([...keys].sort());
    // Accents and case do not decide the order: « ateliers » < « Charpente » < « Ébénisterie ».
    const ours = items.filter((company) => company.name.startsWith(prefix));
    expect(ours).toEqual([
      expect.objectContaining({ siret: companies[2]?.siret, headcount: 12, eligible: true }),
      expect.objectContaining({ siret: companies[0]?.siret, headcount: 5, eligible: false }),
      expect.objectContaining({ siret: companies[1]?.siret, headcount: 30, eligible: true }),
    ]);
    // The seeded companies are there too.
    expect(items.map((company) => company.siret)).toContain('43219876500013');
  });

  it('keeps a company in the list, with its new eligibility, after its figures change', async () => {
    const token = await tokenOf('operator');
    const siret = uniqueSiret();
    const name = `Liste ${unique()} Menuiserie`;
    expect((await api('POST', '/companies', { token, body: declaration(siret, name, 40) })).status).toBe(201);
    expect((await api('PATCH', `/companies/${siret}`, { token, body: { headcount: 3 } })).status).toBe(200);
    const { items } = await everyPage<ListedCompany>('/operator/companies', 'companies', 100);
    expect(items.filter((company) => company.siret === siret)).toEqual([expect.objectContaining({ name, headcount: 3, eligible: false })]);
  });

  it('answers 400 with the field for a bad page size or cursor', async () => {
    const token = await tokenOf('operator');
    const tooMany = await api('GET', '/operator/companies?limit=500', { token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toEqual([{ field: 'query.limit', message: 'Au plus 100 par page.' }]);
    const garbage = await api('GET', '/operator/companies?cursor=pas-un-curseur', { token });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.fields[0]).toEqual({ field: 'query.cursor', message: 'Curseur de pagination invalide.' });
    // Well-formed, but a key of no item of this index: DynamoDB refuses it, the API says 400.
    const foreign = Buffer.from(JSON.stringify({ PK: 'OFFER#x', SK: 'OFFER' })).toString('base64url');
    const refused = await api('GET', `/operator/companies?cursor=${foreign}`, { token });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0].field).toBe('query.cursor');
  });

  it('is for operators only', async () => {
    const employee = await createTestEmployee();
    expect((await api('GET', '/operator/companies', { token: employee.token })).status).toBe(403);
    expect((await api('GET', '/operator/companies', { token: await tokenOf('company') })).status).toBe(403);
    expect((await api('GET', '/operator/companies')).status).toBe(401);
  });
});

interface ListedLandlord {
  landlordId: string;
  name: string;
  users: { landlord: number; commission: number };
}

describe('GET /operator/landlords and /operator/landlords/{landlordId}', () => {
  it('lists the landlords by name with their users counted by role, and reads one with its users', async () => {
    const token = await tokenOf('operator');
    const prefix = `Liste ${unique()}`;
    const created: string[] = [];
    for (const name of [`${prefix} Habitat Sud`, `${prefix} Habitat Nord`]) {
      const response = await api('POST', '/landlords', { token, body: { name } });
      expect(response.status).toBe(201);
      created.push(response.body.landlordId);
    }
    const [south, north] = created;
    const email = `commission.${unique()}@example.org`;
    const invited = await api('POST', `/landlords/${north}/users`, { token, body: { email, role: 'commission' } });
    expect(invited.status).toBe(201);

    const { items, pages } = await everyPage<ListedLandlord>('/operator/landlords', 'landlords', 2);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(items.map((landlord) => landlord.landlordId)).size).toBe(items.length);
    const keys = items.map((landlord) => sortableName(landlord.name));
    expect(keys).toEqual([...keys].sort());
    expect(items.filter((landlord) => landlord.name.startsWith(prefix))).toEqual([
      expect.objectContaining({ landlordId: north, users: { landlord: 0, commission: 1 } }),
      expect.objectContaining({ landlordId: south, users: { landlord: 0, commission: 0 } }),
    ]);
    // The seeded landlords each have their offer manager and their commission member (other tests may invite more).
    const [seeded] = demoLandlordList();
    const seededUsers = items.find((landlord) => landlord.landlordId === seeded?.landlordId)?.users;
    expect(seededUsers?.landlord).toBeGreaterThanOrEqual(1);
    expect(seededUsers?.commission).toBeGreaterThanOrEqual(1);

    const detail = await api('GET', `/operator/landlords/${north}`, { token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ landlordId: north, name: `${prefix} Habitat Nord` });
    expect(detail.body.users).toEqual([
      { email, role: 'commission', invitedAt: invited.body.invitedAt, linkValidUntil: invited.body.linkValidUntil },
    ]);
  });

  it('answers 404 for an unknown landlord, 400 for an id that is not one', async () => {
    const token = await tokenOf('operator');
    const unknown = await api('GET', `/operator/landlords/${randomUUID()}`, { token });
    expect(unknown.status).toBe(404);
    const bad = await api('GET', '/operator/landlords/pas-un-id', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'path.landlordId', message: 'Identifiant de bailleur invalide.' }]);
  });

  it('is for operators only', async () => {
    const employee = await createTestEmployee();
    expect((await api('GET', '/operator/landlords', { token: employee.token })).status).toBe(403);
    expect((await api('GET', '/operator/landlords', { token: await tokenOf('landlord') })).status).toBe(403);
    const { items } = await everyPage<ListedLandlord>('/operator/landlords', 'landlords', 100);
    const someone = items[0]?.landlordId ?? randomUUID();
    expect((await api('GET', `/operator/landlords/${someone}`, { token: await tokenOf('landlord') })).status).toBe(403);
    expect((await api('GET', `/operator/landlords/${someone}`, { token: employee.token })).status).toBe(403);
  });
});
