import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { employeeKey } from '#identity/employee-store.ts';
import { api, tokenOf } from '../support/api.ts';
import { claimsOf, createTestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { localTable } from '../support/table.ts';
import { applicantCountOf, closeWindow, employeeWithCompleteFile, publishedOffer } from './support.ts';

const message = 'Ce logement a bien été ajouté à votre candidature';
const fieldsOf = (body: { error: { fields?: { field: string }[] } }) => (body.error.fields ?? []).map((f) => f.field);
const apply = async (offerId: string, token?: string) =>
  api('POST', `/offers/${offerId}/applications`, { token: token ?? (await tokenOf('employee')) });
const demoEmployeeId = async () => claimsOf(await tokenOf('employee')).sub;

describe('Je postule', () => {
  it('an eligible employee with a complete file applies, and the offer counts one applicant', async () => {
    const offerId = await publishedOffer();
    const response = await apply(offerId);
    expect(response.status).toBe(201);
    expect(response.body.message).toBe(message);
    expect(response.body.application).toMatchObject({
      applicationId: offerId,
      status: 'SUBMITTED',
      offer: { offerId, commune: '75056', typology: 'T3', rentEuros: 610, chargesEuros: 120, rentWithChargesEuros: 730 },
    });
    expect(await applicantCountOf(offerId)).toBe(1);
    // Frees the place under the cap for the other tests of the demo employee.
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: await tokenOf('employee') })).status).toBe(200);
  });

  it('50 concurrent repeats make one application, counted once on the offer and on the employee', async () => {
    const employee = await employeeWithCompleteFile();
    const offerId = await publishedOffer();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api('POST', `/offers/${offerId}/applications`, { token: employee.token })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(responses.map((r) => r.body.application.appliedAt)).size).toBe(1);
    expect(responses.every((r) => r.body.message === message)).toBe(true);
    expect(await applicantCountOf(offerId)).toBe(1);
    const table = localTable();
    expect(await table.get(applicationKey(offerId, employee.id))).toMatchObject({ status: 'SUBMITTED' });
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ activeApplications: 1 });
  });

  it('withdrawing then applying again counts one application on the offer and the employee', async () => {
    const employee = await employeeWithCompleteFile();
    const offerId = await publishedOffer();
    const table = localTable();
    expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: employee.token })).status).toBe(200);
    expect(await applicantCountOf(offerId)).toBe(0);
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ activeApplications: 0 });
    expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    expect(await applicantCountOf(offerId)).toBe(1);
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ activeApplications: 1 });
  });

  it('an unknown offer is a 404', async () => {
    const response = await apply('7a0c3f3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f');
    expect(response.status).toBe(404);
  });

  it('an offer still in draft cannot be applied to (404)', async () => {
    const created = await api('POST', '/landlord/offers', {
      token: await tokenOf('landlord'),
      body: { externalReference: `DRAFT-${Date.now()}` },
    });
    expect(created.status).toBe(201);
    expect((await apply(created.body.offerId)).status).toBe(404);
  });

  it('an offer whose window closed refuses applications with WINDOW_CLOSED', async () => {
    const offerId = await publishedOffer();
    await closeWindow(offerId);
    const response = await apply(offerId);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('WINDOW_CLOSED');
    expect(await applicantCountOf(offerId)).toBe(0);
  });

  it('an employee whose NUD was not renewed for more than 12 months cannot apply', async () => {
    const offerId = await publishedOffer();
    const employee = await createTestEmployee({ employee: { employment: { status: 'CONFIRMED' } } });
    await updateEmployeeItem(employee.id, 'SET nudFirstRegisteredOn = :old, nudLastRenewedOn = :old', { ':old': '2024-01-15' });
    const response = await apply(offerId, employee.token);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('NUD_INVALID');
    expect(await applicantCountOf(offerId)).toBe(0);
  });

  it('an employee whose file is incomplete cannot apply, and is told what is missing', async () => {
    const offerId = await publishedOffer();
    const response = await apply(offerId, await tokenOf('employee-incomplete'));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('FILE_INCOMPLETE');
    expect(fieldsOf(response.body)).toContain('file.employment');
    expect(fieldsOf(response.body).length).toBeGreaterThan(1);
    expect(await applicantCountOf(offerId)).toBe(0);
  });

  it('an employee whose criteria the offer does not meet cannot apply, and is told which', async () => {
    const offerId = await publishedOffer({ typology: 'T4', rooms: 4, bedrooms: 3, surfaceM2: 80 });
    const response = await apply(offerId);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('NOT_ELIGIBLE');
    expect(fieldsOf(response.body)).toContain('eligibility.typology');
    expect(await applicantCountOf(offerId)).toBe(0);
  });

  it('an employee cannot apply to an offer above the rent of the criteria, and only that criterion is blamed', async () => {
    // 880 € + 120 € of charges, over the demo employee's 950 € with charges.
    const offerId = await publishedOffer({ rentEuros: 880, depositEuros: 880 });
    const response = await apply(offerId);
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('NOT_ELIGIBLE');
    expect(fieldsOf(response.body)).toEqual(['eligibility.rent']);
    expect(await applicantCountOf(offerId)).toBe(0);
  });

  it('only employees may apply (403 for a landlord or an operator)', async () => {
    const offerId = await publishedOffer();
    expect((await apply(offerId, await tokenOf('landlord'))).status).toBe(403);
    expect((await apply(offerId, await tokenOf('operator'))).status).toBe(403);
    expect((await api('GET', '/me/applications', { token: await tokenOf('landlord') })).status).toBe(403);
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: await tokenOf('landlord') })).status).toBe(403);
  });
});

describe('Mes candidatures', () => {
  it('withdraws on an inconsistent count (already 0) without a 500: the count is set back to 0', async () => {
    const employee = await employeeWithCompleteFile();
    const offerId = await publishedOffer();
    expect((await apply(offerId, employee.token)).status).toBe(201);
    const table = localTable();
    await updateEmployeeItem(employee.id, 'SET activeApplications = :broken', { ':broken': -1 });
    const withdrawn = await api('DELETE', `/me/applications/${offerId}`, { token: employee.token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect(await applicantCountOf(offerId)).toBe(0);
    expect(await table.get(employeeKey(employee.id))).toMatchObject({ activeApplications: 0 });
  });

  it('lists the application with its status and offer summary, then withdrawing decrements the counts', async () => {
    const offerId = await publishedOffer({ residenceName: 'Résidence Liste' });
    expect((await apply(offerId)).status).toBe(201);
    const token = await tokenOf('employee');
    const listed = await api('GET', '/me/applications?limit=100', { token });
    expect(listed.status).toBe(200);
    const mine = listed.body.applications.find((a: { applicationId: string }) => a.applicationId === offerId);
    expect(mine).toMatchObject({ status: 'SUBMITTED', offer: { residenceName: 'Résidence Liste', commune: '75056', typology: 'T3' } });
    expect(mine.position).toBeUndefined();

    const table = localTable();
    const employeeId = await demoEmployeeId();
    const withdrawn = await api('DELETE', `/me/applications/${offerId}`, { token });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect(await applicantCountOf(offerId)).toBe(0);
    expect(await table.get(applicationKey(offerId, employeeId))).toMatchObject({ status: 'WITHDRAWN' });

    const again = await api('DELETE', `/me/applications/${offerId}`, { token });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('WITHDRAWN');
    expect(await applicantCountOf(offerId)).toBe(0);

    const relisted = await api('GET', '/me/applications?limit=100', { token });
    expect(relisted.body.applications.find((a: { applicationId: string }) => a.applicationId === offerId).status).toBe('WITHDRAWN');
  });

  it('pages through the applications with a cursor', async () => {
    const token = await tokenOf('employee');
    const offers = [await publishedOffer(), await publishedOffer()];
    for (const offerId of offers) expect((await apply(offerId)).status).toBe(201);
    for (const offerId of offers) expect((await api('DELETE', `/me/applications/${offerId}`, { token })).status).toBe(200);
    const first = await api('GET', '/me/applications?limit=1', { token });
    expect(first.status).toBe(200);
    expect(first.body.applications).toHaveLength(1);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await api('GET', `/me/applications?limit=1&cursor=${first.body.cursor}`, { token });
    expect(second.body.applications).toHaveLength(1);
    expect(second.body.applications[0].applicationId).not.toBe(first.body.applications[0].applicationId);
  });

  it('answers 400 to a forged cursor, or one from another employee’s list, instead of a 500', async () => {
    const token = await tokenOf('employee');
    const encode = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const forged = encode({ a: 'b' });
    const foreign = encode({ PK: 'OFFER#x', SK: 'APPLICATION#someone', GSI1PK: 'EMPLOYEE#someone#APPLICATIONS', GSI1SK: 'x' });
    for (const cursor of [forged, foreign]) {
      const response = await api('GET', `/me/applications?cursor=${cursor}`, { token });
      expect(response.status).toBe(400);
      expect(response.body.error.fields[0].field).toBe('query.cursor');
    }
  });

  it('an application cannot be withdrawn once the window closed (409)', async () => {
    const offerId = await publishedOffer();
    expect((await apply(offerId)).status).toBe(201);
    await closeWindow(offerId);
    const response = await api('DELETE', `/me/applications/${offerId}`, { token: await tokenOf('employee') });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('WINDOW_CLOSED');
    expect(await applicantCountOf(offerId)).toBe(1);
  });

  it('another employee cannot withdraw it (404), and the application stays', async () => {
    const offerId = await publishedOffer();
    expect((await apply(offerId)).status).toBe(201);
    const other = await createTestEmployee();
    const response = await api('DELETE', `/me/applications/${offerId}`, { token: other.token });
    expect(response.status).toBe(404);
    const table = localTable();
    const item = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: applicationKey(offerId, await demoEmployeeId()) }),
    );
    expect(item.Item?.status).toBe('SUBMITTED');
    expect(await applicantCountOf(offerId)).toBe(1);
  });
});
