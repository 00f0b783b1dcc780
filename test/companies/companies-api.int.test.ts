import { describe, expect, it } from 'vitest';
import { companyKey } from '#companies/company-store.ts';
import { api, cloud, eventually, tokenOf } from '../support/api.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

const declaration = (siret: string, overrides: Record<string, unknown> = {}) => ({
  siret,
  name: 'Entreprise de test',
  sector: 'private',
  headcount: 25,
  contributor: true,
  lastContributionEuros: 12_000,
  lastContributionYear: 2025,
  ...overrides,
});

describe('POST /companies', () => {
  it('lets an operator declare a company and answers it with its eligibility', async () => {
    const siret = uniqueSiret();
    const response = await api('POST', '/companies', { token: await tokenOf('operator'), body: declaration(siret) });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ siret, name: 'Entreprise de test', eligibility: { eligible: true } });
    expect(response.body).not.toHaveProperty('declaredBy');
    expect(await localTable().get(companyKey(siret))).toMatchObject({ entity: 'Company', headcount: 25 });
  });

  it('normalises a SIRET typed with spaces', async () => {
    const siret = uniqueSiret();
    const spaced = `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
    const response = await api('POST', '/companies', { token: await tokenOf('operator'), body: declaration(spaced) });
    expect(response.status).toBe(201);
    expect(response.body.siret).toBe(siret);
  });

  it('refuses a second declaration of the same SIRET with 409 and keeps the first', async () => {
    const siret = uniqueSiret();
    const token = await tokenOf('operator');
    expect((await api('POST', '/companies', { token, body: declaration(siret) })).status).toBe(201);
    const again = await api('POST', '/companies', { token, body: declaration(siret, { name: 'Autre nom' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COMPANY_EXISTS');
    expect(await localTable().get(companyKey(siret))).toMatchObject({ name: 'Entreprise de test' });
  });

  it('answers 400 with one message per invalid field and stores nothing', async () => {
    const siret = uniqueSiret();
    const bad = declaration(siret, { sector: 'public', headcount: -1, contributor: 'yes' });
    const response = await api('POST', '/companies', { token: await tokenOf('operator'), body: bad });
    expect(response.status).toBe(400);
    const fields = response.body.error.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['body.contributor', 'body.headcount', 'body.sector']);
    expect(await localTable().get(companyKey(siret))).toBeUndefined();
  });

  it('refuses a SIRET whose check digit is wrong, naming the field', async () => {
    const siret = uniqueSiret();
    const wrong = siret.slice(0, 13) + ((Number(siret[13]) + 1) % 10);
    const response = await api('POST', '/companies', { token: await tokenOf('operator'), body: declaration(wrong) });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'body.siret', message: 'Le SIRET est invalide (clé de contrôle incorrecte).' }]);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const response = await api('POST', '/companies', {
      token: await tokenOf('operator'),
      rawBody: '{"siret": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].field).toBe('body');
  });

  it('refuses unknown fields instead of silently dropping them', async () => {
    const response = await api('POST', '/companies', {
      token: await tokenOf('operator'),
      body: declaration(uniqueSiret(), { isAdmin: true }),
    });
    expect(response.status).toBe(400);
  });

  it('is closed to callers without a token (401) and to company users (403)', async () => {
    const body = declaration(uniqueSiret());
    expect((await api('POST', '/companies', { body })).status).toBe(401);
    expect((await api('POST', '/companies', { body, token: 'not-a-jwt' })).status).toBe(401);
    expect((await api('POST', '/companies', { body, token: await tokenOf('company') })).status).toBe(403);
  });

  it('sends the HR contact one French e-mail through the outbox', async () => {
    const siret = uniqueSiret();
    const hrContactEmail = `rh-${siret}@example.org`;
    const response = await api('POST', '/companies', {
      token: await tokenOf('operator'),
      body: declaration(siret, { hrContactEmail }),
    });
    expect(response.status).toBe(201);
    const mails = await eventually('the welcome e-mail', async () => {
      const store = (await (await fetch(`${cloud().mailbox}/store`)).json()) as {
        emails: { destination: { to: string[] }; subject: string; body: { text?: string } }[];
      };
      const found = store.emails.filter((mail) => mail.destination.to.includes(hrContactEmail));
      return found.length > 0 ? found : undefined;
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Votre entreprise est déclarée');
    expect(mails[0]!.body.text).toContain(siret);
  });
});

describe('GET /companies/{siret}', () => {
  it('shows an operator any company with the reasons of its eligibility', async () => {
    const response = await api('GET', '/companies/51234567800019', { token: await tokenOf('operator') });
    expect(response.status).toBe(200);
    expect(response.body.eligibility.eligible).toBe(false);
    expect(response.body.eligibility.reasons).toContainEqual(expect.objectContaining({ criterion: 'headcount', met: false }));
  });

  it('shows a company user its own company', async () => {
    const response = await api('GET', '/companies/43219876500013', { token: await tokenOf('company') });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('Acme Logistique SAS');
  });

  it('refuses a company user another company (403)', async () => {
    const response = await api('GET', '/companies/51234567800019', { token: await tokenOf('company') });
    expect(response.status).toBe(403);
  });

  it('answers 404 for a valid SIRET nobody declared, and 400 for an invalid one', async () => {
    const token = await tokenOf('operator');
    expect((await api('GET', `/companies/${uniqueSiret()}`, { token })).status).toBe(404);
    const invalid = await api('GET', '/companies/12345', { token });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields[0].field).toBe('path.siret');
  });
});

describe('GET /companies/{siret}/eligibility (public)', () => {
  it.each([
    ['43219876500013', true],
    ['51234567800019', false],
    ['78945612300015', false],
    ['65478932100019', true],
    ['85296374100016', false],
    ['35600000049837', true],
  ])('answers %s eligible: %s, with nothing more', async (siret, eligible) => {
    const response = await api('GET', `/companies/${siret}/eligibility`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ siret, eligible });
  });

  it('answers not eligible for an undeclared company, without revealing more', async () => {
    const siret = uniqueSiret();
    expect((await api('GET', `/companies/${siret}/eligibility`)).body).toEqual({ siret, eligible: false });
  });
});
