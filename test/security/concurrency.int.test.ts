import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { bucketNotifications, uploadFunctionTimeoutSeconds } from '#definitions/bucket-notifications.ts';
import { importKey } from '#imports/import-store.ts';
import type { ReceiveCounts } from '#imports/import-uploads.ts';
import { invokeLocal } from '#local/lambda.ts';
import { offerKey, offerStore } from '#offers/offer-store.ts';
import { applicantCountOf, publishedOffer } from '../applications/support.ts';
import { csvFile, csvRow, finishedImport, freshLandlord, uploadFile } from '../imports/support.ts';
import {
  activeApplicationsOf,
  applicants,
  applyAll,
  decide,
  eventOf,
  historyOf,
  lifecycleCloudOfFile,
  statusOf,
  subjectsTo,
} from '../lifecycle/support.ts';
import { api } from '../support/api.ts';
import { localTable, outboxDrained } from '../support/table.ts';

/**
 * 50 simultaneous duplicates of each request that has an effect: one effect each, read in the
 * table (items, counters, events) and the mailbox, not only in the status codes. On a cloud of
 * the file's own, whose application window lasts seconds.
 */
const twins = 50;
lifecycleCloudOfFile({
  applicationWindow: 'PT10S',
  commissionDeadline: 'PT10M',
  commissionGrace: 'PT10M',
  acceptancePeriod: 'PT10M',
});

const times = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: twins }, make));
const countOf = <T>(values: readonly T[], value: T) => values.filter((candidate) => candidate === value).length;
const eventKinds = async (offerId: string) => (await historyOf(offerId)).events.map((event) => event.kind);

describe(`${twins} simultaneous duplicates`, () => {
  it('of an application: one application, the offer and the employee counted once', async () => {
    const [employee] = await applicants(1);
    const offerId = await publishedOffer();
    const answers = await times(() => api('POST', `/offers/${offerId}/applications`, { token: employee!.token }));
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((answer) => answer.body.application.applicationId))).toEqual(new Set([offerId]));

    const table = localTable();
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :application)',
        ExpressionAttributeValues: { ':pk': offerKey(offerId).PK, ':application': 'APPLICATION#' },
        ConsistentRead: true,
      }),
    );
    expect(Items?.map((item) => item.employeeId)).toEqual([employee!.id]);
    expect(await applicantCountOf(offerId)).toBe(1);
    expect(await activeApplicationsOf(employee!.id)).toBe(1);
    const offer = await table.client.send(new GetCommand({ TableName: table.tableName, Key: offerKey(offerId), ConsistentRead: true }));
    expect(offer.Item?.applicantCount).toBe(1);
    // "Mes candidatures" lists it once.
    const mine = await api('GET', '/me/applications?limit=50', { token: employee!.token });
    expect(mine.body.applications.map((application: { applicationId: string }) => application.applicationId)).toEqual([offerId]);
  });

  it('of a commission decision, a decline and an acceptance: one decision, one answer each, one e-mail each', async () => {
    const employees = await applicants(2);
    const [first, second] = employees as [(typeof employees)[0], (typeof employees)[0]];
    const offerId = await publishedOffer();
    await applyAll(offerId, employees);
    await statusOf(first.token, offerId, ['SELECTED']);

    const ranking = { ranking: employees.map((employee) => ({ applicationId: employee.id })) };
    const decisions = await times(() => decide(offerId, ranking));
    const decisionStatuses = decisions.map((decision) => decision.status);
    expect(countOf(decisionStatuses, 200)).toBe(1);
    expect(countOf(decisionStatuses, 409)).toBe(twins - 1);
    expect(new Set(decisions.filter((decision) => decision.status === 409).map((decision) => decision.body.error.code))).toEqual(
      new Set(['COMMISSION_ALREADY_DECIDED']),
    );

    // The first candidate declines 50 times at once: one answer, the second one offered once.
    await statusOf(first.token, offerId, ['OFFERED']);
    const declines = await times(() => api('POST', `/me/applications/${offerId}/decline`, { token: first.token }));
    expect(new Set(declines.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(new Set(declines.map((answer) => answer.body.status))).toEqual(new Set(['DECLINED']));
    await statusOf(second.token, offerId, ['OFFERED']);

    const accepts = await times(() => api('POST', `/me/applications/${offerId}/accept`, { token: second.token }));
    expect(new Set(accepts.map((answer) => answer.status))).toEqual(new Set([200]));
    await eventOf(offerId, 'OFFER_ATTRIBUTED');

    const kinds = await eventKinds(offerId);
    expect(kinds).toEqual([
      'ROBOT_SELECTION',
      'COMMISSION_DECISION',
      'CANDIDATE_OFFERED',
      'CANDIDATE_DECLINED',
      'CANDIDATE_OFFERED',
      'CANDIDATE_ACCEPTED',
      'OFFER_ATTRIBUTED',
    ]);
    for (const employee of employees) expect(await activeApplicationsOf(employee.id)).toBe(0);

    // Every e-mail written is sent: the mailbox holds all it will get.
    await outboxDrained();
    const firstSubjects = await subjectsTo(first.email);
    const secondSubjects = await subjectsTo(second.email);
    const counted = (subjects: string[], part: string) => subjects.filter((subject) => subject.includes(part)).length;
    expect(counted(firstSubjects, 'classé votre candidature')).toBe(1);
    expect(counted(secondSubjects, 'classé votre candidature')).toBe(1);
    expect(counted(firstSubjects, 'vous est proposé')).toBe(1);
    expect(counted(secondSubjects, 'vous est proposé')).toBe(1);
    expect(counted(secondSubjects, 'Vous avez accepté')).toBe(1);
    // Declining sends nothing, once or 50 times.
    expect(firstSubjects.filter((subject) => subject.includes('Vous avez accepté') || subject.includes('décliné'))).toEqual([]);
    console.info(`[concurrency] decisions 200×1 409×${twins - 1}; declines 200×${twins}; accepts 200×${twins}; events ${kinds.length}`);
  });

  it('of an import file: 50 uploads of one file give one offer per reference; its S3 event delivered 50 times, one run', async () => {
    const { landlordId, token } = await freshLandlord('Habitat Concurrence');
    const references = Array.from({ length: 5 }, (_, index) => `TWIN50-${index}`);
    const file = csvFile(references.map((reference) => csvRow(reference)));

    // 50 uploads of the same file at once, each under a name of its own.
    const importIds = await Promise.all(
      Array.from({ length: twins }, (_, index) => uploadFile(token, 'csv', file, `offres-${String(index).padStart(2, '0')}.csv`)),
    );
    const jobs = await Promise.all(importIds.map((importId) => finishedImport(token, importId, 120_000)));
    for (const job of jobs) {
      expect(job.status).toBe('DONE');
      expect(job.counts.read).toBe(references.length);
      expect(job.counts.created + job.counts.updated + job.counts.unchanged).toBe(references.length);
      expect(job.counts.rejected).toBe(0);
    }
    expect(jobs.reduce((sum, job) => sum + job.counts.created, 0)).toBe(references.length);
    const table = localTable();
    const offersOf = async () => (await offerStore(table.client, table.tableName).listByLandlord(landlordId, 1_000)).offers;
    const offers = await offersOf();
    expect(offers.map((offer) => offer.externalReference).sort()).toEqual(references);

    // One upload's S3 event, delivered 50 times at once (S3 delivers at least once): one run, the 49 others replays.
    const job = await table.get(importKey(landlordId, importIds[0]!));
    const [sequencer, eTag] = String(job!.uploadId).split(/-(.*)/s) as [string, string];
    const event = {
      Records: [{ s3: { object: { key: job!.objectKey, size: job!.sizeBytes, eTag, sequencer } } }],
    };
    const deliveries = await times(() =>
      invokeLocal<ReceiveCounts>(bucketNotifications.importReceived.handler, event, { timeoutSeconds: uploadFunctionTimeoutSeconds }),
    );
    const total = (outcome: keyof ReceiveCounts) => deliveries.reduce((sum, counts) => sum + counts[outcome], 0);
    expect(total('imported')).toBe(0);
    expect(total('replayed')).toBe(twins);
    const after = await table.get(importKey(landlordId, importIds[0]!));
    expect(after?.counts).toEqual(job!.counts);
    expect(after?.finishedAt).toBe(job!.finishedAt);
    expect((await offersOf()).map((offer) => offer.externalReference).sort()).toEqual(references);

    // The event of a new upload of the file (the next sequencer), delivered 50 times at once before any run: one run.
    const next = (BigInt(`0x${sequencer}`) + 1n).toString(16).toUpperCase();
    const again = { Records: [{ s3: { object: { ...event.Records[0]!.s3.object, sequencer: next } } }] };
    const fresh = await times(() =>
      invokeLocal<ReceiveCounts>(bucketNotifications.importReceived.handler, again, { timeoutSeconds: uploadFunctionTimeoutSeconds }),
    );
    const freshTotal = (outcome: keyof ReceiveCounts) => fresh.reduce((sum, counts) => sum + counts[outcome], 0);
    expect(freshTotal('imported')).toBe(1);
    expect(freshTotal('replayed')).toBe(twins - 1);
    const rerun = await table.get(importKey(landlordId, importIds[0]!));
    expect(rerun).toMatchObject({
      status: 'DONE',
      counts: { read: references.length, created: 0, unchanged: references.length, updated: 0 },
    });
    expect((await offersOf()).map((offer) => offer.externalReference).sort()).toEqual(references);
    console.info(
      `[concurrency] imports: ${twins} uploads, ${references.length} offers; ${twins} redeliveries: ${total('replayed')} replays; ` +
        `${twins} deliveries of a new upload: ${freshTotal('imported')} run, ${freshTotal('replayed')} replays`,
    );
  });
});
