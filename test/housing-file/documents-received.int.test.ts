import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { documentKey, documentObjectKey, documentStore, documentToItem, type DocumentRef } from '#housing-file/document-store.ts';
import { recordDocumentsReceived } from '#housing-file/document-use-cases.ts';
import { encodeS3EventKey } from '#local/s3.ts';
import { localTable } from '../support/table.ts';

const table = localTable();
const documents = documentStore(table.client, table.tableName);
const deps = { documents, now: () => new Date('2026-06-15T10:00:00Z') };

/** An S3 object-created event as S3 sends it: the key form-encoded. */
const eventFor = (key: string, size: number, sequencer: string, eventTime = '2026-06-15T09:00:00.000Z'): S3Event => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-3',
      eventTime,
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:TEST' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'R', 'x-amz-id-2': 'I' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'documentReceived',
        bucket: { name: 'bucket', ownerIdentity: { principalId: 'O' }, arn: 'arn:aws:s3:::bucket' },
        object: { key: encodeS3EventKey(key), size, eTag: 'e', sequencer },
      },
    },
  ],
});

/** A document an employee asked to upload (written directly: these tests need no employee file). */
async function requested(sizeBytes = 500): Promise<DocumentRef> {
  const ref: DocumentRef = { employeeId: randomUUID(), type: 'payslip-2', documentId: randomUUID() };
  const item = documentToItem({
    ...ref,
    status: 'REQUESTED',
    contentType: 'application/pdf',
    sizeBytes,
    requestedAt: '2026-06-15T08:59:00.000Z',
  });
  await table.client.send(new PutCommand({ TableName: table.tableName, Item: { ...item, expiresAt: 1_900_000_000 } }));
  return ref;
}

describe('the document-received handler', () => {
  it('marks a requested document received with the object’s size and the event’s time', async () => {
    const ref = await requested();
    const counts = await recordDocumentsReceived(deps, eventFor(documentObjectKey(ref), 500, '0055B1A2C3'));
    expect(counts).toMatchObject({ recorded: 1, replayed: 0 });
    expect(await documents.get(ref)).toMatchObject({
      status: 'RECEIVED',
      receivedAt: '2026-06-15T09:00:00.000Z',
      receivedSizeBytes: 500,
    });
    // Received documents are kept: the TTL of the request is gone.
    expect(await table.get(documentKey(ref))).not.toHaveProperty('expiresAt');
  });

  it('changes nothing when the same event is delivered again', async () => {
    const ref = await requested();
    const event = eventFor(documentObjectKey(ref), 500, '0055B1A2C3');
    await recordDocumentsReceived(deps, event);
    const before = await table.get(documentKey(ref));
    const again = await recordDocumentsReceived(deps, event);
    expect(again).toMatchObject({ recorded: 0, replayed: 1 });
    expect(await table.get(documentKey(ref))).toEqual(before);
  });

  it('takes a later upload to the same key and ignores an older event arriving after it', async () => {
    const ref = await requested();
    const key = documentObjectKey(ref);
    await recordDocumentsReceived(deps, eventFor(key, 500, '0062A1B2C3D4E5F600', '2026-06-15T09:00:00.000Z'));
    // Padded with zeros on the right, as S3 documents, the shorter sequencer is the later one:
    // 0062A1B2C3D4E5F7(00) > 0062A1B2C3D4E5F600 (left-padding would order them the other way).
    await recordDocumentsReceived(deps, eventFor(key, 500, '0062A1B2C3D4E5F7', '2026-06-15T09:05:00.000Z'));
    const late = await recordDocumentsReceived(deps, eventFor(key, 500, '0062A1B2C3D4E5F601', '2026-06-15T09:01:00.000Z'));
    expect(late).toMatchObject({ replayed: 1 });
    expect(await documents.get(ref)).toMatchObject({ receivedAt: '2026-06-15T09:05:00.000Z' });
  });

  it('rejects an object whose size is not the one signed into the URL', async () => {
    const ref = await requested(500);
    const counts = await recordDocumentsReceived(deps, eventFor(documentObjectKey(ref), 501, '01'));
    expect(counts).toMatchObject({ rejected: 1, recorded: 0 });
    expect(await documents.get(ref)).toMatchObject({ status: 'REJECTED', receivedSizeBytes: 501 });
  });

  it('ignores keys that are not documents and objects nobody requested, writing nothing', async () => {
    const stranger: DocumentRef = { employeeId: randomUUID(), type: 'identity', documentId: randomUUID() };
    const counts = await recordDocumentsReceived(deps, {
      Records: [
        ...eventFor('documents/not-a-document.pdf', 10, '01').Records,
        ...eventFor(`documents/${randomUUID()}/unknown-type/${randomUUID()}`, 10, '01').Records,
        ...eventFor('documents/a b/identity/%zz', 10, '01').Records,
        ...eventFor(documentObjectKey(stranger), 10, '01').Records,
      ],
    });
    expect(counts).toEqual({ recorded: 0, rejected: 0, replayed: 0, unknown: 1, ignored: 3 });
    expect(await table.get(documentKey(stranger))).toBeUndefined();
  });
});
