import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { addMonths, calendarDayIn } from '#shared/calendar.ts';
import { priorityCriteria, priorityProofTypes } from '#housing-file/priority-criteria.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { api, tokenOf } from '../support/api.ts';
import { createTestEmployee, type TestEmployee } from '../support/employees.ts';
import { retriedAcrossMidnight } from '../support/midnight.ts';
import { localTable } from '../support/table.ts';

const today = () => calendarDayIn(situationRules.timeZone, new Date());
const currentYear = () => Number(today().slice(0, 4));
/** A birth date giving `age` years today. */
const bornYearsAgo = (age: number) => addMonths(today(), -12 * age - 1);

const situation = (overrides: Record<string, unknown> = {}) => ({
  nud: { firstRegisteredOn: addMonths(today(), -3) },
  household: {
    members: [
      { relationship: 'applicant', birthDate: bornYearsAgo(27), disability: false },
      { relationship: 'spouse', birthDate: bornYearsAgo(26), disability: false },
    ],
  },
  income: { rfrN2: 40_000, incomeN1: 36_000 },
  employment: { kind: 'CDD', startDate: addMonths(today(), -2), endDate: addMonths(today(), 10), trialPeriod: { ongoing: false } },
  mainResidence: true,
  searchCriteria: {
    kinds: ['apartment', 'house'],
    typologies: ['T2', 'T3'],
    communes: ['75111', '75056', '92012'],
    minSurfaceM2: 35,
    maxRentEuros: 1_100,
  },
  ...overrides,
});

const fieldsOf = (body: { error: { fields?: { field: string }[] } }) => (body.error.fields ?? []).map((f) => f.field).sort();

describe('GET /me/situation', () => {
  it('shows the NUD, empty sections and what is missing before the employee filled anything', async () => {
    const employee = await createTestEmployee();
    const response = await api('GET', '/me/situation', { token: employee.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      nud: { number: employee.nud, firstRegisteredOn: null, lastRenewedOn: null, validity: { status: 'unknown', valid: false } },
      household: null,
      income: null,
      employment: null,
      mainResidence: null,
      searchCriteria: null,
      complete: false,
      updatedAt: null,
    });
    expect(response.body.missing.map((m: { field: string }) => m.field)).toEqual([
      'nud.firstRegisteredOn',
      'household',
      'income',
      'employment',
      'mainResidence',
      'searchCriteria',
    ]);
  });

  it('answers 404 with a clear message to an employee account without an employee file', async () => {
    const account = await createTestEmployee({ withFile: false });
    const response = await api('GET', '/me/situation', { token: account.token });
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('Aucun dossier salarié');
  });
});

describe('PUT /me/situation', retriedAcrossMidnight(situationRules.timeZone), () => {
  let employee: TestEmployee;
  beforeAll(async () => {
    employee = await createTestEmployee();
  });

  it('stores the situation and answers it with what derives from it, as GET then shows it', async () => {
    const put = await api('PUT', '/me/situation', { token: employee.token, body: situation() });
    expect(put.status).toBe(200);
    expect(put.body.household.category).toMatchObject({ category: 3, persons: 2, jeuneMenage: true });
    expect(put.body.household.category.explanation.join(' ')).toContain('jeune ménage');
    expect(put.body.household.members.map((m: { age: number }) => m.age)).toEqual([27, 26]);
    expect(put.body.income).toMatchObject({
      yearN2: currentYear() - 2,
      yearN1: currentYear() - 1,
      rfrN2: 40_000,
      incomeN1: 36_000,
      retained: { basis: 'N-1', amount: 36_000 },
    });
    // 75111 is an arrondissement of Paris: it becomes Paris, once.
    expect(put.body.searchCriteria.communes).toEqual([
      { code: '75056', name: 'Paris', department: '75' },
      { code: '92012', name: 'Boulogne-Billancourt', department: '92' },
    ]);
    expect(put.body.employment).toMatchObject({ kind: 'CDD', description: null, trialPeriod: { ongoing: false, endsOn: null } });
    expect(put.body.nud.validity).toMatchObject({ status: 'valid', basis: 'first-registration' });
    expect(put.body).toMatchObject({ mainResidence: true, missing: [], warnings: [], complete: true });

    const get = await api('GET', '/me/situation', { token: employee.token });
    expect(get.status).toBe(200);
    expect(get.body).toEqual(put.body);
  });

  it('keeps the situation on the employee item, with the NUD expiry in the schedule index', async () => {
    await api('PUT', '/me/situation', { token: employee.token, body: situation() });
    const item = await localTable().get(employeeKey(employee.id));
    const expiresOn = addMonths(addMonths(today(), -3), 12);
    expect(item).toMatchObject({
      entity: 'Employee',
      nudFirstRegisteredOn: addMonths(today(), -3),
      GSI3PK: `NUD_EXPIRY#${expiresOn.slice(0, 7)}`,
      GSI3SK: `${expiresOn}#${employee.id}`,
      situation: { searchCriteria: { communes: ['75056', '92012'] }, income: { yearN2: currentYear() - 2 } },
    });
  });

  it('empties the sections a later PUT leaves out, and keeps the first registration date', async () => {
    const other = await createTestEmployee();
    await api('PUT', '/me/situation', { token: other.token, body: situation() });
    const response = await api('PUT', '/me/situation', { token: other.token, body: { mainResidence: false } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ household: null, income: null, mainResidence: false, complete: false });
    expect(response.body.nud.firstRegisteredOn).toBe(addMonths(today(), -3));
    expect(response.body.warnings).toContainEqual(expect.objectContaining({ field: 'mainResidence' }));
  });

  it.each([
    [
      'a CDD without an end date',
      { employment: { kind: 'CDD', startDate: '2026-01-01', trialPeriod: { ongoing: false } } },
      ['body.employment.endDate'],
    ],
    ['a negative income', { income: { rfrN2: -1 } }, ['body.income.rfrN2']],
    [
      'an unknown relationship',
      { household: { members: [{ relationship: 'cousin', birthDate: '1990-01-01', disability: false }] } },
      ['body.household.members.0.relationship'],
    ],
    ['a badly written date', { nud: { firstRegisteredOn: '15/03/2025' } }, ['body.nud.firstRegisteredOn']],
    [
      'a commune code of 4 characters',
      { searchCriteria: { ...situation().searchCriteria, communes: ['7511'] } },
      ['body.searchCriteria.communes.0'],
    ],
    [
      'an ongoing trial period without its end',
      { employment: { kind: 'CDI', startDate: '2026-01-01', trialPeriod: { ongoing: true } } },
      ['body.employment.trialPeriod.endsOn'],
    ],
    ['an unknown field', { isPriority: true }, ['body']],
  ])('refuses %s with 400 naming the field', async (_case, overrides, fields) => {
    const response = await api('PUT', '/me/situation', { token: employee.token, body: situation(overrides) });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(fields);
    expect(response.body.error.fields[0].message).toMatch(/\S/);
  });

  it('refuses a birth date in the future, an unknown commune and a first registration after today with 400', async () => {
    const tomorrow = nextDay(today());
    const response = await api('PUT', '/me/situation', {
      token: employee.token,
      body: situation({
        nud: { firstRegisteredOn: tomorrow },
        household: {
          members: [
            { relationship: 'applicant', birthDate: '1990-01-01', disability: false },
            { relationship: 'child', birthDate: tomorrow, disability: false },
          ],
        },
        searchCriteria: { ...situation().searchCriteria, communes: ['75056', '75000'] },
      }),
    });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual([
      'body.household.members.1.birthDate',
      'body.nud.firstRegisteredOn',
      'body.searchCriteria.communes.1',
    ]);
    expect(response.body.error.fields).toContainEqual({
      field: 'body.searchCriteria.communes.1',
      message: 'Le code INSEE 75000 ne désigne aucune commune du Code officiel géographique 2026.',
    });
  });

  it.each([
    [
      'a CDD ending before it starts',
      { employment: { kind: 'CDD', startDate: '2026-03-01', endDate: '2026-02-01', trialPeriod: { ongoing: false } } },
      ['body.employment.endDate'],
    ],
    [
      'a household without an applicant',
      { household: { members: [{ relationship: 'spouse', birthDate: '1990-01-01', disability: false }] } },
      ['body.household.members'],
    ],
    [
      'two applicants',
      {
        household: {
          members: [
            { relationship: 'applicant', birthDate: '1990-01-01', disability: false },
            { relationship: 'applicant', birthDate: '1991-01-01', disability: false },
          ],
        },
      },
      ['body.household.members'],
    ],
    ['an income of year N-1 only 5 % lower', { income: { rfrN2: 40_000, incomeN1: 38_000 } }, ['body.income.incomeN1']],
    [
      'an income of the last 12 months higher than the RFR',
      { income: { rfrN2: 40_000, incomeLast12Months: 41_000 } },
      ['body.income.incomeLast12Months'],
    ],
  ])('refuses %s with 422 naming the field, and keeps what was stored', async (_case, overrides, fields) => {
    const before = await localTable().get(employeeKey(employee.id));
    const response = await api('PUT', '/me/situation', { token: employee.token, body: situation(overrides) });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('SITUATION_INCOHERENT');
    expect(fieldsOf(response.body)).toEqual(fields);
    expect(await localTable().get(employeeKey(employee.id))).toEqual(before);
  });

  it('answers 404 to an employee account without an employee file, and creates nothing', async () => {
    const account = await createTestEmployee({ withFile: false });
    const response = await api('PUT', '/me/situation', { token: account.token, body: situation() });
    expect(response.status).toBe(404);
    expect(await localTable().get(employeeKey(account.id))).toBeUndefined();
  });
});

describe('the priority criteria of "Ma situation" (issue 13, item 3)', () => {
  it('takes the five criteria of the grid, each with its proof document type, and says which proof is still missing', async () => {
    const employee = await createTestEmployee();
    const declared = ['first-job', 'domestic-violence', 'temporary-accommodation', 'professional-mobility', 'disability'];
    const put = await api('PUT', '/me/situation', { token: employee.token, body: situation({ priorityCriteria: declared }) });
    expect(put.status).toBe(200);
    // In the grid's order, each with the document type that proves it, none received yet.
    expect(
      put.body.priorityCriteria.map((c: { criterion: string; declared: boolean; proof: { type: string; received: boolean } }) => [
        c.criterion,
        c.proof.type,
        c.proof.received,
        c.declared,
      ]),
    ).toEqual(priorityCriteria.map((criterion) => [criterion, priorityProofTypes[criterion], false, true]));
    expect(put.body.warnings.map((w: { field: string }) => w.field)).toEqual(priorityCriteria.map((c) => `priorityCriteria.${c}`));

    // The disability card arrives: that criterion is proven, its warning goes.
    const table = localTable();
    for (const item of receivedDocumentItems(employee.id, ['disability-card'], new Date().toISOString(), 'priority')) {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
    const read = await api('GET', '/me/situation', { token: employee.token });
    expect(read.body.priorityCriteria.find((c: { criterion: string }) => c.criterion === 'disability').proof.received).toBe(true);
    expect(read.body.warnings.map((w: { field: string }) => w.field)).not.toContain('priorityCriteria.disability');
  });

  it('derives the disability criterion from a member’s flag, and refuses an unknown criterion with a French field message', async () => {
    const employee = await createTestEmployee();
    const members = [
      { relationship: 'applicant', birthDate: bornYearsAgo(27), disability: false },
      { relationship: 'child', birthDate: bornYearsAgo(6), disability: true },
    ];
    const put = await api('PUT', '/me/situation', { token: employee.token, body: situation({ household: { members } }) });
    expect(put.body.priorityCriteria).toEqual([
      expect.objectContaining({ criterion: 'disability', declared: false, proof: expect.objectContaining({ type: 'disability-card' }) }),
    ]);
    const refused = await api('PUT', '/me/situation', { token: employee.token, body: situation({ priorityCriteria: ['loterie'] }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([
      { field: 'body.priorityCriteria.0', message: expect.stringMatching(/^Critère attendu : /) },
    ]);
  });
});

describe('who may read and write "Ma situation"', () => {
  it('is closed to callers without a token (401) and to company and operator users (403)', async () => {
    for (const [method, path, body] of [
      ['GET', '/me/situation', undefined],
      ['PUT', '/me/situation', situation()],
      ['POST', '/me/nud-renewal', {}],
    ] as const) {
      expect((await api(method, path, { body })).status).toBe(401);
      expect((await api(method, path, { body, token: await tokenOf('company') })).status).toBe(403);
      expect((await api(method, path, { body, token: await tokenOf('operator') })).status).toBe(403);
    }
  });

  it('shows each employee only their own situation', async () => {
    const [first, second] = await Promise.all([createTestEmployee(), createTestEmployee()]);
    await api('PUT', '/me/situation', { token: first.token, body: situation({ mainResidence: true }) });
    await api('PUT', '/me/situation', {
      token: second.token,
      body: situation({ mainResidence: false, income: { rfrN2: 18_000 } }),
    });
    const firstView = await api('GET', '/me/situation', { token: first.token });
    const secondView = await api('GET', '/me/situation', { token: second.token });
    expect(firstView.body).toMatchObject({ nud: { number: first.nud }, mainResidence: true, income: { rfrN2: 40_000 } });
    expect(secondView.body).toMatchObject({ nud: { number: second.nud }, mainResidence: false, income: { rfrN2: 18_000 } });
  });
});

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
