import { employeeStore } from '#identity/employee-store.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { documentRules } from './document-rules.ts';
import { documentStore } from './document-store.ts';
import type { DocumentReadDeps } from './document-use-cases.ts';

/**
 * The documents' dependencies, wired once per execution environment. Also what another area
 * passes to `fileCompleteness` (e.g. applying refuses an incomplete file). Requesting an upload
 * adds the S3 signer (`document-upload-deps.ts`), so that the other handlers do not bundle S3.
 */
export const documentDeps: DocumentReadDeps = {
  documents: documentStore(dynamodb, config.tableName),
  employees: employeeStore(dynamodb, config.tableName),
  rules: documentRules,
  now: () => new Date(),
};
