import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { employeeWithCompleteFile, publishedOffer } from '../applications/support.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import { type TestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { mailsTo } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import {
  activeApplicationsOf,
  applyAll,
  candidatesPage,
  decide,
  eventOf,
  excludeAll,
  historyOf,
  lifecycleCloudOfFile,
  myApplication,
  statusOf,
  type HistoryEvent,
  reserveThatLapses,
} from './support.ts';

/**
 * Issue #13 items 2 and 6 end to end through HTTP: the re-check at the close, the second round
 * when nobody of the first takes the dwelling, and the republication of an unfilled offer. The
 * window lasts seconds; the commission and the candidates answer through the API.
 */
lifecycleCloudOfFile({ applicationWindow: 'PT10S', commissionDeadline: 'PT10M', commissionGrace: 'PT10M', acceptancePeriod: 'PT10M' });

/** Employees whose requests differ in age, oldest first: the robot ranks them in this order. */
const applicants = (count: number) =>
  Promise.all(Array.from({ length: count }, (_, index) => employeeWithCompleteFile({ nudRegisteredDaysAgo: 330 - index * 60 })));

const subjectsOf = async (employee: TestEmployee) => (await mailsTo(employee.email)).map((mail) => mail.subject);
const rankAll = (employees: readonly TestEmployee[]) => ({ ranking: employees.map((employee) => ({ applicationId: employee.id })) });

/** Each ranked candidate, in turn, is offered the dwelling and declines it. */
async function declineInTurn(offerId: string, employees: readonly TestEmployee[]) {
  for (const employee of employees) {
    await statusOf(employee.token, offerId, ['OFFERED']);
    expect((await api('POST', `/me/applications/${offerId}/decline`, { token: employee.token })).status).toBe(200);
  }
}

const detailsOf = (events: HistoryEvent[], kind: string) => events.filter((event) => event.kind === kind).map((event) => event.details);

describe('the re-check at the close (issue #13 item 2)', () => {
  it('leaves unscored, with the reason shown and e-mailed, each file that no longer meets a condition at the close', async () => {
    const employees = await applicants(6);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    // While the window is open, four files stop meeting one condition each: a payslip expires
    // (received 4 months ago), the employment is no longer confirmed, the NUD lapses (first
    // registered 400 days ago, never renewed), the employer is one the scheme does not cover (9 employees).
    const table = localTable();
    const required = requiredDocumentTypes(documentRules);
    const longAgo = new Date(Date.now() - 120 * 86_400_000).toISOString();
    const stale = receivedDocumentItems(employees[0]!.id, required, longAgo, 'complete')[required.indexOf('payslip-1')]!;
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: stale }));
    const change = (employee: TestEmployee, update: string, values: Record<string, unknown>) =>
      updateEmployeeItem(employee.id, update, values);
    await change(employees[1]!, 'SET employment = :pending', { ':pending': { status: 'PENDING' } });
    const lapsed = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    await change(employees[2]!, 'SET nudFirstRegisteredOn = :lapsed REMOVE nudLastRenewedOn', { ':lapsed': lapsed });
    await change(employees[3]!, 'SET siret = :small', { ':small': '51234567800019' });

    const expected: [TestEmployee, string, string][] = [
      [employees[0]!, 'FILE_INCOMPLETE', 'Pièce expirée : Bulletin de salaire (le plus récent)'],
      [employees[1]!, 'EMPLOYMENT_NOT_CONFIRMED', 'pas encore confirmé votre emploi'],
      [employees[2]!, 'NUD_INVALID', 'Votre demande de logement social a expiré'],
      [employees[3]!, 'COMPANY_NOT_ELIGIBLE', '9 salarié(s) pour un minimum de 10'],
    ];
    for (const [employee, code, words] of expected) {
      // "Mes candidatures" shows the status, no score, and why.
      const shown = await statusOf(employee.token, offerId, ['NOT_ELIGIBLE_AT_CLOSE', 'SELECTED', 'NOT_SELECTED']);
      expect(shown.status, code).toBe('NOT_ELIGIBLE_AT_CLOSE');
      expect(shown.score).toBeUndefined();
      expect(shown.position).toBeUndefined();
      expect(shown.closeCheckReasons?.map((reason) => reason.code)).toEqual([code]);
      const [reason] = shown.closeCheckReasons!;
      expect(reason!.message).toContain(words);
      // Its place is free again, and the e-mail gives the same reason.
      expect(await activeApplicationsOf(employee.id)).toBe(0);
      const mail = await eventually('the re-check e-mail', async () =>
        (await mailsTo(employee.email)).find((candidate) => candidate.subject.includes('n’a pas pu être notée')),
      );
      expect(mail.body.text).toContain(reason!.message);
      expect(mail.body.text).toContain('/mes-candidatures');
    }

    // Only the two others are scored: they are the robot's positions 1 and 2.
    const kept = await Promise.all(employees.slice(4).map((employee) => statusOf(employee.token, offerId, ['SELECTED'])));
    expect(kept.map((application) => application.position)).toEqual([1, 2]);
    const selection = await eventOf(offerId, 'ROBOT_SELECTION');
    expect(selection.details).toMatchObject({ applicants: 6, ineligible: 4, notSelected: 0 });
    expect((selection.details.selected as { applicationId: string }[]).map((file) => file.applicationId)).toEqual(
      employees.slice(4).map((employee) => employee.id),
    );
  });
});

describe('beyond rank 3: the second round (issue #13 item 6)', () => {
  it('sends the robot’s next files to the commission when every first-round candidate declines, and attributes in round 2', async () => {
    const employees = await applicants(5);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    const [first, reserve] = [employees.slice(0, 3), employees.slice(3)];
    await statusOf(first[0]!.token, offerId, ['SELECTED']);
    // Ranks 4 and 5 are not selected, but told they are in reserve for a second round.
    for (const employee of reserve) {
      expect((await statusOf(employee.token, offerId, ['NOT_SELECTED'])).position).toBe(employees.indexOf(employee) + 1);
      await eventually('the reserve e-mail', async () =>
        (await subjectsOf(employee)).some((subject) => subject.includes('est en réserve')) ? true : undefined,
      );
      expect(await activeApplicationsOf(employee.id)).toBe(0);
    }

    expect((await decide(offerId, rankAll(first))).status).toBe(200);
    await declineInTurn(offerId, first);

    // Round 2: the reserve goes to the commission, with the robot's positions, active again.
    const again = await Promise.all(reserve.map((employee) => statusOf(employee.token, offerId, ['SELECTED'])));
    expect(again.map((application) => application.round)).toEqual([2, 2]);
    expect(again.map((application) => application.position)).toEqual([4, 5]);
    for (const employee of reserve) expect(await activeApplicationsOf(employee.id)).toBe(1);
    const started = await eventOf(offerId, 'ROUND_STARTED');
    expect(started.details).toMatchObject({
      round: 2,
      selected: reserve.map((employee, index) => ({ applicationId: employee.id, position: 4 + index })),
    });
    // The task again (a retry, a resumed execution): the same round, nothing written twice; never past the last round.
    const { lifecycleDeps } = await import('#lifecycle/lifecycle-deps.ts');
    const { startNextRound } = await import('#lifecycle/tasks/start-next-round.ts');
    const again2 = await startNextRound(lifecycleDeps, { offerId, commissionSeconds: 600, rounds: 2 });
    expect(again2.selected).toBe(2);
    expect((await startNextRound(lifecycleDeps, { offerId, commissionSeconds: 600, rounds: 3 })).selected).toBe(2);
    expect((await historyOf(offerId)).events.filter((event) => event.kind === 'ROUND_STARTED')).toHaveLength(1);
    const candidates = await candidatesPage(offerId);
    expect(candidates.body.round).toBe(2);
    expect(candidates.body.candidates.map((candidate: { applicationId: string }) => candidate.applicationId)).toEqual(
      reserve.map((e) => e.id),
    );
    await eventually('the round-2 e-mail', async () =>
      (await subjectsOf(reserve[0]!)).some((subject) => subject.startsWith('Second tour')) ? true : undefined,
    );

    // The commission ranks the reserve in reverse; its first accepts.
    expect((await decide(offerId, rankAll([reserve[1]!, reserve[0]!]))).status).toBe(200);
    await statusOf(reserve[1]!.token, offerId, ['OFFERED']);
    expect((await api('POST', `/me/applications/${offerId}/accept`, { token: reserve[1]!.token })).status).toBe(200);
    await eventOf(offerId, 'OFFER_ATTRIBUTED');

    const history = await historyOf(offerId);
    expect(history).toMatchObject({ stage: 'ATTRIBUTED', round: 2 });
    expect(detailsOf(history.events, 'COMMISSION_DECISION').map((details) => details.round)).toEqual([1, 2]);
    expect(history.events.map((event) => event.kind)).toEqual([
      'ROBOT_SELECTION',
      'COMMISSION_DECISION',
      ...first.flatMap(() => ['CANDIDATE_OFFERED', 'CANDIDATE_DECLINED']),
      'ROUND_STARTED',
      'COMMISSION_DECISION',
      'CANDIDATE_OFFERED',
      'CANDIDATE_ACCEPTED',
      'OFFER_ATTRIBUTED',
    ]);
    expect((await myApplication(reserve[0]!.token, offerId))?.status).toBe('ATTRIBUTED_TO_OTHER');
    for (const employee of employees) expect(await activeApplicationsOf(employee.id)).toBe(0);
    // Attributed: it cannot be republished.
    const refused = await api('POST', `/landlord/offers/${offerId}/republish`, { token: await tokenOf('landlord'), body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OFFER_NOT_UNFILLED');
  });

  it('ends unfilled after the second round, and the landlord republishes the offer for a new window', async () => {
    const employees = await applicants(4);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    // Round 1: every file excluded; round 2: the only file in reserve excluded too.
    expect((await decide(offerId, excludeAll(employees.slice(0, 3)))).status).toBe(200);
    expect((await statusOf(employees[3]!.token, offerId, ['SELECTED'])).position).toBe(4);
    expect((await decide(offerId, excludeAll(employees.slice(3)))).status).toBe(200);
    const unfilled = await eventOf(offerId, 'OFFER_UNFILLED');
    expect(unfilled.details.reason).toContain('écartés');
    expect(await historyOf(offerId)).toMatchObject({ stage: 'UNFILLED', round: 2 });

    // Only the landlord's offer manager republishes; the commission may not.
    const path = `/landlord/offers/${offerId}/republish`;
    expect((await api('POST', path, { token: await tokenOf('commission'), body: {} })).status).toBe(403);
    const landlord = await tokenOf('landlord');
    const republished = await api('POST', path, { token: landlord, body: {} });
    expect(republished.status).toBe(201);
    expect(republished.body).toMatchObject({ status: 'PUBLISHED' });
    expect(republished.body.offerId).not.toBe(offerId);
    expect(republished.body.externalReference).toMatch(/-RP$/);
    expect(Date.parse(republished.body.closesAt)).toBeGreaterThan(Date.now());
    // A repeat answers the same new offer.
    const repeat = await api('POST', path, { token: landlord, body: {} });
    expect(repeat.body.offerId).toBe(republished.body.offerId);
    const old = await historyOf(offerId);
    expect(old.events.filter((event) => event.kind === 'OFFER_REPUBLISHED').map((event) => event.details)).toEqual([
      { republishedAs: republished.body.offerId },
    ]);
    expect((old as unknown as { republishedAs: string }).republishedAs).toBe(republished.body.offerId);

    // The new offer has its own window: an employee applies, and its robot runs afresh.
    const [late] = await applicants(1);
    expect((await api('POST', `/offers/${republished.body.offerId}/applications`, { token: late!.token })).status).toBe(201);
    expect((await statusOf(late!.token, republished.body.offerId, ['SELECTED'])).position).toBe(1);
  });

  it('checks each reserve file again before it goes to the commission: one that lapsed is set aside and told why', async () => {
    const employees = await applicants(5);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    const [lapsing, next] = [employees[3]!, employees[4]!];
    await statusOf(lapsing.token, offerId, ['NOT_SELECTED']);
    // After the close, rank 4's NUD lapses (first registered 400 days ago, never renewed).
    const lapsed = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
    await updateEmployeeItem(lapsing.id, 'SET nudFirstRegisteredOn = :lapsed REMOVE nudLastRenewedOn', { ':lapsed': lapsed });
    expect((await decide(offerId, excludeAll(employees.slice(0, 3)))).status).toBe(200);

    // Round 2 takes rank 5 only; rank 4 is set aside, with its robot result and why.
    const presented = await statusOf(next.token, offerId, ['SELECTED']);
    expect(presented).toMatchObject({ position: 5, round: 2 });
    const setAside = await statusOf(lapsing.token, offerId, ['NOT_ELIGIBLE_AT_ROUND']);
    expect(setAside).toMatchObject({ position: 4, round: 2 });
    expect(setAside.score).toEqual(expect.any(Number));
    expect(setAside.closeCheckReasons?.map((reason) => reason.code)).toEqual(['NUD_INVALID']);
    expect(await activeApplicationsOf(lapsing.id)).toBe(0);
    const mail = await eventually('the set-aside e-mail', async () =>
      (await mailsTo(lapsing.email)).find((candidate) => candidate.subject.includes('ne passe pas au tour 2')),
    );
    expect(mail.body.text).toContain(setAside.closeCheckReasons![0]!.message);
    const started = await eventOf(offerId, 'ROUND_STARTED');
    expect(started.details).toMatchObject({
      round: 2,
      selected: [{ applicationId: next.id, position: 5 }],
      ineligible: [{ applicationId: lapsing.id, position: 4, reasons: ['NUD_INVALID'] }],
    });
    const candidates = await candidatesPage(offerId);
    expect(candidates.body.candidates.map((candidate: { applicationId: string }) => candidate.applicationId)).toEqual([next.id]);
  });

  it('ends unfilled when no reserve file passes the check before round 2, each told why', async () => {
    const { offerId, reserve } = await reserveThatLapses();
    await eventOf(offerId, 'OFFER_UNFILLED');
    const setAside = await statusOf(reserve.token, offerId, ['NOT_ELIGIBLE_AT_ROUND']);
    expect(setAside.closeCheckReasons?.map((reason) => reason.code)).toEqual(['EMPLOYMENT_NOT_CONFIRMED']);
    const history = await historyOf(offerId);
    expect(history.events.map((event) => event.kind)).not.toContain('ROUND_STARTED');
    // The history says why round 2 never started.
    expect(detailsOf(history.events, 'RESERVE_SET_ASIDE')).toEqual([
      { round: 2, ineligible: [{ applicationId: reserve.id, position: 4, reasons: ['EMPLOYMENT_NOT_CONFIRMED'] }] },
    ]);
    await eventually('the set-aside e-mail', async () =>
      (await subjectsOf(reserve)).some((subject) => subject.includes('ne passe pas au tour 2')) ? true : undefined,
    );
  });
});
