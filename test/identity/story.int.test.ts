import { describe, expect, it } from 'vitest';
import { applicationKey } from '#applications/application-store.ts';
import { requiredDocumentTypes, documentRules } from '#housing-file/document-rules.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import { situationBody } from '../support/employees.ts';
import { registeredEmployee } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import { applicantCountOf, publishedOffer } from '../applications/support.ts';

/**
 * The employee's whole story through HTTP on the local cloud, as the issue tells it:
 * registration → e-mail link → password → login → "Ma situation" → documents → HR confirmation
 * → a complete file → "Je postule" → erasure.
 */
describe('an employee’s housing file, from registration to complete', () => {
  it('goes from registration to a complete file', async () => {
    const employee = await registeredEmployee({ siret: '43219876500013' });
    const token = employee.idToken;

    const situation = await api('PUT', '/me/situation', {
      token,
      body: situationBody({
        // Registered 14 months ago and never renewed: expired (rule R4) until renewed below.
        nudRegisteredDaysAgo: 14 * 30,
        members: { applicant: '1999-04-12', spouse: '2000-09-30' },
        rfrN2: 31_000,
        contractStart: '2023-09-01',
        searchCriteria: {
          kinds: ['apartment'],
          typologies: ['T2', 'T3'],
          communes: ['75056', '92012'],
          minSurfaceM2: 35,
          maxRentEuros: 900,
        },
      }),
    });
    expect(situation.status).toBe(200);
    expect(situation.body.household.category).toMatchObject({ category: 3, jeuneMenage: true });
    expect(situation.body.nud.number).toBe(employee.nud);

    const required = requiredDocumentTypes(documentRules);
    for (const type of required) {
      const upload = await api('POST', '/me/documents', {
        token,
        body: { type, contentType: 'application/pdf', sizeBytes: 8 },
      });
      expect(upload.status).toBe(201);
      const put = await fetch(upload.body.upload.url, { method: 'PUT', headers: upload.body.upload.headers, body: '%PDF-1.7' });
      expect(put.status).toBe(200);
    }

    // Every document received, but the employer has not confirmed the employment yet.
    const beforeConfirmation = await waitForDocuments(token, required.length);
    expect(beforeConfirmation.completeness).toEqual({
      complete: false,
      missing: [expect.objectContaining({ reason: 'employment-not-confirmed' })],
    });

    const confirmed = await api('POST', `/companies/43219876500013/employees/${employee.employeeId}/employment`, {
      token: await tokenOf('company'),
      body: { decision: 'confirmed' },
    });
    expect(confirmed.status).toBe(200);

    const after = await api('GET', '/me/documents', { token });
    expect(after.body.completeness).toEqual({ complete: true, missing: [] });

    // The complete file can apply; erasing the account then withdraws and removes the application.
    const offerId = await publishedOffer();
    // The request must be renewed (rule R4) before applying.
    const refused = await api('POST', `/offers/${offerId}/applications`, { token });
    expect(refused.body.error.code).toBe('NUD_INVALID');
    expect((await api('POST', '/me/nud-renewal', { token, body: {} })).status).toBe(200);
    const applied = await api('POST', `/offers/${offerId}/applications`, { token });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.message).toBe('Ce logement a bien été ajouté à votre candidature');
    expect(await applicantCountOf(offerId)).toBe(1);
    const exported = await api('GET', '/me/export', { token });
    expect(exported.body.data.Employee[0].appliedOfferIds).toEqual([offerId]);
    expect((await api('DELETE', '/me', { token })).status).toBe(200);
    expect(await applicantCountOf(offerId)).toBe(0);
    expect(await localTable().get(applicationKey(offerId, employee.employeeId))).toBeUndefined();
  });

  it('keeps an employee out of company data and other roles out of the employee’s file', async () => {
    const employee = await registeredEmployee();
    expect((await api('GET', '/companies/43219876500013/employees', { token: employee.idToken })).status).toBe(403);
    expect((await api('GET', '/companies/43219876500013', { token: employee.idToken })).status).toBe(403);
    expect((await api('GET', '/me/situation', { token: await tokenOf('company') })).status).toBe(403);
    expect((await api('GET', '/me/documents', { token: await tokenOf('operator') })).status).toBe(403);
  });
});

/** The file once every uploaded document was received (S3 event processed). */
function waitForDocuments(token: string, count: number) {
  return eventually(`${count} documents received`, async () => {
    const response = await api('GET', '/me/documents', { token });
    const received = response.body.documents.filter((d: { status: string }) => d.status === 'RECEIVED');
    return received.length >= count ? response.body : undefined;
  });
}
