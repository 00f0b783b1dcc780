import type { ScheduleDefinition } from '#definitions/schedules.ts';
import type { JobRunStore } from './job-run-store.ts';
import type { JobsView } from './job-run-schemas.ts';

export interface JobRunsDeps {
  readonly runs: JobRunStore;
  readonly schedules: Readonly<Record<string, ScheduleDefinition>>;
}

/**
 * The operator's view of the scheduled jobs:
 * 1. List the jobs of the schedule table, with the crons they were deployed with.
 * 2. Read each one's last finished run (one GetItem per job; the table has a handful).
 */
export async function listJobRuns(deps: JobRunsDeps): Promise<JobsView> {
  const jobs = await Promise.all(
    Object.entries(deps.schedules).map(async ([id, schedule]) => {
      const last = await deps.runs.lastRun(id);
      return {
        id,
        description: schedule.description,
        cron: schedule.cron,
        lastRun: last ? { startedAt: last.startedAt, finishedAt: last.finishedAt, status: last.status, counts: last.counts } : null,
      };
    }),
  );
  return { jobs };
}
