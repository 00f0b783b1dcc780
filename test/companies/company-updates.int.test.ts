import { describe, expect, it } from 'vitest';
import { companyKey } from '#companies/company-store.ts';
import { api, tokenOf } from '../support/api.ts';
import { linkTokenFor, unique } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

const password = 'RhLogement2026';

/** A declared company (private, 40 employees, 9 000 € of PEEC) and its HR contact, logged in. */
async function companyWithHr() {
  const siret = uniqueSiret();
  const operator = await tokenOf('operator');
  const body = {
    siret,
    name: 'Entreprise à jour',
    sector: 'private',
    headcount: 40,
    contributor: true,
    lastContributionEuros: 9_000,
    lastContributionYear: 2025,
  };
  expect((await api('POST', '/companies', { token: operator, body })).status).toBe(201);
  const email = `rh.${unique()}@example.org`;
  expect((await api('POST', `/companies/${siret}/hr-users`, { token: operator, body: { email } })).status).toBe(201);
  expect((await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } })).status).toBe(200);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
  expect(login.status).toBe(200);
  return { siret, token: login.body.idToken };
}

describe('PATCH /companies/{siret}: HR keeps the company’s figures current', () => {
  it('updates the headcount, the sector and the PEEC status, recomputes and explains the eligibility, and records each change in the history the operator reads', async () => {
    const { siret, token } = await companyWithHr();
    const response = await api('PATCH', `/companies/${siret}`, { token, body: { headcount: 8, lastContributionEuros: 1_600 } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      siret,
      headcount: 8,
      lastContributionEuros: 1_600,
      contributionPerEmployeeEuros: 200,
      eligibility: { eligible: false },
      eligibilityChange: { before: true, after: false, message: expect.stringContaining('n’est plus éligible') },
    });
    expect(response.body.eligibility.reasons[0]).toMatchObject({
      criterion: 'headcount',
      met: false,
      message: '8 salarié(s) pour un minimum de 10 dans le secteur privé.',
    });
    expect((await api('GET', `/companies/${siret}/eligibility`)).body.eligible).toBe(false);

    // The figures in force before stay on the company, with the instant they stopped.
    const item = await localTable().get(companyKey(siret));
    expect(item?.previousFigures).toEqual([
      {
        sector: 'private',
        headcount: 40,
        contributor: true,
        lastContributionEuros: 9_000,
        lastContributionYear: 2025,
        until: response.body.updatedAt,
      },
    ]);

    // Agricultural with 60 employees: eligible again (at least 50 in that sector).
    const agricultural = await api('PATCH', `/companies/${siret}`, { token, body: { sector: 'agricultural', headcount: 60 } });
    expect(agricultural.body).toMatchObject({ eligibility: { eligible: true }, eligibilityChange: { before: false, after: true } });
    // No longer a PEEC contributor: not eligible, and the contribution criterion says why.
    const stopped = await api('PATCH', `/companies/${siret}`, { token, body: { contributor: false } });
    expect(stopped.body).toMatchObject({
      contributor: false,
      eligibility: { eligible: false },
      eligibilityChange: { before: true, after: false },
    });
    expect(stopped.body.eligibility.reasons[1]).toEqual({
      criterion: 'contribution',
      met: false,
      message: 'L’entreprise ne verse pas la participation des employeurs à l’effort de construction (PEEC).',
    });

    const history = await api('GET', `/companies/${siret}/history`, { token: await tokenOf('operator') });
    expect(history.status).toBe(200);
    expect(history.body.entries).toEqual([
      expect.objectContaining({
        role: 'company',
        changes: [
          { field: 'headcount', from: 40, to: 8 },
          { field: 'lastContributionEuros', from: 9_000, to: 1_600 },
        ],
        eligibleBefore: true,
        eligibleAfter: false,
      }),
      expect.objectContaining({
        changes: [
          { field: 'sector', from: 'private', to: 'agricultural' },
          { field: 'headcount', from: 8, to: 60 },
        ],
        eligibleBefore: false,
        eligibleAfter: true,
      }),
      expect.objectContaining({
        role: 'company',
        changes: [{ field: 'contributor', from: true, to: false }],
        eligibleBefore: true,
        eligibleAfter: false,
      }),
    ]);
    // The history is the operator's.
    expect((await api('GET', `/companies/${siret}/history`, { token })).status).toBe(403);
  });

  it('changes nothing and writes no history when the figures are the same', async () => {
    const { siret, token } = await companyWithHr();
    const response = await api('PATCH', `/companies/${siret}`, { token, body: { headcount: 40, contributor: true } });
    expect(response.status).toBe(200);
    expect(response.body.eligibilityChange).toMatchObject({ before: true, after: true });
    expect(response.body).not.toHaveProperty('updatedAt');
    expect((await api('GET', `/companies/${siret}/history`, { token: await tokenOf('operator') })).body.entries).toEqual([]);
  });

  it('lets an operator update any company, and the contributor status count', async () => {
    const { siret } = await companyWithHr();
    const response = await api('PATCH', `/companies/${siret}`, { token: await tokenOf('operator'), body: { contributor: false } });
    expect(response.body).toMatchObject({ eligibility: { eligible: false }, eligibilityChange: { before: true, after: false } });
    const history = await api('GET', `/companies/${siret}/history`, { token: await tokenOf('operator') });
    expect(history.body.entries).toEqual([
      expect.objectContaining({ role: 'operator', changes: [{ field: 'contributor', from: true, to: false }] }),
    ]);
  });

  it('writes each of five simultaneous changes at most once over the revision it read: the others are 409 and leave no history', async () => {
    const { siret, token } = await companyWithHr();
    const answers = await Promise.all(
      [30, 31, 32, 33, 34].map((headcount) => api('PATCH', `/companies/${siret}`, { token, body: { headcount } })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const history = (await api('GET', `/companies/${siret}/history`, { token: await tokenOf('operator') })).body.entries as {
      changes: { to: number }[];
    }[];
    // One history entry per change written, and the company holds the last one written.
    expect(history).toHaveLength(statuses.filter((status) => status === 200).length);
    expect((await localTable().get(companyKey(siret)))?.headcount).toBe(history.at(-1)?.changes[0]?.to);
  });

  it('refuses another company’s HR (403), an unknown SIRET (404) and bad figures (400, French field messages), changing nothing', async () => {
    const { siret, token } = await companyWithHr();
    const other = await companyWithHr();
    expect((await api('PATCH', `/companies/${other.siret}`, { token, body: { headcount: 1 } })).status).toBe(403);
    expect((await api('PATCH', `/companies/${uniqueSiret()}`, { token: await tokenOf('operator'), body: { headcount: 1 } })).status).toBe(
      404,
    );

    const bad = await api('PATCH', `/companies/${siret}`, { token, body: { headcount: -3, sector: 'public', contributor: 'oui' } });
    expect(bad.status).toBe(400);
    expect(Object.fromEntries(bad.body.error.fields.map((f: { field: string; message: string }) => [f.field, f.message]))).toEqual({
      'body.headcount': 'L’effectif est positif ou nul.',
      'body.sector': 'Secteur attendu : private (privé) ou agricultural (agricole).',
      'body.contributor': 'Indiquez true ou false (l’entreprise verse la PEEC).',
    });
    const empty = await api('PATCH', `/companies/${siret}`, { token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].message).toBe('Indiquez au moins un chiffre à mettre à jour.');
    expect(await localTable().get(companyKey(siret))).toMatchObject({ headcount: 40, sector: 'private' });
    expect((await localTable().get(companyKey(other.siret)))?.headcount).toBe(40);
  });
});
