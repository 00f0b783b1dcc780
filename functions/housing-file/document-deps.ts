import { randomUUID } from 'node:crypto';
import { employeeStore } from '#identity/employee-store.ts';
import { dynamodb, s3 } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { documentRules } from './document-rules.ts';
import { documentStore } from './document-store.ts';
import { s3UploadSigner } from './document-uploads.ts';
import type { DocumentDeps } from './document-use-cases.ts';

/**
 * The documents' dependencies, wired once per execution environment. Also what another area
 * passes to `fileCompleteness` (e.g. applying refuses an incomplete file).
 */
export const documentDeps: DocumentDeps = {
  documents: documentStore(dynamodb, config.tableName),
  employees: employeeStore(dynamodb, config.tableName),
  uploads: s3UploadSigner(s3, config.bucketName),
  rules: documentRules,
  now: () => new Date(),
  newId: randomUUID,
};
