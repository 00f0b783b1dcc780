import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { receivedDocumentItems } from '#local/seed.ts';
import { frenchDate, timeZone, wholeMonthsBetween } from '#shared/calendar.ts';
import { publishedOffer } from '../applications/support.ts';
import { api, eventually, tokenOf } from '../support/api.ts';
import { daysBeforeToday, situationBody, type TestEmployee } from '../support/employees.ts';
import { retriedAcrossMidnight } from '../support/midnight.ts';
import { mailsTo } from '../support/registration.ts';
import { localTable } from '../support/table.ts';
import { applicants, applyAll, candidatesPage, decide, lifecycleCloudOfFile, myApplication, statusOf } from './support.ts';

/**
 * Issue 13, item 3, end to end on a cloud whose window lasts seconds: priority criteria declared
 * in "Ma situation" count only with their proof received, the commission sees the proofs and the
 * NUD date beside the score and can exclude a false declaration, and the operator corrects a
 * NUD's first-registration date (history entry, e-mail).
 */
lifecycleCloudOfFile({ applicationWindow: 'PT10S', commissionDeadline: 'PT10M', commissionGrace: 'PT10M', acceptancePeriod: 'PT10M' });

async function receive(employeeId: string, types: Parameters<typeof receivedDocumentItems>[1]) {
  const table = localTable();
  for (const item of receivedDocumentItems(employeeId, types, new Date().toISOString(), 'proof')) {
    await table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
  }
}

/** Declares priority criteria on top of the situation `applicants()` gave the employee (registered `days` ago). */
async function declare(employee: TestEmployee, days: number, priorityCriteria: string[]) {
  const body = {
    ...situationBody({
      nudRegisteredDaysAgo: days,
      members: { applicant: '1996-05-14', child: '2021-11-02' },
      rfrN2: 24_500,
      contractStart: '2022-01-10',
      searchCriteria: { kinds: ['apartment'], typologies: ['T2', 'T3'], communes: ['75056'], minSurfaceM2: 40, maxRentEuros: 950 },
    }),
    priorityCriteria,
  };
  const response = await api('PUT', '/me/situation', { token: employee.token, body });
  expect(response.status).toBe(200);
  return response.body;
}

interface Candidate {
  applicationId: string;
  score?: number;
  scoreBreakdown?: { criterion: string; points: number; detail: string }[];
  priorityCriteria: { criterion: string; proofType: string; provenAtApplication: boolean; proofReceivedAt: string | null }[];
  seniority: {
    firstRegisteredOnAtApplication: string | null;
    firstRegisteredOn: string | null;
    certificateAtApplication: boolean;
    certificateReceivedAt: string | null;
  };
  documents: { type: string; downloadUrl?: string }[];
}

// Dates are days before today in France, read again after the server's answers: a test that
// midnight interrupts runs once more, wholly on the new day.
describe('priority criteria and seniority, with their proofs', retriedAcrossMidnight(timeZone), () => {
  it('counts a declared criterion only with its proof, shows the proofs to the commission, which excludes a false declaration', async () => {
    // Requests registered 330, 240 and 150 days ago.
    const [declarer, second, third] = (await applicants(3)) as [TestEmployee, TestEmployee, TestEmployee];
    const situation = await declare(declarer, 330, ['first-job', 'professional-mobility']);
    expect(situation.priorityCriteria).toEqual([
      expect.objectContaining({
        criterion: 'professional-mobility',
        proof: expect.objectContaining({ type: 'mobility-proof' }),
        declared: true,
      }),
      expect.objectContaining({ criterion: 'first-job', proof: expect.objectContaining({ type: 'first-job-proof' }), declared: true }),
    ]);
    // Only the first-job proof arrives: "Ma situation" says which criterion still lacks its proof.
    await receive(declarer.id, ['first-job-proof']);
    const read = (await api('GET', '/me/situation', { token: declarer.token })).body;
    expect(read.priorityCriteria.map((c: { criterion: string; proof: { received: boolean } }) => [c.criterion, c.proof.received])).toEqual([
      ['professional-mobility', false],
      ['first-job', true],
    ]);
    expect(read.warnings).toContainEqual({
      field: 'priorityCriteria.professional-mobility',
      message: expect.stringContaining('sans lui, le critère « mobilité professionnelle » n’est pas compté dans votre score'),
    });
    expect(read.warnings.map((w: { field: string }) => w.field)).not.toContain('priorityCriteria.first-job');

    const offerId = await publishedOffer();
    await applyAll(offerId, [declarer, second, third]);
    const scored = await statusOf(declarer.token, offerId, ['SELECTED']);
    const priority = scored.scoreBreakdown?.find((line) => line.criterion === 'priority');
    expect(priority?.points).toBe(20);
    expect(priority?.detail).toContain('premier emploi');
    expect(priority?.detail).toContain('sans justificatif reçu, non compté(s) : mobilité professionnelle');

    const response = await candidatesPage(offerId);
    expect(response.status).toBe(200);
    const candidates = response.body.candidates as Candidate[];
    const declared = candidates.find((candidate) => candidate.applicationId === declarer.id);
    // Beside the score the robot gave, and its priority line.
    expect(declared?.score).toBe(scored.score);
    expect(declared?.scoreBreakdown?.find((line) => line.criterion === 'priority')).toEqual(priority);
    expect(declared?.priorityCriteria).toEqual([
      {
        criterion: 'professional-mobility',
        label: 'mobilité professionnelle',
        proofType: 'mobility-proof',
        provenAtApplication: false,
        proofReceivedAt: null,
      },
      expect.objectContaining({
        criterion: 'first-job',
        proofType: 'first-job-proof',
        provenAtApplication: true,
        proofReceivedAt: expect.any(String),
      }),
    ]);
    expect(declared?.seniority).toMatchObject({
      firstRegisteredOnAtApplication: daysBeforeToday(330),
      firstRegisteredOn: daysBeforeToday(330),
      certificateAtApplication: true,
      certificateReceivedAt: expect.any(String),
    });
    // The proof and the NUD certificate are documents the commission opens.
    expect(declared?.documents.find((document) => document.type === 'first-job-proof')?.downloadUrl).toEqual(expect.any(String));
    expect(declared?.documents.find((document) => document.type === 'nud-certificate')?.downloadUrl).toEqual(expect.any(String));

    // A false declaration is an exclusion ground, written at the head of the reason the applicant reads.
    const decision = await decide(offerId, {
      ranking: [{ applicationId: second.id }, { applicationId: third.id }],
      exclusions: [
        { applicationId: declarer.id, ground: 'false-declaration', reason: 'Mobilité professionnelle déclarée sans justificatif.' },
      ],
    });
    expect(decision.status).toBe(200);
    const excluded = await statusOf(declarer.token, offerId, ['EXCLUDED']);
    expect((excluded as { commissionReason?: string }).commissionReason).toMatch(
      /^Fausse déclaration .* : Mobilité professionnelle déclarée sans justificatif\.$/,
    );
  });

  it('lets the operator correct a NUD’s first-registration date: new seniority for the next applications, both dates for the commission, a history entry, an e-mail', async () => {
    const [employee] = (await applicants(1)) as [TestEmployee];
    // An application made before the correction keeps the date it was made with.
    const offerBefore = await publishedOffer();
    await applyAll(offerBefore, [employee]);
    const operator = await tokenOf('operator');
    const corrected = await api('PATCH', `/operator/employees/${employee.id}/nud`, {
      token: operator,
      body: { firstRegisteredOn: daysBeforeToday(340), reason: 'Date lue sur l’attestation d’enregistrement.' },
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      employeeId: employee.id,
      nud: { firstRegisteredOn: daysBeforeToday(340) },
      correction: {
        from: daysBeforeToday(330),
        to: daysBeforeToday(340),
        reason: 'Date lue sur l’attestation d’enregistrement.',
        field: 'firstRegisteredOn',
      },
    });
    expect((await api('GET', '/me/situation', { token: employee.token })).body.nud.firstRegisteredOn).toBe(daysBeforeToday(340));

    const table = localTable();
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :correction)',
        ExpressionAttributeValues: { ':pk': employeeKey(employee.id).PK, ':correction': 'NUD_CORRECTION#' },
      }),
    );
    expect(Items).toEqual([expect.objectContaining({ entity: 'NudCorrection', from: daysBeforeToday(330), to: daysBeforeToday(340) })]);
    const mail = await eventually('the correction e-mail', async () =>
      (await mailsTo(employee.email)).find((m) => m.subject.includes('date de première inscription')),
    );
    expect(mail.body.text).toContain('Motif : Date lue sur l’attestation d’enregistrement.');
    expect(mail.body.text).toContain('/ma-situation');

    // The same date again changes nothing.
    const again = await api('PATCH', `/operator/employees/${employee.id}/nud`, {
      token: operator,
      body: { firstRegisteredOn: daysBeforeToday(340), reason: 'Encore.' },
    });
    expect(again.body.correction).toBeNull();

    // The next application is scored from the corrected date (still valid: under 12 months).
    const offerId = await publishedOffer();
    await applyAll(offerId, [employee]);
    const seniorityLine = async (offer: string) =>
      (await statusOf(employee.token, offer, ['SELECTED'])).scoreBreakdown?.find((line) => line.criterion === 'seniority')?.detail;
    expect(await seniorityLine(offerId)).toContain(
      `Demande inscrite le ${frenchDate(daysBeforeToday(340))}, ${wholeMonthsBetween(daysBeforeToday(340), daysBeforeToday(0))} mois entier(s)`,
    );
    expect((await myApplication(employee.token, offerId))?.status).toBe('SELECTED');
    // The application made before was scored from its own date; the commission sees it beside the corrected one.
    expect(await seniorityLine(offerBefore)).toContain(`Demande inscrite le ${frenchDate(daysBeforeToday(330))}`);
    const candidates = (await candidatesPage(offerBefore)).body.candidates as Candidate[];
    expect(candidates.find((candidate) => candidate.applicationId === employee.id)?.seniority).toMatchObject({
      firstRegisteredOnAtApplication: daysBeforeToday(330),
      firstRegisteredOn: daysBeforeToday(340),
      certificateAtApplication: true,
    });
  });

  it('refuses the correction to anyone but the operator, and a bad date with a French field message', async () => {
    const [employee] = (await applicants(1)) as [TestEmployee];
    const path = `/operator/employees/${employee.id}/nud`;
    expect(
      (await api('PATCH', path, { token: employee.token, body: { firstRegisteredOn: daysBeforeToday(10), reason: 'x' } })).status,
    ).toBe(403);
    const operator = await tokenOf('operator');
    const future = await api('PATCH', path, { token: operator, body: { firstRegisteredOn: daysBeforeToday(-5), reason: 'x' } });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual([
      { field: 'body.firstRegisteredOn', message: 'La date de première inscription ne peut pas être dans le futur.' },
    ]);
    const noReason = await api('PATCH', path, { token: operator, body: { firstRegisteredOn: daysBeforeToday(10), reason: ' ' } });
    expect(noReason.body.error.fields).toEqual([{ field: 'body.reason', message: 'Motif obligatoire : il est envoyé au salarié.' }]);
    expect(
      (
        await api('PATCH', '/operator/employees/inconnu-1/nud', {
          token: operator,
          body: { firstRegisteredOn: daysBeforeToday(10), reason: 'x' },
        })
      ).status,
    ).toBe(404);
  });
});
