import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentToItem } from '#housing-file/document-store.ts';
import { describe, expect, it } from 'vitest';
import { api, eventually, tokenOf } from '../support/api.ts';
import { registeredEmployee } from '../support/registration.ts';
import { localTable } from '../support/table.ts';

/** Every item of the table whose attributes mention one of the values (a test-only Scan). */
async function itemsMentioning(values: string[]) {
  const table = localTable();
  const found: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: cursor }));
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(item).toLowerCase();
      if (values.some((value) => text.includes(value.toLowerCase()))) found.push(item);
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return found;
}

describe('GDPR: export and erasure of the employee’s data', () => {
  it('exports everything kept about the caller as JSON, without storage keys', async () => {
    const employee = await registeredEmployee();
    const response = await api('GET', '/me/export', { token: employee.idToken });
    expect(response.status).toBe(200);
    const [profile] = response.body.data.Employee;
    expect(profile).toMatchObject({ email: employee.email, nud: employee.nud, lastName: 'Martin', phone: '+33612345678' });
    expect(profile).not.toHaveProperty('PK');
    expect(profile).not.toHaveProperty('GSI2PK');
  });

  it('is closed to other roles', async () => {
    expect((await api('GET', '/me/export', { token: await tokenOf('company') })).status).toBe(403);
    expect((await api('DELETE', '/me', { token: await tokenOf('operator') })).status).toBe(403);
  });

  it('erases the account so that no personal data is left in the table, records the erasure, and login fails', async () => {
    // A name unique to this test (letters only), to search the table for it afterwards.
    const unique = Date.now()
      .toString(26)
      .replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!);
    const employee = await registeredEmployee({ lastName: `Effacé-${unique}` });
    // The welcome e-mail must have gone: a sent notification keeps no recipient.
    await eventually('no personal data in the outbox', async () =>
      (await itemsMentioning([employee.email])).every((item) => item.entity !== 'Notification') ? true : undefined,
    );
    const before = await itemsMentioning([employee.email, employee.nud, employee.lastName]);
    expect(before.length).toBeGreaterThan(0);

    const erased = await api('DELETE', '/me', { token: employee.idToken });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erased: true, documentsDeleted: 0 });

    expect(await itemsMentioning([employee.email, employee.nud, employee.lastName, employee.employeeId])).toEqual([]);
    const login = await api('POST', '/auth/login', { body: { email: employee.email, password: employee.password } });
    expect(login.status).toBe(401);
    expect((await api('GET', '/me/export', { token: employee.idToken })).status).toBe(404);

    // Erasing again changes nothing and still answers.
    expect((await api('DELETE', '/me', { token: employee.idToken })).status).toBe(200);
  });

  it('erases a large file (more items than one transaction holds) and the uploaded documents', async () => {
    const employee = await registeredEmployee();
    const upload = await api('POST', '/me/documents', {
      token: employee.idToken,
      body: { type: 'identity', contentType: 'application/pdf', sizeBytes: 4 },
    });
    expect(upload.status).toBe(201);
    const put = await fetch(upload.body.upload.url, { method: 'PUT', headers: upload.body.upload.headers, body: '%PDF' });
    expect(put.status).toBe(200);
    const table = localTable();
    const extra = Array.from({ length: 120 }, (_, i) =>
      documentToItem({
        employeeId: employee.employeeId,
        documentId: `bulk-${i}`,
        type: 'rent-receipts',
        status: 'RECEIVED',
        contentType: 'application/pdf',
        sizeBytes: 1,
        requestedAt: new Date().toISOString(),
        receivedAt: new Date().toISOString(),
      }),
    );
    for (let i = 0; i < extra.length; i += 25) {
      await table.client.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: extra.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }),
      );
    }
    const erased = await api('DELETE', '/me', { token: employee.idToken });
    expect(erased.status).toBe(200);
    expect(erased.body.documentsDeleted).toBe(1);
    expect(await itemsMentioning([employee.employeeId, employee.email])).toEqual([]);
  });
});
