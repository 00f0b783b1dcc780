import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import type { TestEmployee } from '../support/employees.ts';
import { closeWindow, employeeWithCompleteFile, matchingOffer, publishedOffer } from './support.ts';

/**
 * `GET /offers/{id}` once the window is closed: only the offer's applicants still see it (the
 * links of "Mes candidatures" keep working); any other employee gets the 404 of an unknown id, so
 * that the address of an attributed offer cannot be matched to its row of `GET /results`.
 */
const details = (employee: TestEmployee, offerId: string) => api('GET', `/offers/${offerId}`, { token: employee.token });

/** Every offer id of the employee's "communes demandées" tab, page after page. */
async function requestedTab(employee: TestEmployee): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await api('GET', `/offers?tab=requested&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: employee.token });
    expect(page.status).toBe(200);
    ids.push(...page.body.offers.map((offer: { offerId: string }) => offer.offerId));
    cursor = page.body.cursor;
  } while (cursor);
  return ids;
}

const windowReason = (body: { eligibility: { reasons: { code: string; met: boolean; message: string }[] } }) =>
  body.eligibility.reasons.find((reason) => reason.code === 'window');

describe('an offer whose window is closed', () => {
  it('is shown to its applicants, withdrawn ones included, as closed; to anyone else it is the 404 of an unknown offer', async () => {
    const offerId = await publishedOffer();
    const [applicant, withdrawer, outsider] = await Promise.all([
      employeeWithCompleteFile(),
      employeeWithCompleteFile(),
      employeeWithCompleteFile(),
    ]);
    for (const employee of [applicant, withdrawer]) {
      expect((await api('POST', `/offers/${offerId}/applications`, { token: employee.token })).status).toBe(201);
    }
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: withdrawer.token })).status).toBe(200);

    // Open: everyone sees it, the window met; the outsider's tab lists it.
    for (const employee of [applicant, withdrawer, outsider]) {
      const open = await details(employee, offerId);
      expect(open.status).toBe(200);
      expect(windowReason(open.body)).toMatchObject({ met: true });
    }
    expect(await requestedTab(outsider)).toContain(offerId);

    await closeWindow(offerId);
    // Closed: no tab lists it (the department's index still sorts it as open: the verdict leaves it out).
    for (const employee of [applicant, withdrawer, outsider]) expect(await requestedTab(employee)).not.toContain(offerId);

    for (const employee of [applicant, withdrawer]) {
      const closed = await details(employee, offerId);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ offerId, residenceName: matchingOffer().residenceName });
      expect(closed.body.eligibility.eligible).toBe(false);
      expect(windowReason(closed.body)).toEqual({ code: 'window', met: false, message: 'Les candidatures à cette offre sont closes.' });
      expect(closed.body).not.toHaveProperty('provisionalScore');
    }

    const hidden = await details(outsider, offerId);
    const unknown = await details(outsider, randomUUID());
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(hidden.body)).not.toContain(offerId);
  });

  it('answers a draft with the same 404 as an unknown id', async () => {
    const landlord = await tokenOf('landlord');
    const draft = await api('POST', '/landlord/offers', { token: landlord, body: matchingOffer() });
    expect(draft.status).toBe(201);
    const employee = await employeeWithCompleteFile();
    const [ofDraft, unknown] = await Promise.all([details(employee, draft.body.offerId), details(employee, randomUUID())]);
    expect(ofDraft.status).toBe(404);
    expect(ofDraft.body).toEqual(unknown.body);
  });
});
