import { randomUUID } from 'node:crypto';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { importFileLinks } from './import-files.ts';
import { importRules } from './import-rules.ts';
import { importStore } from './import-store.ts';
import type { ImportRouteDeps } from './import-use-cases.ts';

/**
 * What the landlord's import routes need, wired without the run's dependencies (S3 client, offer
 * publication): their functions' bundles stay small (issue 15). The S3 handler uses `importDeps`.
 */
export const importRouteDeps: ImportRouteDeps = {
  imports: importStore(dynamodb, config.tableName),
  files: importFileLinks(config.bucketName),
  rules: importRules,
  now: () => new Date(),
  newId: randomUUID,
};
