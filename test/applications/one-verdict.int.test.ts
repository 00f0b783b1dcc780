import { describe, expect, it } from 'vitest';
import { applicationRules } from '#applications/application-rules.ts';
import { api } from '../support/api.ts';
import { employeeWithSituation, receiveRequiredDocuments, type TestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { employeeWithCompleteFile, publishedOffer } from './support.ts';

/**
 * Issue 13, item 1, through HTTP: the tabs, `GET /offers/{id}` and "Je postule" give one verdict.
 * For the same person and offer, `eligible: false` goes with an empty tab that says what is
 * missing and a 422; once the gap is fixed, `eligible: true` goes with the offer listed and a 201.
 * Item 8: the details carry the provisional score while the window is open.
 */
const parisSearch = { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 };

/** The employee of `employeeWithCompleteFile`, without the documents. */
const withoutDocuments = () =>
  employeeWithSituation({
    nudRegisteredDaysAgo: 60,
    members: { applicant: '1996-05-14', child: '2021-11-02' },
    rfrN2: 24_500,
    contractStart: '2022-01-10',
    searchCriteria: parisSearch,
  });

const listed = async (employee: TestEmployee, offerId: string) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  let body: Record<string, unknown> = {};
  do {
    const response = await api('GET', `/offers?tab=requested&limit=50${cursor ? `&cursor=${cursor}` : ''}`, { token: employee.token });
    expect(response.status).toBe(200);
    body = response.body;
    ids.push(...response.body.offers.map((offer: { offerId: string }) => offer.offerId));
    cursor = response.body.cursor;
  } while (cursor);
  return {
    found: ids.includes(offerId),
    message: body.message as string | undefined,
    missing: body.missing as { code: string; fixAt: string }[] | undefined,
  };
};

const details = async (employee: TestEmployee, offerId: string) => {
  const response = await api('GET', `/offers/${offerId}`, { token: employee.token });
  expect(response.status).toBe(200);
  return response.body;
};

const apply = (employee: TestEmployee, offerId: string) => api('POST', `/offers/${offerId}/applications`, { token: employee.token });

describe('one verdict for the tabs, the details and "Je postule"', () => {
  it('an incomplete file: no offer in the tabs, what is missing, not eligible, 422; complete: listed, eligible, 201', async () => {
    const offerId = await publishedOffer();
    const employee = await withoutDocuments();

    const before = await listed(employee, offerId);
    expect(before.found).toBe(false);
    expect(before.message).toMatch(/^Dossier incomplet : vous ne recevrez aucune offre/);
    expect(before.missing).toContainEqual(expect.objectContaining({ code: 'document-absent', fixAt: '/mes-documents' }));
    const refused = await details(employee, offerId);
    expect(refused.eligibility.eligible).toBe(false);
    const file = refused.eligibility.reasons.find((reason: { code: string }) => reason.code === 'file');
    expect(file).toMatchObject({ met: false, fixAt: '/mes-documents' });
    expect(refused.eligibility.missing.length).toBeGreaterThan(0);
    const answer = await apply(employee, offerId);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('FILE_INCOMPLETE');

    await receiveRequiredDocuments(employee.id);
    const after = await listed(employee, offerId);
    expect(after).toEqual({ found: true, message: undefined, missing: undefined });
    const accepted = await details(employee, offerId);
    expect(accepted.eligibility).toMatchObject({ eligible: true, missing: [] });
    expect((await apply(employee, offerId)).status).toBe(201);
    // Applied: still eligible (the application does not count against the cap for its own offer).
    expect((await details(employee, offerId)).eligibility.eligible).toBe(true);
  });

  it('at the cap of active applications: no offer, where to fix it, not eligible, 422 TOO_MANY_APPLICATIONS', async () => {
    const offerId = await publishedOffer();
    const employee = await employeeWithCompleteFile();
    await updateEmployeeItem(employee.id, 'SET activeApplications = :cap', { ':cap': applicationRules.maxActiveApplications });
    const tabs = await listed(employee, offerId);
    expect(tabs.found).toBe(false);
    expect(tabs.message).toMatch(/nombre maximum de candidatures en cours/);
    expect(tabs.missing).toEqual([expect.objectContaining({ code: 'too-many-applications', fixAt: '/mes-candidatures' })]);
    const verdict = await details(employee, offerId);
    expect(verdict.eligibility.eligible).toBe(false);
    expect(verdict.eligibility.reasons.filter((reason: { met: boolean }) => !reason.met).map((r: { code: string }) => r.code)).toEqual([
      'active-applications',
    ]);
    const answer = await apply(employee, offerId);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('TOO_MANY_APPLICATIONS');
  });
});

describe('the provisional score on the offer details (item 8)', () => {
  it('shows the score of the file before applying and of the application after, the same total, its lines summing to it', async () => {
    const offerId = await publishedOffer();
    const employee = await employeeWithCompleteFile();
    const before = (await details(employee, offerId)).provisionalScore;
    expect(before).toMatchObject({ basis: 'file', gridVersion: expect.any(String), scoredAt: expect.any(String) });
    expect(before.total).toBe(before.breakdown.reduce((sum: number, line: { points: number }) => sum + line.points, 0));
    expect(before.breakdown.map((line: { criterion: string }) => line.criterion)).toContain('seniority');

    expect((await apply(employee, offerId)).status).toBe(201);
    const after = (await details(employee, offerId)).provisionalScore;
    expect(after).toMatchObject({ basis: 'application', total: before.total, gridVersion: before.gridVersion });
  });
});
