import { schedules } from '#definitions/schedules.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { jobRunStore } from './job-run-store.ts';
import type { JobRunsDeps } from './job-runs.ts';

export const jobRunsDeps: JobRunsDeps = {
  runs: jobRunStore(dynamodb, config.tableName),
  schedules,
};
