import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { employeeDocumentsPrefix } from '#housing-file/document-store.ts';
import { localS3ClientConfig } from '#local/s3.ts';
import { newNotification, notificationToItem } from '#notifications/outbox.ts';
import { applicationKey } from '#applications/application-store.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { gridInForce } from '#scoring/grid.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailGuardKey, employeeKey, nudGuardKey } from '#identity/employee-store.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import type { TestEmployee } from '../support/employees.ts';
import { localTable } from '../support/table.ts';
import { mailsTo } from '../support/registration.ts';
import { publishedOffer } from '../applications/support.ts';
import {
  activeApplicationsOf,
  applicants,
  applyAll,
  candidatesPage,
  decide,
  sendDecision,
  eventOf,
  historyOf,
  myApplication,
  lifecycleCloudOfFile,
  statusOf,
} from './support.ts';

/**
 * The lifecycle end to end through HTTP, on a cloud whose application window lasts seconds and
 * whose commission and acceptance periods are long enough that only the test's own answers move
 * the offers (the timer outcomes are in lifecycle-timers.int.test.ts).
 */
const cloud = lifecycleCloudOfFile({
  applicationWindow: 'PT10S',
  commissionDeadline: 'PT10M',
  commissionGrace: 'PT10M',
  acceptancePeriod: 'PT10M',
});

const candidatesOf = async (offerId: string) => {
  const response = await candidatesPage(offerId);
  expect(response.status).toBe(200);
  return response.body.candidates as {
    applicationId: string;
    position: number;
    score: number;
    documents: { type: string; downloadUrl?: string }[];
    applicant?: { email: string };
  }[];
};

describe('an offer from publication to attribution', () => {
  it('scores, selects the best 3, takes the commission ranking and attributes to the candidate who accepts', async () => {
    const employees = await applicants(4);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);

    // The robot: 3 selected with positions 1-3 (oldest requests score most), the 4th not selected.
    const scored = await Promise.all(employees.map((employee) => statusOf(employee.token, offerId, ['SELECTED', 'NOT_SELECTED'])));
    expect(scored.map((application) => application.status)).toEqual(['SELECTED', 'SELECTED', 'SELECTED', 'NOT_SELECTED']);
    expect(scored.map((application) => application.position)).toEqual([1, 2, 3, 4]);
    // The grid in force on the day the window closed (v1 until 31 December 2026, v2 from 1 January 2027).
    const grid = gridInForce(new Date(scored[0]!.offer.closesAt)).version;
    for (const application of scored) {
      expect(application.gridVersion).toBe(grid);
      expect(application.score).toBe(application.scoreBreakdown!.reduce((sum, line) => sum + line.points, 0));
      expect(application.scoreBreakdown!.map((line) => line.criterion)).toContain('seniority');
    }
    expect(scored[0]!.score!).toBeGreaterThan(scored[3]!.score!);
    const selection = await eventOf(offerId, 'ROBOT_SELECTION');
    expect(selection.details).toMatchObject({ applicants: 4, gridVersion: grid, notSelected: 1 });
    // The not-selected applicant has his place back under the cap.
    expect(await activeApplicationsOf(employees[3]!.id)).toBe(0);

    // The commission sees the 3 files, then ranks them in reverse, with a reason for its first.
    const candidates = await candidatesOf(offerId);
    expect(candidates.map((candidate) => candidate.applicationId)).toEqual(employees.slice(0, 3).map((employee) => employee.id));
    expect(candidates[0]!.applicant?.email).toBe(employees[0]!.email);
    expect(candidates[0]!.documents.length).toBeGreaterThan(0);
    for (const candidate of candidates) {
      // The current document of each type only, each with its link while the offer is live.
      const types = candidate.documents.map((document) => document.type);
      expect(new Set(types).size).toBe(types.length);
      for (const document of candidate.documents) expect(document.downloadUrl).toMatch(/^https?:\/\//);
    }
    // The offer manager follows statuses and counts: neither the files nor the decision are his.
    const landlord = await tokenOf('landlord');
    expect((await api('GET', `/landlord/offers/${offerId}/candidates`, { token: landlord })).status).toBe(403);
    const byLandlord = await api('POST', `/landlord/offers/${offerId}/commission-decision`, {
      token: landlord,
      body: { ranking: employees.slice(0, 3).map((employee) => ({ applicationId: employee.id })) },
    });
    expect(byLandlord.status).toBe(403);
    const decision = await decide(offerId, {
      ranking: [
        { applicationId: employees[2]!.id, reason: 'Situation de handicap' },
        { applicationId: employees[0]!.id },
        { applicationId: employees[1]!.id },
      ],
    });
    expect(decision.status).toBe(200);
    expect(decision.body.ranking.map((entry: { position: number }) => entry.position)).toEqual([1, 2, 3]);

    // Rank 1 of the commission is offered the dwelling and accepts it.
    const offered = await statusOf(employees[2]!.token, offerId, ['OFFERED']);
    expect(offered.position).toBe(1);
    expect(Date.parse(offered.offeredUntil!)).toBeGreaterThan(Date.now());
    const accepted = await api('POST', `/me/applications/${offerId}/accept`, { token: employees[2]!.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');

    await eventOf(offerId, 'OFFER_ATTRIBUTED');
    expect((await historyOf(offerId)).stage).toBe('ATTRIBUTED');
    expect((await myApplication(employees[0]!.token, offerId))?.status).toBe('ATTRIBUTED_TO_OTHER');
    expect((await myApplication(employees[1]!.token, offerId))?.status).toBe('ATTRIBUTED_TO_OTHER');
    expect((await myApplication(employees[3]!.token, offerId))?.status).toBe('NOT_SELECTED');
    const kinds = (await historyOf(offerId)).events.map((event) => event.kind);
    expect(kinds).toEqual(['ROBOT_SELECTION', 'COMMISSION_DECISION', 'CANDIDATE_OFFERED', 'CANDIDATE_ACCEPTED', 'OFFER_ATTRIBUTED']);
    for (const employee of employees) expect(await activeApplicationsOf(employee.id)).toBe(0);

    // The commission's reasons are for the commission: the offer manager's history has none.
    const decidedFor = async (account: string) =>
      (await historyOf(offerId, account)).events.find((event) => event.kind === 'COMMISSION_DECISION')!.details;
    expect(JSON.stringify(await decidedFor('commission'))).toContain('Situation de handicap');
    const managerView = await decidedFor('landlord');
    expect(JSON.stringify(managerView)).not.toContain('Situation de handicap');
    expect(managerView.ranking).toEqual([1, 2, 3].map((position) => expect.objectContaining({ position })));
    expect((await api('GET', `/landlord/offers/${offerId}`, { token: landlord })).body.applicantCount).toBe(4);
    // Attributed: the files stay listed for the record, without document links.
    const ended = await candidatesOf(offerId);
    expect(ended.flatMap((candidate) => candidate.documents).length).toBeGreaterThan(0);
    for (const document of ended.flatMap((candidate) => candidate.documents)) expect(document.downloadUrl).toBeUndefined();

    // Everyone was told, once per step.
    const subjects = async (employee: TestEmployee) => (await mailsTo(employee.email)).map((mail) => mail.subject);
    await eventually('the attribution e-mails', async () =>
      (await subjects(employees[0]!)).some((subject) => subject.includes('attribué à un autre')) ? true : undefined,
    );
    const winner = await eventually('the winner’s e-mails', async () => {
      const list = await subjects(employees[2]!);
      return list.some((subject) => subject.startsWith('Vous avez accepté')) ? list : undefined;
    });
    expect(winner.filter((subject) => subject.includes('est retenue'))).toHaveLength(1);
    expect(winner.filter((subject) => subject.includes('vous est proposé'))).toHaveLength(1);
    expect(winner.filter((subject) => subject.includes('classé votre candidature'))).toHaveLength(1);
    // Rank 4 is the first of the reserve a second round would take (issue #13 item 6): told so.
    await eventually('the reserve e-mail', async () =>
      (await subjects(employees[3]!)).some((subject) => subject.includes('est en réserve')) ? true : undefined,
    );
  });

  it('offers the dwelling to the next candidate when the first declines', async () => {
    const employees = await applicants(3);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    expect((await decide(offerId, { ranking: employees.map((employee) => ({ applicationId: employee.id })) })).status).toBe(200);

    await statusOf(employees[0]!.token, offerId, ['OFFERED']);
    const declined = await api('POST', `/me/applications/${offerId}/decline`, { token: employees[0]!.token });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('DECLINED');
    // The decline is confirmed by e-mail (issue #13 item 5).
    await eventually('the decline e-mail', async () =>
      (await mailsTo(employees[0]!.email)).some((mail) => mail.subject.startsWith('Vous avez refusé le logement')) ? true : undefined,
    );
    // Accepting after declining is refused: the answer is given.
    expect((await api('POST', `/me/applications/${offerId}/accept`, { token: employees[0]!.token })).status).toBe(409);

    await statusOf(employees[1]!.token, offerId, ['OFFERED']);
    expect((await api('POST', `/me/applications/${offerId}/accept`, { token: employees[1]!.token })).status).toBe(200);
    await eventOf(offerId, 'OFFER_ATTRIBUTED');
    expect((await myApplication(employees[2]!.token, offerId))?.status).toBe('ATTRIBUTED_TO_OTHER');
    const kinds = (await historyOf(offerId)).events.map((event) => event.kind);
    expect(kinds).toEqual([
      'ROBOT_SELECTION',
      'COMMISSION_DECISION',
      'CANDIDATE_OFFERED',
      'CANDIDATE_DECLINED',
      'CANDIDATE_OFFERED',
      'CANDIDATE_ACCEPTED',
      'OFFER_ATTRIBUTED',
    ]);
  });

  it('skips ranked candidates whose accounts were erased, and ends unfilled when nobody is left', async () => {
    const employees = await applicants(3);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    expect((await decide(offerId, { ranking: employees.map((employee) => ({ applicationId: employee.id })) })).status).toBe(200);
    await statusOf(employees[0]!.token, offerId, ['OFFERED']);
    for (const employee of employees.slice(1)) expect((await api('DELETE', '/me', { token: employee.token })).status).toBe(200);

    expect((await api('POST', `/me/applications/${offerId}/decline`, { token: employees[0]!.token })).status).toBe(200);
    const unfilled = await eventOf(offerId, 'OFFER_UNFILLED');
    expect(unfilled.details.reason).toBe('aucun candidat classé n’a accepté le logement');
    const skipped = (await historyOf(offerId)).events.filter((event) => event.kind === 'CANDIDATE_SKIPPED');
    // Both at the same instant, in the order of their keys.
    expect(skipped.map((event) => event.details)).toHaveLength(2);
    expect(skipped.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { applicationId: employees[1]!.id, status: 'ERASED' },
        { applicationId: employees[2]!.id, status: 'ERASED' },
      ]),
    );
  });

  it('erases a ranked and excluded applicant completely: documents’ versions, pending mail, reasons, application; the export had it all', async () => {
    const employees = await applicants(3);
    const erased = employees[0]!;
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    // Two uploads of one type: two objects (each a version) under his documents prefix.
    for (const body of ['%PDF-1', '%PDF-2']) {
      const upload = await api('POST', '/me/documents', {
        token: erased.token,
        body: { type: 'identity', contentType: 'application/pdf', sizeBytes: body.length },
      });
      expect(upload.status).toBe(201);
      expect((await fetch(upload.body.upload.url, { method: 'PUT', headers: upload.body.upload.headers, body })).status).toBe(200);
    }
    await statusOf(erased.token, offerId, ['SELECTED']);
    const reason = `Dossier de ${erased.email} incomplet`;
    const decision = await decide(offerId, {
      ranking: employees.slice(1).map((employee) => ({ applicationId: employee.id })),
      exclusions: [{ applicationId: erased.id, reason }],
    });
    expect(decision.status).toBe(200);
    await statusOf(erased.token, offerId, ['EXCLUDED']);

    // The export holds the application with its score, breakdown, robot position and the reason.
    const exported = await api('GET', '/me/export', { token: erased.token });
    expect(exported.status).toBe(200);
    const [application] = exported.body.data.Application;
    expect(application).toMatchObject({ offerId, status: 'EXCLUDED', position: 1, commissionReason: reason });
    expect(application.score).toBe(application.scoreBreakdown.reduce((sum: number, line: { points: number }) => sum + line.points, 0));

    // Every place he appears: his partition, his guards, the offer's partition, the pending
    // outbox (one notification still pending to him, written now), his documents' versions.
    const table = localTable();
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: notificationToItem(
          newNotification({ template: 'nud-reminder', to: erased.email, params: { firstName: 'X' }, createdAt: new Date().toISOString() }),
        ),
      }),
    );
    const s3 = new S3Client(localS3ClientConfig(cloud().local.environment.AWS_ENDPOINT_URL_S3!));
    const everything = async () => {
      const query = async (input: Omit<QueryCommandInput, 'TableName'>) =>
        (await table.client.send(new QueryCommand({ TableName: table.tableName, ...input }))).Items ?? [];
      const items = [
        ...(await query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': employeeKey(erased.id).PK } })),
        ...[await table.get(emailGuardKey(erased.email)), await table.get(nudGuardKey(erased.nud))].flatMap((item) => (item ? [item] : [])),
        ...(await query({ KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `OFFER#${offerId}` } })),
        ...(await query({
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          FilterExpression: '#to = :email',
          ExpressionAttributeNames: { '#to': 'to' },
          ExpressionAttributeValues: { ':pk': 'OUTBOX#PENDING', ':email': erased.email },
        })),
      ];
      const versions = await s3.send(
        new ListObjectVersionsCommand({ Bucket: cloud().local.environment.BUCKET_NAME, Prefix: employeeDocumentsPrefix(erased.id) }),
      );
      return { items, versions: [...(versions.Versions ?? []), ...(versions.DeleteMarkers ?? [])] };
    };
    const naming = (items: Record<string, unknown>[]) =>
      items.filter((item) => [erased.email, erased.nud, reason].some((value) => JSON.stringify(item).includes(value)));
    const before = await everything();
    expect(before.versions).toHaveLength(2);
    expect(naming(before.items).map((item) => item.entity)).toEqual(
      expect.arrayContaining(['Employee', 'OfferLifecycle', 'OfferEvent', 'Application']),
    );

    expect((await api('DELETE', '/me', { token: erased.token })).status).toBe(200);
    // A notification the outbox had claimed just before (being sent) leaves the pending index once sent.
    const after = await eventually('nothing left naming him', async () => {
      const state = await everything();
      return naming(state.items).length === 0 ? state : undefined;
    });
    expect(after.versions).toEqual([]);
    expect(naming(after.items)).toEqual([]);
    expect(after.items.filter((item) => item.entity === 'Application' && item.employeeId === erased.id)).toEqual([]);
    expect(after.items.filter((item) => String(item.PK).startsWith('EMPLOYEE#') || String(item.PK).endsWith('GUARD'))).toEqual([]);
    // The lifecycle keeps his id only, with the reason replaced, for the commission and the landlord alike.
    const record = after.items.find((item) => item.entity === 'OfferLifecycle')!;
    expect(record.exclusions).toEqual([{ employeeId: erased.id, reason: 'motif effacé (compte supprimé)' }]);
    const decided = (await historyOf(offerId, 'commission')).events.find((event) => event.kind === 'COMMISSION_DECISION')!;
    expect(decided.details.exclusions).toEqual([{ applicationId: erased.id, reason: 'motif effacé (compte supprimé)' }]);
  });

  it('keeps the candidate’s deadline when offering again, and hands a repeated acceptance to the workflow when the first hand-over was lost', async () => {
    const employees = await applicants(1);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
    expect((await decide(offerId, { ranking: [{ applicationId: employees[0]!.id }] })).status).toBe(200);
    await statusOf(employees[0]!.token, offerId, ['OFFERED']);
    // Offering again (a retry, or a resumed execution) keeps the candidate and the deadline he
    // was given (10 minutes on this cloud), whatever duration the new input carries.
    const { lifecycleDeps } = await import('#lifecycle/lifecycle-deps.ts');
    const { offerNextCandidate } = await import('#lifecycle/tasks/offer-next-candidate.ts');
    const offeredUntil = Date.parse((await myApplication(employees[0]!.token, offerId))!.offeredUntil!);
    expect(offeredUntil - Date.now()).toBeLessThanOrEqual(600_000);
    // The task's clock set five minutes before that deadline: five minutes left, not 86,400 s.
    const fiveMinutesBefore = new Date(offeredUntil - 300_000);
    const again = await offerNextCandidate({ ...lifecycleDeps, now: () => fiveMinutesBefore }, { offerId, acceptanceSeconds: 86_400 });
    expect(again.employeeId).toBe(employees[0]!.id);
    expect(again.secondsLeft).toBe(300);
    // The acceptance written, as the route writes it, but the process died before waking the workflow.
    const table = localTable();
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: applicationKey(offerId, employees[0]!.id),
        UpdateExpression: 'SET #status = :accepted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':accepted': 'ACCEPTED' },
      }),
    );
    const repeated = await api('POST', `/me/applications/${offerId}/accept`, { token: employees[0]!.token });
    expect(repeated.status).toBe(200);
    await eventOf(offerId, 'OFFER_ATTRIBUTED', 30_000);
  });

  it('refuses applications once the robot has closed the offer, even before the window’s end reaches the request', async () => {
    const [employee] = await applicants(1);
    const offerId = await publishedOffer();
    const table = localTable();
    await lifecycleStore(table.client, table.tableName).closeOffer(offerId, new Date().toISOString());
    const late = await api('POST', `/offers/${offerId}/applications`, { token: employee!.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WINDOW_CLOSED');
  });

  it('ends unfilled, the landlord told, when nobody applied', async () => {
    const offerId = await publishedOffer();
    const unfilled = await eventOf(offerId, 'OFFER_UNFILLED');
    expect(unfilled.details.reason).toBe('aucune candidature');
    expect((await historyOf(offerId)).stage).toBe('UNFILLED');
    await eventually('the landlord’s e-mail', async () =>
      (await mailsTo('offres@paris-habitat.demo.alin.local')).some((mail) => mail.subject.includes('non pourvu')) ? true : undefined,
    );
  });

  it('ends unfilled when the commission excludes every file, each excluded applicant told the reason', async () => {
    const employees = await applicants(2);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[1]!.token, offerId, ['SELECTED']);
    const decision = await decide(offerId, {
      ranking: [],
      exclusions: employees.map((employee) => ({ applicationId: employee.id, reason: 'Ressources insuffisantes pour ce loyer' })),
    });
    expect(decision.status).toBe(200);
    const unfilled = await eventOf(offerId, 'OFFER_UNFILLED');
    expect(unfilled.details.reason).toContain('écartés');
    expect((await myApplication(employees[0]!.token, offerId))?.status).toBe('EXCLUDED');
    const mail = await eventually('the exclusion e-mail', async () =>
      (await mailsTo(employees[0]!.email)).find((candidate) => candidate.subject.includes('n’a pas retenu')),
    );
    expect(mail.body.text).toContain('Ressources insuffisantes pour ce loyer');
  });

  it('takes one commission decision and one acceptance out of concurrent twins', async () => {
    const employees = await applicants(2);
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);

    const ranking = { ranking: employees.map((employee) => ({ applicationId: employee.id })) };
    const decisions = await Promise.all(Array.from({ length: 5 }, () => decide(offerId, ranking)));
    expect(decisions.map((decision) => decision.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(decisions.find((decision) => decision.status === 409)!.body.error.code).toBe('COMMISSION_ALREADY_DECIDED');

    await statusOf(employees[0]!.token, offerId, ['OFFERED']);
    const accepts = await Promise.all(
      Array.from({ length: 50 }, () => api('POST', `/me/applications/${offerId}/accept`, { token: employees[0]!.token })),
    );
    expect(new Set(accepts.map((answer) => answer.status))).toEqual(new Set([200]));
    await eventOf(offerId, 'OFFER_ATTRIBUTED');
    const kinds = (await historyOf(offerId)).events.map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'COMMISSION_DECISION')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'CANDIDATE_ACCEPTED')).toHaveLength(1);
    expect(await activeApplicationsOf(employees[0]!.id)).toBe(0);
    const confirmations = await eventually('the confirmation', async () => {
      const found = (await mailsTo(employees[0]!.email)).filter((mail) => mail.subject.startsWith('Vous avez accepté'));
      return found.length > 0 ? found : undefined;
    });
    expect(confirmations).toHaveLength(1);
  });
});

describe('the commission decision refuses bad input', () => {
  let offerId: string;
  let employees: TestEmployee[];
  beforeAll(async () => {
    employees = await applicants(2);
    offerId = await publishedOffer();
    await applyAll(offerId, employees);
  }, 120_000);

  it('answers 409 before the robot has selected', async () => {
    const early = await sendDecision(offerId, { ranking: [{ applicationId: employees[0]!.id }, { applicationId: employees[1]!.id }] });
    // Either still open (no selection yet) or, on a slow machine, already selected: then it is the next test's case.
    if (early.status === 409) expect(early.body.error.code).toBe('SELECTION_NOT_READY');
    else expect(early.status).toBe(400);
    await statusOf(employees[0]!.token, offerId, ['SELECTED']);
  });

  it('names each wrong field: unknown file, duplicate, forgotten file', async () => {
    const response = await decide(offerId, {
      ranking: [{ applicationId: employees[0]!.id }, { applicationId: employees[0]!.id }, { applicationId: 'someone-else' }],
    });
    expect(response.status).toBe(400);
    const fields = (response.body.error.fields as { field: string }[]).map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['body.ranking.1.applicationId']));
    const unknown = await decide(offerId, { ranking: [{ applicationId: employees[0]!.id }, { applicationId: 'someone-else' }] });
    expect(unknown.status).toBe(400);
    expect((unknown.body.error.fields as { field: string }[]).map((error) => error.field)).toEqual([
      'body.ranking.1.applicationId',
      'body.ranking',
    ]);
    expect((await decide(offerId, { ranking: 'first' })).status).toBe(400);
  });

  it('is the offer’s landlord’s only, and the employee may not answer an offer not made to him', async () => {
    const other = await decide(offerId, { ranking: employees.map((employee) => ({ applicationId: employee.id })) }, 'commission-other');
    expect(other.status).toBe(403);
    const history = await api('GET', `/landlord/offers/${offerId}/history`, { token: await tokenOf('landlord-other') });
    expect(history.status).toBe(403);
    expect((await api('GET', `/landlord/offers/${offerId}/history`, { token: await tokenOf('operator') })).status).toBe(200);
    const notOffered = await api('POST', `/me/applications/${offerId}/accept`, { token: employees[1]!.token });
    expect(notOffered.status).toBe(409);
    expect(notOffered.body.error.code).toBe('NOT_OFFERED');
  });
});
