import { randomBytes } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { documentRules, requiredDocumentTypes, type DocumentType } from '#housing-file/document-rules.ts';
import { documentKey } from '#housing-file/document-store.ts';
import { localS3ClientConfig } from '#local/s3.ts';
import { api, cloud, eventually, tokenOf } from '../support/api.ts';
import { createTestEmployee, updateEmployeeItem } from '../support/employees.ts';
import { localTable } from '../support/table.ts';

/** An employee account with (unless told not to) a file; see test/support/employees.ts. */
const newEmployee = (options: { withFile?: boolean } = {}) => createTestEmployee(options);

const s3 = new S3Client(localS3ClientConfig(cloud().environment.AWS_ENDPOINT_URL_S3!));
afterAll(() => s3.destroy());

const pdfBytes = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

/** Requests an upload of `bytes` as `type`, PUTs them to the presigned URL, and returns the document id. */
async function upload(token: string, type: DocumentType, bytes: Buffer, contentType = 'application/pdf') {
  const requested = await api('POST', '/me/documents', {
    token,
    body: { type, contentType, sizeBytes: bytes.length, filename: `${type}.pdf` },
  });
  expect(requested.status).toBe(201);
  const put = await fetch(requested.body.upload.url, {
    method: 'PUT',
    headers: requested.body.upload.headers,
    body: bytes,
  });
  expect(put.status).toBe(200);
  return requested.body.documentId as string;
}

async function documentsOf(token: string) {
  const response = await api('GET', '/me/documents', { token });
  expect(response.status).toBe(200);
  return response.body as {
    documents: {
      documentId: string;
      type: string;
      status: string;
      receivedAt?: string;
      expiresOn?: string;
      current: boolean;
      sizeBytes: number;
    }[];
    completeness: { complete: boolean; missing: { type: string; reason: string }[] };
  };
}

const receivedIn = (token: string, documentId: string) =>
  eventually(`document ${documentId} received`, async () => {
    const found = (await documentsOf(token)).documents.find((d) => d.documentId === documentId);
    return found?.status === 'RECEIVED' ? found : undefined;
  });

describe('POST /me/documents', () => {
  it('gives an employee a short-lived PUT URL bound to the document’s key, content type and size', async () => {
    const employee = await newEmployee();
    const response = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'payslip-1', contentType: 'image/png', sizeBytes: 1234 },
    });
    expect(response.status).toBe(201);
    const { documentId, upload } = response.body;
    expect(response.body).toMatchObject({
      type: 'payslip-1',
      status: 'REQUESTED',
      upload: { method: 'PUT', headers: { 'Content-Type': 'image/png' } },
    });
    const url = new URL(upload.url);
    expect(url.pathname).toBe(`/${cloud().environment.BUCKET_NAME}/documents/${employee.id}/payslip-1/${documentId}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(documentRules.upload.urlExpirySeconds));
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type']));
    const expiresIn = Date.parse(upload.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(documentRules.upload.urlExpirySeconds * 1000);

    const item = await localTable().get(documentKey({ employeeId: employee.id, type: 'payslip-1', documentId }));
    expect(item).toMatchObject({ entity: 'Document', status: 'REQUESTED', contentType: 'image/png', sizeBytes: 1234 });
    // An upload never made is forgotten by the table's TTL.
    expect(item?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('refuses a content type other than PDF, JPEG or PNG with 400 on that field, and records nothing', async () => {
    const employee = await newEmployee();
    const response = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'identity', contentType: 'application/zip', sizeBytes: 1000 },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'body.contentType', message: expect.stringContaining('application/pdf') }]);
    expect((await documentsOf(employee.token)).documents).toEqual([]);
  });

  it('refuses a file over the size limit, an empty file and an unknown type, naming each field', async () => {
    const employee = await newEmployee();
    const tooLarge = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'identity', contentType: 'application/pdf', sizeBytes: documentRules.upload.maxSizeBytes + 1 },
    });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.fields).toEqual([{ field: 'body.sizeBytes', message: 'Le fichier dépasse la taille maximale de 10 Mo.' }]);

    const bad = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'passport-photo', contentType: 'application/pdf', sizeBytes: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.sizeBytes', 'body.type']);
  });

  it('refuses (409) a fourth upload of one type while three are awaited, and accepts it once one arrives', async () => {
    const employee = await createTestEmployee();
    const ask = () =>
      api('POST', '/me/documents', { token: employee.token, body: { type: 'identity', contentType: 'application/pdf', sizeBytes: 10 } });
    const asked = [await ask(), await ask(), await ask()];
    expect(asked.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const refused = await ask();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_PENDING_UPLOADS', message: expect.stringMatching(/déjà en attente/) });
    // Another type is not held back.
    expect(
      (
        await api('POST', '/me/documents', {
          token: employee.token,
          body: { type: 'tax-notice', contentType: 'application/pdf', sizeBytes: 10 },
        })
      ).status,
    ).toBe(201);
    const first = asked[0]!.body;
    expect((await fetch(first.upload.url, { method: 'PUT', headers: first.upload.headers, body: pdfBytes(10) })).status).toBe(200);
    await receivedIn(employee.token, first.documentId);
    expect((await ask()).status).toBe(201);
  });

  it('accepts exactly the maximum size', async () => {
    const employee = await newEmployee();
    const response = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'identity', contentType: 'image/jpeg', sizeBytes: documentRules.upload.maxSizeBytes },
    });
    expect(response.status).toBe(201);
  });

  it('answers 404 to an employee account that has no file', async () => {
    const employee = await newEmployee({ withFile: false });
    const response = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'identity', contentType: 'application/pdf', sizeBytes: 100 },
    });
    expect(response.status).toBe(404);
    expect((await api('GET', '/me/documents', { token: employee.token })).status).toBe(404);
  });

  it('is closed to other roles (403) and to anonymous callers (401)', async () => {
    const body = { type: 'identity', contentType: 'application/pdf', sizeBytes: 100 };
    for (const role of ['company', 'operator']) {
      const token = await tokenOf(role);
      expect((await api('POST', '/me/documents', { token, body })).status).toBe(403);
      expect((await api('GET', '/me/documents', { token })).status).toBe(403);
    }
    expect((await api('POST', '/me/documents', { body })).status).toBe(401);
    expect((await api('GET', '/me/documents')).status).toBe(401);
  });
});

describe('uploading to the presigned URL', () => {
  it('stores exactly the bytes sent and shows the document received, with its expiry', async () => {
    const employee = await newEmployee();
    const bytes = pdfBytes(64 * 1024);
    const documentId = await upload(employee.token, 'employer-attestation', bytes);

    const document = await receivedIn(employee.token, documentId);
    expect(document).toMatchObject({ type: 'employer-attestation', sizeBytes: bytes.length, current: true });
    expect(document.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(document.receivedAt!)).toBeLessThanOrEqual(Date.now());

    const stored = await s3.send(
      new GetObjectCommand({
        Bucket: cloud().environment.BUCKET_NAME,
        Key: `documents/${employee.id}/employer-attestation/${documentId}`,
      }),
    );
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });

  it('lets a newer upload of the same type replace the older one as the current document', async () => {
    const employee = await newEmployee();
    const first = await upload(employee.token, 'identity', pdfBytes(100));
    await receivedIn(employee.token, first);
    const second = await upload(employee.token, 'identity', pdfBytes(200));
    await receivedIn(employee.token, second);

    const identity = (await documentsOf(employee.token)).documents.filter((d) => d.type === 'identity');
    expect(identity.map((d) => [d.documentId, d.current])).toEqual([
      [second, true],
      [first, false],
    ]);
  });

  it('does not count an object whose size differs from the one signed into the URL', async () => {
    // S3 itself refuses such a PUT (the length is signed); the local stand-in does not check
    // signatures, so the receipt handler is the guard.
    const employee = await newEmployee();
    const requested = await api('POST', '/me/documents', {
      token: employee.token,
      body: { type: 'identity', contentType: 'application/pdf', sizeBytes: 100 },
    });
    const put = await fetch(requested.body.upload.url, { method: 'PUT', headers: requested.body.upload.headers, body: pdfBytes(150) });
    expect(put.status).toBe(200);
    const document = await eventually('the upload rejected', async () => {
      const found = (await documentsOf(employee.token)).documents.find((d) => d.documentId === requested.body.documentId);
      return found?.status === 'REJECTED' ? found : undefined;
    });
    expect(document.current).toBe(false);
    expect((await documentsOf(employee.token)).completeness.missing).toContainEqual({ type: 'identity', reason: 'absent' });
  });

  it('shows each employee only his own documents', async () => {
    const [alice, bob] = await Promise.all([newEmployee(), newEmployee()]);
    const documentId = await upload(alice.token, 'tax-notice', pdfBytes(300));
    await receivedIn(alice.token, documentId);
    expect((await documentsOf(bob.token)).documents).toEqual([]);
  });
});

describe('completeness of the file', () => {
  it('turns complete once every required document is received and the employer confirms the employment', async () => {
    const employee = await newEmployee();
    const initial = await documentsOf(employee.token);
    expect(initial.completeness.complete).toBe(false);
    expect(initial.completeness.missing).toHaveLength(requiredDocumentTypes(documentRules).length + 1);

    const ids = await Promise.all(requiredDocumentTypes(documentRules).map((type) => upload(employee.token, type, pdfBytes(2048))));
    // An optional document changes nothing to completeness.
    ids.push(await upload(employee.token, 'disability-card', pdfBytes(512), 'image/png'));
    for (const id of ids) await receivedIn(employee.token, id);

    const documentsOnly = await documentsOf(employee.token);
    expect(documentsOnly.completeness).toEqual({
      complete: false,
      missing: [{ type: 'employment', reason: 'employment-not-confirmed' }],
    });

    // Company HR confirms the employment in another part; here the test sets it directly.
    await updateEmployeeItem(employee.id, 'SET employment = :employment', {
      ':employment': { status: 'CONFIRMED', decidedAt: new Date().toISOString() },
    });
    expect((await documentsOf(employee.token)).completeness).toEqual({ complete: true, missing: [] });
  });
});
