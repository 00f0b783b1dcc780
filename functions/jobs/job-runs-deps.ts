import { scheduleCronsVariable, schedulesWithCrons } from '#definitions/schedules.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { jobRunStore } from './job-run-store.ts';
import type { JobRunsDeps } from './job-runs.ts';

export const jobRunsDeps: JobRunsDeps = {
  runs: jobRunStore(dynamodb, config.tableName),
  // The crons as deployed, overrides applied: the stack (or the local cloud) computed them once
  // and gave them to this function only; a missing value stops it at cold start.
  schedules: schedulesWithCrons(process.env[scheduleCronsVariable]),
};
