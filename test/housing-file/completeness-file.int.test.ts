import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { fileCompleteness } from '#housing-file/completeness.ts';
import { documentRules, requiredDocumentTypes } from '#housing-file/document-rules.ts';
import { documentStore, documentToItem } from '#housing-file/document-store.ts';
import { employeeStore, employeeToItem } from '#identity/employee-store.ts';
import { NotFoundError } from '#shared/errors.ts';
import { localTable } from '../support/table.ts';

const table = localTable();
const deps = {
  documents: documentStore(table.client, table.tableName),
  employees: employeeStore(table.client, table.tableName),
  rules: documentRules,
  now: () => new Date(),
};
const put = (Item: Record<string, unknown>) => table.client.send(new PutCommand({ TableName: table.tableName, Item }));

async function employeeWithFile(status: 'PENDING' | 'CONFIRMED') {
  const id = randomUUID();
  const now = new Date().toISOString();
  await put(
    employeeToItem({
      id,
      civility: 'M',
      lastName: 'Petit',
      firstName: 'Jean',
      phone: '+33611223344',
      email: `${id}@example.org`,
      nud: `0751226${Date.now() % 1e7}`,
      siret: '43219876500013',
      consent: { acceptedAt: now, textVersion: 'test' },
      registeredAt: now,
      account: 'ACTIVE',
      employment: { status },
    }),
  );
  for (const type of requiredDocumentTypes(documentRules)) {
    await put(
      documentToItem({
        employeeId: id,
        documentId: randomUUID(),
        type,
        status: 'RECEIVED',
        contentType: 'application/pdf',
        sizeBytes: 10,
        requestedAt: now,
        receivedAt: now,
        receivedSizeBytes: 10,
      }),
    );
  }
  return id;
}

describe('fileCompleteness (for applying)', () => {
  it('reads a stored file with every document and a confirmed employment as complete', async () => {
    expect(await fileCompleteness(deps, await employeeWithFile('CONFIRMED'))).toEqual({ complete: true, missing: [] });
  });

  it('reads a stored file whose employment is pending as incomplete', async () => {
    expect(await fileCompleteness(deps, await employeeWithFile('PENDING'))).toEqual({
      complete: false,
      missing: [{ type: 'employment', reason: 'employment-not-confirmed' }],
    });
  });

  it('answers not found for an employee without a file', async () => {
    await expect(fileCompleteness(deps, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});
