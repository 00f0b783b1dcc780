import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, tokenOf } from '../support/api.ts';
import type { TestEmployee } from '../support/employees.ts';
import { applicants, applyAll, candidatesPage, decide, eventOf, lifecycleCloudOfFile, statusOf } from '../lifecycle/support.ts';
import { employeeWithCompleteFile, publishedOffer } from './support.ts';

/**
 * Issue 13, item 8: the live position "12e sur 87" of "Mes candidatures", read just before the
 * window closes, is the rank the robot gives at the close when nothing changed in between; and
 * the published results of attributed offers. A cloud of the file's own (its offers are the only
 * ones attributed), whose window lasts 20 seconds and whose commission waits long enough that the
 * ranks stay as the robot wrote them.
 */
lifecycleCloudOfFile({
  applicationWindow: 'PT20S',
  commissionDeadline: 'PT10M',
  commissionGrace: 'PT10M',
  acceptancePeriod: 'PT10M',
});

interface Listed {
  applicationId: string;
  status: string;
  position?: number;
  provisionalPosition?: { position: number; of: number; text: string };
  offer: { closesAt: string };
}

const mine = async (employee: TestEmployee, offerId: string): Promise<Listed> => {
  const response = await api('GET', '/me/applications?limit=50', { token: employee.token });
  expect(response.status).toBe(200);
  const found = (response.body.applications as Listed[]).find((application) => application.applicationId === offerId);
  if (!found) throw new Error(`no application to ${offerId}`);
  return found;
};

/** The provisional score `GET /offers/{id}` shows the employee while the window is open. */
const provisionalScoreOf = async (employee: TestEmployee, offerId: string) => {
  const response = await api('GET', `/offers/${offerId}`, { token: employee.token });
  expect(response.status).toBe(200);
  return response.body.provisionalScore as { total: number; basis: string; breakdown: { criterion: string; points: number }[] };
};

describe('the live position in "Mes candidatures"', () => {
  it('read before the close, equals the robot’s rank, and the provisional score its score; a withdrawn application leaves the count', async () => {
    // Requests of different ages: different seniority points, so distinct scores.
    const staying = await applicants(4);
    const leaving = await employeeWithCompleteFile({ nudRegisteredDaysAgo: 200 });
    const offerId = await publishedOffer();
    await applyAll(offerId, [...staying, leaving]);
    expect((await api('DELETE', `/me/applications/${offerId}`, { token: leaving.token })).status).toBe(200);

    const [live, provisional] = await Promise.all([
      Promise.all(staying.map((employee) => mine(employee, offerId))),
      Promise.all(staying.map((employee) => provisionalScoreOf(employee, offerId))),
    ]);
    // Read while the window was still open: otherwise the test proves nothing.
    expect(Date.now()).toBeLessThan(Date.parse(live[0]!.offer.closesAt));
    const positions = live.map((application) => application.provisionalPosition);
    expect(positions.map((position) => position?.of)).toEqual([4, 4, 4, 4]);
    expect(positions.map((position) => position?.position).sort()).toEqual([1, 2, 3, 4]);
    expect(positions.find((position) => position?.position === 1)?.text).toBe('1er sur 4');
    expect(positions.find((position) => position?.position === 3)?.text).toBe('3e sur 4');
    expect((await mine(leaving, offerId)).provisionalPosition).toBeUndefined();

    const ranked = await Promise.all(staying.map((employee) => statusOf(employee.token, offerId, ['SELECTED', 'NOT_SELECTED'])));
    expect(ranked.map((application) => application.position)).toEqual(positions.map((position) => position?.position));
    // The provisional score the offer's details showed is the score the robot gave, line for line.
    expect(provisional.map((score) => score.basis)).toEqual(['application', 'application', 'application', 'application']);
    expect(ranked.map((application) => application.score)).toEqual(provisional.map((score) => score.total));
    const lines = (breakdown: { criterion: string; points: number }[] = []) =>
      breakdown.map(({ criterion, points }) => ({ criterion, points }));
    expect(ranked.map((application) => lines(application.scoreBreakdown))).toEqual(provisional.map((score) => lines(score.breakdown)));
    expect(new Set(provisional.map((score) => score.total)).size).toBe(4);
    // Closed: the position shown is the rank, no longer a provisional one, and no provisional score.
    expect((await mine(staying[0]!, offerId)).provisionalPosition).toBeUndefined();
    expect(await provisionalScoreOf(staying[0]!, offerId)).toBeUndefined();
    // A withdrawn application still opens its offer from "Mes candidatures" after the close.
    expect((await api('GET', `/offers/${offerId}`, { token: leaving.token })).status).toBe(200);
  });
});

/** The commission keeps the robot's order; rank 1 accepts; waits for the attribution. Returns who got it. */
async function attribute(offerId: string, employees: readonly TestEmployee[]): Promise<TestEmployee> {
  const candidates = await candidatesPage(offerId);
  expect(candidates.status).toBe(200);
  const ranking = (candidates.body.candidates as { applicationId: string }[]).map(({ applicationId }) => ({ applicationId }));
  expect((await decide(offerId, { ranking })).status).toBe(200);
  const first = employees.find((employee) => employee.id === ranking[0]!.applicationId)!;
  await statusOf(first.token, offerId, ['OFFERED']);
  expect((await api('POST', `/me/applications/${offerId}/accept`, { token: first.token })).status).toBe(200);
  await eventOf(offerId, 'OFFER_ATTRIBUTED');
  return first;
}

describe('GET /results, the published results of attributed offers', () => {
  it('shows per attributed offer its counts, and the attributed file’s score and seniority only from 5 applicants', async () => {
    const four = await applicants(4);
    const five = [...four, await employeeWithCompleteFile({ nudRegisteredDaysAgo: 20 })];
    const popular = await publishedOffer();
    const quiet = await publishedOffer({ typology: 'T2', rooms: 2, bedrooms: 1, surfaceM2: 45 });
    await Promise.all([applyAll(popular, five), applyAll(quiet, four.slice(0, 2))]);
    await Promise.all(five.map((employee) => statusOf(employee.token, popular, ['SELECTED', 'NOT_SELECTED'])));
    await Promise.all(four.slice(0, 2).map((employee) => statusOf(employee.token, quiet, ['SELECTED'])));
    const [winner] = await Promise.all([attribute(popular, five), attribute(quiet, four)]);
    const score = (await mine(winner, popular)) as Listed & { score: number };
    // The attributed offer's address stays shown to its applicants (attributed, not selected), as
    // closed; to an employee who did not apply it is an unknown offer, so no result row can be matched to it.
    for (const applicant of five) {
      const seen = await api('GET', `/offers/${popular}`, { token: applicant.token });
      expect(seen.status).toBe(200);
      expect(seen.body.eligibility.reasons[0]).toMatchObject({ code: 'window', met: false });
    }
    const outsider = await tokenOf('employee');
    const [hidden, unknown] = await Promise.all([
      api('GET', `/offers/${popular}`, { token: outsider }),
      api('GET', `/offers/${randomUUID()}`, { token: outsider }),
    ]);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(unknown.body);

    for (const account of ['employee', 'landlord', 'operator']) {
      const response = await api('GET', '/results?department=75&commune=75056', { token: await tokenOf(account) });
      expect(response.status).toBe(200);
      const results = response.body.results as { typology: string; applicants: number; attributed?: Record<string, unknown> }[];
      expect(results).toHaveLength(2);
      const [detailed, counted] = [results.find((r) => r.applicants === 5), results.find((r) => r.applicants === 2)];
      expect(detailed).toEqual({
        typology: 'T3',
        commune: '75056',
        communeName: expect.any(String),
        financing: expect.any(String),
        applicants: 5,
        attributed: { score: score.score, seniorityBand: 'moins d’1 an', daysToAttribution: 0 },
      });
      expect(counted).toEqual({
        typology: 'T2',
        commune: '75056',
        communeName: expect.any(String),
        financing: expect.any(String),
        applicants: 2,
      });
      // Nothing that identifies an offer or a person.
      const text = JSON.stringify(response.body);
      for (const id of [popular, quiet, ...five.map((employee) => employee.id), ...five.map((employee) => employee.email)]) {
        expect(text).not.toContain(id);
      }
    }
    // One result per page: the same rows, and cursors that name a closing instant, never an offer.
    const token = await tokenOf('employee');
    const paged: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await api('GET', `/results?department=75&commune=75056&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      paged.push(...page.body.results);
      cursor = page.body.cursor;
      if (cursor) {
        const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
        expect(Object.keys(JSON.parse(decoded)).sort()).toEqual(['closedBefore', 'skip']);
        for (const id of [popular, quiet]) expect(decoded).not.toContain(id);
      }
    } while (cursor);
    const all = await api('GET', '/results?department=75&commune=75056', { token });
    expect(paged).toEqual(all.body.results);
    expect((await api('GET', '/results?department=75')).status).toBe(401);
    const bad = await api('GET', '/results?department=7&commune=123', { token: await tokenOf('employee') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['query.commune', 'query.department']);
  }, 120_000); // two offers played through their whole lifecycle (windows of seconds)
});
