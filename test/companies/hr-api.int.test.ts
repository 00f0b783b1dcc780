import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand, CognitoIdentityProviderClient, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { hrUserKey } from '#company-hr/hr-store.ts';
import { employeeKey, employeeToItem, type Employee } from '#identity/employee-store.ts';
import { api, cloud, tokenOf } from '../support/api.ts';
import { linkTokenFor, mailsTo, unique } from '../support/registration.ts';
import { uniqueSiret } from '../support/sirets.ts';
import { localTable } from '../support/table.ts';

const acme = '43219876500013';
const boulangerie = '51234567800019';
const password = 'RhLogement2026';

const claimsOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8'));

function cognitoClient() {
  const env = cloud().environment;
  return new CognitoIdentityProviderClient({
    endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

async function accountOf(email: string) {
  try {
    return await cognitoClient().send(new AdminGetUserCommand({ UserPoolId: cloud().environment.USER_POOL_ID, Username: email }));
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}

async function declaredCompany(name = 'Entreprise RH') {
  const siret = uniqueSiret();
  const response = await api('POST', '/companies', {
    token: await tokenOf('operator'),
    body: { siret, name, sector: 'private', headcount: 40, contributor: true, lastContributionEuros: 9_000, lastContributionYear: 2025 },
  });
  if (response.status !== 201) throw new Error(`declaration failed: ${response.status}`);
  return siret;
}

const invite = async (siret: string, email: string) =>
  api('POST', `/companies/${siret}/hr-users`, { token: await tokenOf('operator'), body: { email } });

/** A declared company and its HR contact, invited, with a chosen password, logged in. */
async function companyWithHr() {
  const siret = await declaredCompany();
  const email = `rh.${unique()}@example.org`;
  const invited = await invite(siret, email);
  if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status}`);
  const chosen = await api('POST', '/auth/password', { body: { token: await linkTokenFor(email), password } });
  if (chosen.status !== 200) throw new Error(`password failed: ${chosen.status}`);
  const login = await api<{ idToken: string }>('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { siret, email, token: login.body.idToken };
}

let sequence = 0;
function employee(siret: string, overrides: Partial<Employee> = {}): Employee {
  sequence += 1;
  const id = randomUUID();
  return {
    id,
    civility: 'Mme',
    lastName: `Durand${sequence}`,
    firstName: 'Alice',
    phone: '+33612345678',
    email: `alice.${id}@example.org`,
    nud: `0751226${String(sequence).padStart(9, '0')}`,
    siret,
    consent: { acceptedAt: '2026-02-01T08:00:00.000Z', textVersion: '2026-01' },
    registeredAt: new Date(Date.UTC(2026, 1, 1, 8, 0, sequence)).toISOString(),
    account: 'ACTIVE',
    employment: { status: 'PENDING' },
    ...overrides,
  };
}

async function stored(...employees: Employee[]) {
  const table = localTable();
  for (const item of employees) {
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: employeeToItem(item) }));
  }
  return employees;
}

describe('POST /companies/{siret}/hr-users', () => {
  it('lets an operator invite an HR contact, who gets a French e-mail, chooses a password and logs in as that company', async () => {
    const siret = await declaredCompany('Transports Duval');
    const email = `rh.${unique()}@example.org`;

    const invited = await invite(siret, email.toUpperCase());
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ siret, email, emailSent: true });
    expect(Date.parse(invited.body.linkValidUntil)).toBeGreaterThan(Date.parse(invited.body.invitedAt));

    const token = await linkTokenFor(email);
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toContain('contact RH');
    expect(mail!.body.text).toContain('Transports Duval');
    expect(mail!.body.text).toContain(siret);

    expect((await api('POST', '/auth/password', { body: { token, password } })).status).toBe(200);
    const login = await api('POST', '/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const claims = claimsOf(login.body.idToken);
    expect(claims['cognito:groups']).toEqual(['company']);
    expect(claims['custom:siret']).toBe(siret);
    expect((await api('GET', `/companies/${siret}/employees`, { token: login.body.idToken })).status).toBe(200);
    expect((await api('GET', `/companies/${acme}/employees`, { token: login.body.idToken })).status).toBe(403);
  });

  it('answers the same invitation when it is sent again, even concurrently: one account, one e-mail', async () => {
    const siret = await declaredCompany();
    const email = `rh.${unique()}@example.org`;
    const answers = await Promise.all([invite(siret, email), invite(siret, email), invite(siret, email)]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers.filter((answer) => answer.body.emailSent)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.body.invitedAt)).size).toBe(1);

    const again = await invite(siret, email);
    expect(again.body).toMatchObject({ emailSent: false, invitedAt: answers[0]!.body.invitedAt });
    expect(await localTable().get(hrUserKey(email))).toMatchObject({ siret, invitedAt: answers[0]!.body.invitedAt });

    // An e-mail queued after the repeats arrives only once the repeats would have been sent.
    const marker = `rh.${unique()}@example.org`;
    await invite(siret, marker);
    await linkTokenFor(marker);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('answers 404 for a company nobody declared, and creates no account', async () => {
    const email = `rh.${unique()}@example.org`;
    const response = await invite(uniqueSiret(), email);
    expect(response.status).toBe(404);
    expect(await accountOf(email)).toBeUndefined();
  });

  it('refuses an invalid e-mail with 400 naming the field', async () => {
    const response = await invite(await declaredCompany(), 'not-an-email');
    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.email']);
    const extra = await api('POST', `/companies/${acme}/hr-users`, {
      token: await tokenOf('operator'),
      body: { email: `rh.${unique()}@example.org`, siret: boulangerie },
    });
    expect(extra.status).toBe(400);
  });

  it('refuses (409) an e-mail that already names the HR account of another company, or another kind of account', async () => {
    const siret = await declaredCompany();
    const otherHr = cloud().demoAccounts.find((account) => account.key === 'company-other')!.email;
    const operator = cloud().demoAccounts.find((account) => account.key === 'operator')!.email;
    for (const email of [otherHr, operator]) {
      const response = await invite(siret, email);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('ACCOUNT_EXISTS');
    }
    const otherAccount = await accountOf(otherHr);
    expect(otherAccount?.UserAttributes).toContainEqual({ Name: 'custom:siret', Value: boulangerie });
    expect(await localTable().get(hrUserKey(otherHr))).toBeUndefined();
  });

  it('is reserved to operators', async () => {
    const body = { email: `rh.${unique()}@example.org` };
    expect((await api('POST', `/companies/${acme}/hr-users`, { body })).status).toBe(401);
    expect((await api('POST', `/companies/${acme}/hr-users`, { body, token: await tokenOf('company') })).status).toBe(403);
    expect(await accountOf(body.email)).toBeUndefined();
  });
});

describe('GET /companies/{siret}/employees', () => {
  let company: Awaited<ReturnType<typeof companyWithHr>>;
  let mine: Employee[];

  beforeAll(async () => {
    company = await companyWithHr();
    mine = await stored(
      employee(company.siret, { firstName: 'Léa', lastName: 'Bernard', account: 'PENDING_PASSWORD' }),
      employee(company.siret, { employment: { status: 'CONFIRMED', decidedAt: '2026-02-03T10:00:00.000Z' } }),
      employee(company.siret, { recommendedAt: '2026-02-04T10:00:00.000Z' }),
    );
    await stored(employee(await declaredCompany()));
  });

  it('lists the employees registered with its SIRET with their name, registration date and statuses only', async () => {
    const response = await api('GET', `/companies/${company.siret}/employees`, { token: company.token });
    expect(response.status).toBe(200);
    expect(response.body.cursor).toBeUndefined();
    expect(response.body.employees).toEqual([
      {
        employeeId: mine[0]!.id,
        firstName: 'Léa',
        lastName: 'Bernard',
        registeredAt: mine[0]!.registeredAt,
        account: 'PENDING_PASSWORD',
        employment: { status: 'PENDING' },
      },
      {
        employeeId: mine[1]!.id,
        firstName: 'Alice',
        lastName: mine[1]!.lastName,
        registeredAt: mine[1]!.registeredAt,
        account: 'ACTIVE',
        employment: { status: 'CONFIRMED', decidedAt: '2026-02-03T10:00:00.000Z' },
      },
      {
        employeeId: mine[2]!.id,
        firstName: 'Alice',
        lastName: mine[2]!.lastName,
        registeredAt: mine[2]!.registeredAt,
        account: 'ACTIVE',
        employment: { status: 'PENDING' },
        recommendedAt: '2026-02-04T10:00:00.000Z',
      },
    ]);
    const text = JSON.stringify(response.body);
    for (const secret of [mine[0]!.email, mine[0]!.nud, mine[0]!.phone]) expect(text).not.toContain(secret);
  });

  it('leaves out an item that does not read as an employee, instead of failing the page', async () => {
    const other = await companyWithHr();
    const [good] = await stored(employee(other.siret));
    const { employment: _employment, ...broken } = employeeToItem(employee(other.siret, { registeredAt: '2020-01-01T00:00:00.000Z' }));
    const table = localTable();
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...broken, lastName: 42 } }));
    const response = await api('GET', `/companies/${other.siret}/employees`, { token: other.token });
    expect(response.status).toBe(200);
    expect(response.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual([good!.id]);
  });

  it('pages with a limit and an opaque cursor', async () => {
    const first = await api('GET', `/companies/${company.siret}/employees?limit=2`, { token: company.token });
    expect(first.status).toBe(200);
    expect(first.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual([mine[0]!.id, mine[1]!.id]);
    expect(first.body.cursor).toEqual(expect.any(String));
    const next = await api('GET', `/companies/${company.siret}/employees?limit=2&cursor=${first.body.cursor}`, {
      token: company.token,
    });
    expect(next.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual([mine[2]!.id]);
    expect(next.body.cursor).toBeUndefined();
  });

  it('refuses a company listing another company’s employees (403)', async () => {
    expect((await api('GET', `/companies/${company.siret}/employees`, { token: await tokenOf('company') })).status).toBe(403);
    expect((await api('GET', `/companies/${acme}/employees`, { token: company.token })).status).toBe(403);
    expect((await api('GET', `/companies/${acme}/employees`, { token: await tokenOf('company-other') })).status).toBe(403);
    expect((await api('GET', `/companies/${acme}/employees`)).status).toBe(401);
  });

  it('lets an operator read any company’s list', async () => {
    const response = await api('GET', `/companies/${company.siret}/employees`, { token: await tokenOf('operator') });
    expect(response.status).toBe(200);
    expect(response.body.employees).toHaveLength(3);
  });

  it('answers 400 naming the parameter for a bad limit, a forged cursor or another company’s cursor', async () => {
    const { token, siret } = company;
    const badLimit = await api('GET', `/companies/${siret}/employees?limit=0`, { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['query.limit']);

    const forged = await api('GET', `/companies/${siret}/employees?cursor=not-a-cursor`, { token });
    expect(forged.status).toBe(400);
    expect(forged.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['query.cursor']);

    const other = await declaredCompany();
    await stored(employee(other), employee(other));
    const foreign = await api('GET', `/companies/${other}/employees?limit=1`, { token: await tokenOf('operator') });
    const replayed = await api('GET', `/companies/${siret}/employees?cursor=${foreign.body.cursor}`, { token });
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['query.cursor']);
  });
});

describe('POST /companies/{siret}/employees/{employeeId}/employment', () => {
  const decide = async (siret: string, employeeId: string, body: unknown, token?: string) =>
    api('POST', `/companies/${siret}/employees/${employeeId}/employment`, { token: token ?? (await tokenOf('company')), body });

  it('confirms an employee, answers the same decision again without change, and lets the company change its mind', async () => {
    const [worker] = await stored(employee(acme));
    const confirmed = await decide(acme, worker!.id, { decision: 'confirmed' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({
      employeeId: worker!.id,
      employment: { status: 'CONFIRMED', decidedAt: expect.any(String) },
    });
    expect(await localTable().get(employeeKey(worker!.id))).toMatchObject({
      employment: { status: 'CONFIRMED', decidedAt: confirmed.body.employment.decidedAt },
      email: worker!.email,
    });

    const again = await decide(acme, worker!.id, { decision: 'confirmed' });
    expect(again.body).toEqual(confirmed.body);

    const rejected = await decide(acme, worker!.id, { decision: 'rejected', reason: 'Ne fait plus partie des effectifs' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.employment).toMatchObject({ status: 'REJECTED', reason: 'Ne fait plus partie des effectifs' });
    expect(Date.parse(rejected.body.employment.decidedAt)).toBeGreaterThanOrEqual(Date.parse(confirmed.body.employment.decidedAt));
    expect(await localTable().get(employeeKey(worker!.id))).toMatchObject({ employment: { status: 'REJECTED' } });
  });

  it('answers 404, the same for both, to an unknown employee and to an employee of another company, and changes nothing', async () => {
    const [elsewhere] = await stored(employee(boulangerie));
    const foreign = await decide(acme, elsewhere!.id, { decision: 'rejected' });
    const unknown = await decide(acme, randomUUID(), { decision: 'rejected' });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body).toEqual(unknown.body);
    expect(await localTable().get(employeeKey(elsewhere!.id))).toMatchObject({ employment: { status: 'PENDING' } });
  });

  it('is reserved to the company of that SIRET (403 for another company and for operators)', async () => {
    const [worker] = await stored(employee(acme));
    expect((await decide(acme, worker!.id, { decision: 'confirmed' }, await tokenOf('company-other'))).status).toBe(403);
    expect((await decide(acme, worker!.id, { decision: 'confirmed' }, await tokenOf('operator'))).status).toBe(403);
    expect((await decide(boulangerie, worker!.id, { decision: 'confirmed' })).status).toBe(403);
    expect(await localTable().get(employeeKey(worker!.id))).toMatchObject({ employment: { status: 'PENDING' } });
  });

  it('answers 400 with field paths to a bad body or identifier', async () => {
    const [worker] = await stored(employee(acme));
    const fieldsOf = (response: { body: { error: { fields: { field: string }[] } } }) =>
      response.body.error.fields.map((f) => f.field).sort();

    const bad = await decide(acme, worker!.id, { decision: 'maybe', reason: '' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['body.decision', 'body.reason']);

    const missing = await decide(acme, worker!.id, {});
    expect(fieldsOf(missing)).toEqual(['body.decision']);

    const extra = await decide(acme, worker!.id, { decision: 'confirmed', status: 'CONFIRMED' });
    expect(extra.status).toBe(400);

    const badId = await decide(acme, 'x%20y', { decision: 'confirmed' });
    expect(badId.status).toBe(400);
    expect(fieldsOf(badId)).toEqual(['path.employeeId']);
    expect(await localTable().get(employeeKey(worker!.id))).toMatchObject({ employment: { status: 'PENDING' } });
  });
});

describe('POST and DELETE /companies/{siret}/employees/{employeeId}/recommendation', () => {
  const recommendation = async (method: 'POST' | 'DELETE', siret: string, employeeId: string, token?: string) =>
    api(method, `/companies/${siret}/employees/${employeeId}/recommendation`, { token: token ?? (await tokenOf('company')) });

  it('records a recommendation once, keeps its first date, and withdraws it', async () => {
    const [worker] = await stored(employee(acme));
    const first = await recommendation('POST', acme, worker!.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ employeeId: worker!.id, recommended: true, recommendedAt: expect.any(String) });
    const again = await recommendation('POST', acme, worker!.id);
    expect(again.body).toEqual(first.body);
    expect(await localTable().get(employeeKey(worker!.id))).toMatchObject({ recommendedAt: first.body.recommendedAt });

    const withdrawn = await recommendation('DELETE', acme, worker!.id);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual({ employeeId: worker!.id, recommended: false });
    expect(await localTable().get(employeeKey(worker!.id))).not.toHaveProperty('recommendedAt');
    expect((await recommendation('DELETE', acme, worker!.id)).status).toBe(200);
  });

  it('shows the recommendation in the company’s list', async () => {
    const company = await companyWithHr();
    const [worker] = await stored(employee(company.siret));
    const recommended = await recommendation('POST', company.siret, worker!.id, company.token);
    const list = await api('GET', `/companies/${company.siret}/employees`, { token: company.token });
    expect(list.body.employees).toEqual([
      expect.objectContaining({ employeeId: worker!.id, recommendedAt: recommended.body.recommendedAt }),
    ]);
  });

  it('answers 404 for another company’s employee or an unknown one, and 403 to other companies and operators', async () => {
    const [elsewhere] = await stored(employee(boulangerie, { recommendedAt: '2026-02-04T10:00:00.000Z' }));
    for (const method of ['POST', 'DELETE'] as const) {
      expect((await recommendation(method, acme, elsewhere!.id)).status).toBe(404);
      expect((await recommendation(method, acme, randomUUID())).status).toBe(404);
      expect((await recommendation(method, boulangerie, elsewhere!.id)).status).toBe(403);
      expect((await recommendation(method, boulangerie, elsewhere!.id, await tokenOf('operator'))).status).toBe(403);
    }
    expect(await localTable().get(employeeKey(elsewhere!.id))).toMatchObject({ recommendedAt: '2026-02-04T10:00:00.000Z' });
  });
});
