import { documentRules } from '#housing-file/document-rules.ts';
import { documentStore } from '#housing-file/document-store.ts';
import { employeeStore } from '#identity/employee-store.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { DocumentExpiryDeps } from './document-expiry-job.ts';
import { documentExpiryStore } from './document-expiry-store.ts';
import { jobRunStore } from './job-run-store.ts';

export const documentExpiryDeps: DocumentExpiryDeps = {
  expiries: documentExpiryStore(dynamodb, config.tableName),
  documents: documentStore(dynamodb, config.tableName),
  employees: employeeStore(dynamodb, config.tableName),
  runs: jobRunStore(dynamodb, config.tableName),
  rules: documentRules,
  appUrl: config.appUrl,
};
