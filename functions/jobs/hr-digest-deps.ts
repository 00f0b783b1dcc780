import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { HrDigestDeps } from './hr-digest-job.ts';
import { hrDigestStore } from './hr-digest-store.ts';
import { jobRunStore } from './job-run-store.ts';

export const hrDigestDeps: HrDigestDeps = {
  digests: hrDigestStore(dynamodb, config.tableName),
  runs: jobRunStore(dynamodb, config.tableName),
  appUrl: config.appUrl,
};
