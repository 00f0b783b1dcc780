import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bucketNotifications } from '#definitions/bucket-notifications.ts';
import { encodeS3EventKey, localS3ClientConfig, startS3, type S3Local, type S3NotificationFailure } from '#local/s3.ts';

const bucketName = 'alin-uploads-test';

describe('S3 stand-in', () => {
  const calls: { entry: string; event: S3Event }[] = [];
  const failures: S3NotificationFailure[] = [];
  let failNext = false;
  let s3: S3Local;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3({
      port: 0,
      bucketName,
      corsOrigins: ['http://localhost:5173'],
      invoke: async (entry, event) => {
        calls.push({ entry, event: event as S3Event });
        if (failNext) {
          failNext = false;
          throw new Error('import handler crashed');
        }
      },
      onError: (failure) => failures.push(failure),
    });
    client = new S3Client(localS3ClientConfig(s3.url));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  beforeEach(() => {
    calls.length = 0;
    failures.length = 0;
  });

  it('hands an object written under a rule prefix to the rule handler as an S3 event record', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'imports/landlord-1/offres.csv', Body: 'a;b\n1;2\n' }));
    await s3.idle();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.entry).toBe(bucketNotifications.importReceived.handler);
    const records = calls[0]?.event.Records ?? [];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: bucketName, arn: `arn:aws:s3:::${bucketName}` },
        object: { key: 'imports/landlord-1/offres.csv', size: 8, eTag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      },
    });
  });

  it('hands nothing for a key outside every rule', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'elsewhere/imports/offres.csv', Body: 'x' }));
    await s3.idle();
    expect(calls).toEqual([]);
  });

  it('stores the exact bytes of a presigned PUT and fires its event', async () => {
    const bytes = new Uint8Array(70_000).map((_, index) => (index * 31) % 256);
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucketName, Key: 'imports/presigned.bin' }), {
      expiresIn: 300,
    });

    const upload = await fetch(url, { method: 'PUT', body: bytes });
    expect(upload.status).toBe(200);
    await s3.idle();

    const stored = await client.send(new GetObjectCommand({ Bucket: bucketName, Key: 'imports/presigned.bin' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(Buffer.from(bytes))).toBe(true);
    expect(calls.map((call) => call.event.Records[0]?.s3.object)).toEqual([
      expect.objectContaining({ key: 'imports/presigned.bin', size: bytes.length }),
    ]);
  });

  it('stores the exact bytes of a streamed SDK upload (no aws-chunked framing)', async () => {
    // A stream body is where the SDK's default checksums would frame the payload.
    const text = 'exactement ceci';
    await client.send(
      new PutObjectCommand({
        Bucket: bucketName,
        Key: 'documents/a.txt',
        Body: Readable.from([Buffer.from(text)]),
        ContentLength: text.length,
      }),
    );
    const stored = await client.send(new GetObjectCommand({ Bucket: bucketName, Key: 'documents/a.txt' }));
    expect(await stored.Body!.transformToString()).toBe('exactement ceci');
  });

  it('gives handlers the key form-encoded, as S3 notifications do', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'imports/mon fichier+été.csv', Body: 'x' }));
    await s3.idle();
    expect(calls[0]?.event.Records[0]?.s3.object.key).toBe('imports/mon+fichier%2B%C3%A9t%C3%A9.csv');
    expect(decodeURIComponent(encodeS3EventKey('a b/c+d').replace(/\+/g, ' '))).toBe('a b/c+d');
  });

  it('reports a failing handler to onError and keeps serving', async () => {
    failNext = true;
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'imports/bad.csv', Body: 'x' }));
    await s3.idle();

    expect(failures).toEqual([
      expect.objectContaining({ rule: 'importReceived', key: 'imports/bad.csv', error: new Error('import handler crashed') }),
    ]);
    await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'imports/good.csv', Body: 'x' }));
    await s3.idle();
    expect(calls).toHaveLength(2);
  });

  it('answers a browser preflight for a presigned PUT from an allowed origin', async () => {
    const preflight = await fetch(`${s3.url}/${bucketName}/imports/x.csv`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('refuses to start on a port already in use, naming it', async () => {
    const port = Number(new URL(s3.url).port);
    await expect(startS3({ port, bucketName })).rejects.toThrow(`Port ${port}`);
  });
});

describe('S3 stand-in storage', () => {
  it('removes its temporary folder on stop, and stop can be called twice', async () => {
    const s3 = await startS3({ port: 0, bucketName, invoke: async () => undefined });
    expect(existsSync(s3.dataDir)).toBe(true);
    await s3.stop();
    await s3.stop();
    expect(existsSync(s3.dataDir)).toBe(false);
  });

  it('keeps objects in a given folder across restarts', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 's3-persist-test-'));
    try {
      const first = await startS3({ port: 0, bucketName, dataDir: directory, invoke: async () => undefined });
      const firstClient = new S3Client(localS3ClientConfig(first.url));
      await firstClient.send(new PutObjectCommand({ Bucket: bucketName, Key: 'documents/kept.txt', Body: 'kept' }));
      firstClient.destroy();
      await first.stop();

      const second = await startS3({ port: 0, bucketName, dataDir: directory, invoke: async () => undefined });
      const secondClient = new S3Client(localS3ClientConfig(second.url));
      const stored = await secondClient.send(new GetObjectCommand({ Bucket: bucketName, Key: 'documents/kept.txt' }));
      expect(await stored.Body!.transformToString()).toBe('kept');
      secondClient.destroy();
      await second.stop();
      expect(existsSync(directory)).toBe(true);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
