import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { documentRules, type DocumentType } from '#housing-file/document-rules.ts';
import { documentKey, documentStore, type DocumentRef } from '#housing-file/document-store.ts';
import { employeeStore, employeeToItem, type Employee } from '#identity/employee-store.ts';
import { documentExpiryJobId, runDocumentExpiry, type DocumentExpiryDeps } from '#jobs/document-expiry-job.ts';
import { documentExpiryStore } from '#jobs/document-expiry-store.ts';
import { jobRunStore, lastJobRunKey } from '#jobs/job-run-store.ts';
import { addDays, addMonths, calendarDayIn, frenchDate } from '#shared/calendar.ts';
import { api, cloud, eventually } from '../support/api.ts';
import { startOwnCloud } from '../support/own-cloud.ts';
import { mailsTo, uniqueNud } from '../support/registration.ts';
import { localTable, outboxDrained } from '../support/table.ts';

// The job reads the whole expiry index: on a cloud of this file's own, only this file's documents.
const own = await startOwnCloud();
afterAll(() => own.stop());

const table = localTable();
const documents = documentStore(table.client, table.tableName);
const deps: DocumentExpiryDeps = {
  expiries: documentExpiryStore(table.client, table.tableName, 2),
  documents,
  employees: employeeStore(table.client, table.tableName),
  runs: jobRunStore(table.client, table.tableName),
  rules: documentRules,
  appUrl: 'http://app.test',
};

async function employee(): Promise<Employee> {
  const id = randomUUID();
  const record: Employee = {
    id,
    civility: 'M',
    lastName: 'Garnier',
    firstName: 'Hugo',
    phone: '+33612345678',
    email: `hugo.${id}@example.org`,
    nud: uniqueNud(),
    siret: '43219876500013',
    consent: { acceptedAt: '2026-02-01T08:00:00.000Z', textVersion: '2026-01' },
    registeredAt: '2026-02-01T08:00:00.000Z',
    account: 'ACTIVE',
    employment: { status: 'CONFIRMED', decidedAt: '2026-02-02T08:00:00.000Z' },
  };
  await table.client.send(new PutCommand({ TableName: table.tableName, Item: employeeToItem(record) }));
  return record;
}

/** A document requested then received at `receivedAt`, through the store the upload event uses. */
async function received(employeeId: string, type: DocumentType, receivedAt: string): Promise<DocumentRef> {
  const ref = { employeeId, type, documentId: randomUUID() };
  await documents.request({ ...ref, status: 'REQUESTED', contentType: 'application/pdf', sizeBytes: 500, requestedAt: receivedAt }, 0);
  await documents.recordReceipt(ref, { status: 'RECEIVED', sizeBytes: 500, receivedAt, sequencer: '0A' });
  return ref;
}

describe('the document-expiry reminder', () => {
  it('reminds once, 14 days ahead, of a required document about to stop counting, not of a superseded one', async () => {
    const hugo = await employee();
    // Payslips count 3 months: received on 10 September, they stop counting on 10 December.
    const payslip = await received(hugo.id, 'payslip-1', '2026-09-10T09:00:00.000Z');
    await received(hugo.id, 'payslip-2', '2026-09-10T09:00:00.000Z');
    await received(hugo.id, 'payslip-2', '2026-11-02T09:00:00.000Z');
    await received(hugo.id, 'family-record', '2026-09-10T09:00:00.000Z');

    // Too early: 10 December is 15 days after 25 November.
    expect(await runDocumentExpiry(deps, new Date('2026-11-25T07:00:00.000Z'))).toMatchObject({ reminders: 0, errors: 0 });

    const run = await runDocumentExpiry(deps, new Date('2026-11-26T07:00:00.000Z'));
    expect(run).toMatchObject({ reminders: 1, superseded: 1, errors: 0, incomplete: false });
    const [mail] = await eventually('the reminder', async () => {
      const found = await mailsTo(hugo.email);
      return found.length > 0 ? found : undefined;
    });
    expect(mail!.subject).toBe('Votre dossier : « Bulletin de salaire (le plus récent) » ne sera plus valable le 10/12/2026');
    expect(mail!.body.text).toContain('reçu le 10/09/2026');
    expect(mail!.body.text).toContain('http://app.test/mes-documents');
    expect(await table.get(documentKey(payslip))).toMatchObject({ reminderSentFor: '2026-12-10' });
    expect(await table.get(lastJobRunKey(documentExpiryJobId))).toMatchObject({ status: 'DONE' });

    // The next days: never the same reminder twice.
    expect(await runDocumentExpiry(deps, new Date('2026-11-27T07:00:00.000Z'))).toMatchObject({ reminders: 0 });
    await outboxDrained();
    expect(await mailsTo(hugo.email)).toHaveLength(1);
  });

  it('reminds of a new expiry once a newer document replaced the reminded one', async () => {
    const lea = await employee();
    await received(lea.id, 'employer-attestation', '2026-09-10T09:00:00.000Z');
    expect((await runDocumentExpiry(deps, new Date('2026-11-30T07:00:00.000Z'))).reminders).toBe(1);
    await received(lea.id, 'employer-attestation', '2026-12-01T09:00:00.000Z');
    // The new attestation stops counting on 1 March: reminded from 15 February.
    expect((await runDocumentExpiry(deps, new Date('2027-02-15T07:00:00.000Z'))).reminders).toBe(1);
    await outboxDrained();
    expect((await mailsTo(lea.email)).map((mail) => mail.subject)).toEqual([
      expect.stringContaining('le 10/12/2026'),
      expect.stringContaining('le 01/03/2027'),
    ]);
  });

  it('reminds of the tax notice before the grace after the next yearly release ends', async () => {
    const ines = await employee();
    // Received in March: the next notice is released on 1 August, the one in hand counts until 1 October.
    const notice = await received(ines.id, 'tax-notice', '2026-03-02T09:00:00.000Z');
    expect(await runDocumentExpiry(deps, new Date('2026-09-16T07:00:00.000Z'))).toMatchObject({ reminders: 0, errors: 0 });
    expect(await runDocumentExpiry(deps, new Date('2026-09-17T07:00:00.000Z'))).toMatchObject({ reminders: 1, errors: 0 });
    const [mail] = await eventually('the tax-notice reminder', async () => {
      const found = await mailsTo(ines.email);
      return found.length > 0 ? found : undefined;
    });
    expect(mail!.subject).toBe('Votre dossier : « Dernier avis d’imposition » ne sera plus valable le 01/10/2026');
    expect(await table.get(documentKey(notice))).toMatchObject({ reminderSentFor: '2026-10-01' });
  });

  // Last of the file: its document expires in real time, within the windows of the dated runs above.
  it('is run by the local scheduler, through the deployed handler, with the web app’s documents page as link', async () => {
    const today = calendarDayIn(documentRules.timeZone, new Date());
    const paul = await employee();
    const payslip = await received(paul.id, 'payslip-1', `${addMonths(addDays(today, 10), -3)}T09:00:00.000Z`);
    // Ten days ahead, give or take a month's end: within the 14 days of the reminder.
    const expiry = String((await table.get(documentKey(payslip)))?.expiresOn);
    expect(expiry > today && expiry <= addDays(today, 14), expiry).toBe(true);
    const response = await api('POST', '/_local/jobs/documentExpiry');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ job: 'documentExpiry', result: { errors: 0, incomplete: false } });
    expect(response.body.result.reminders).toBeGreaterThanOrEqual(1);
    const [mail] = await eventually('the reminder', async () => {
      const found = await mailsTo(paul.email);
      return found.length > 0 ? found : undefined;
    });
    expect(mail!.subject).toContain(`ne sera plus valable le ${frenchDate(expiry)}`);
    expect(mail!.body.text).toContain(`${cloud().api}/mes-documents`);
    expect(await table.get(documentKey(payslip))).toMatchObject({ reminderSentFor: expiry });
  });
});
