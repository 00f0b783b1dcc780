import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import type { JobRunStore } from './job-run-store.ts';

/**
 * What every scheduled job shares: its time budget, its recorded run (visible to the operator)
 * and its Lambda handler (metrics and a log line of its counts). The jobs keep their own work.
 */

/** Time left before the Lambda deadline; unbounded when run outside Lambda. */
export type TimeLeft = () => number;

/** A run stops taking new work when less than this is left before the deadline; the next run continues. */
export const stopMarginMs = 10_000;

/** A job's counts: numbers, and whether it stopped before its deadline with work left. */
export interface JobCounts {
  incomplete: boolean;
}

/** The counts as numbers (`incomplete` as 0 or 1), for the run record and the metrics. */
const numbers = (counts: JobCounts): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).map(([name, value]) => [name, Number(value)]));

/**
 * Runs `work` as one recorded run of `jobId`: RUNNING when it starts (so a run that died is
 * visible), then DONE, INCOMPLETE or FAILED with the counts `work` filled in. The finish time
 * is the run's own clock (`now`) moved by the time it took, so tests can move time.
 */
export async function recordedRun<C extends JobCounts>(
  runs: JobRunStore,
  jobId: string,
  now: Date,
  counts: C,
  work: () => Promise<void>,
): Promise<C> {
  const startedAt = now.toISOString();
  const startedMs = performance.now();
  await runs.started(jobId, startedAt);
  const finish = (status: 'DONE' | 'INCOMPLETE' | 'FAILED') =>
    runs.finished({
      jobId,
      startedAt,
      finishedAt: new Date(now.getTime() + Math.round(performance.now() - startedMs)).toISOString(),
      status,
      counts: numbers(counts),
    });
  try {
    await work();
  } catch (error) {
    await finish('FAILED');
    throw error;
  }
  await finish(counts.incomplete ? 'INCOMPLETE' : 'DONE');
  return counts;
}

/**
 * The Lambda handler of a schedule: runs the job on the clock and the Lambda's deadline, then
 * emits one metric per count (`<prefix><Count>`, e.g. `NudExpiryErrors`; `incomplete` as 0 or 1).
 */
export function scheduledJobHandler<C extends JobCounts>(metricPrefix: string, run: (now: Date, timeLeft: TimeLeft) => Promise<C>) {
  return middy<ScheduledEvent, C>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .handler(async (_event, context) => {
      const counts = await run(new Date(), () => context.getRemainingTimeInMillis());
      for (const [name, value] of Object.entries(numbers(counts))) {
        metrics.addMetric(`${metricPrefix}${name.charAt(0).toUpperCase()}${name.slice(1)}`, 'Count', value);
      }
      logger.info(`${metricPrefix} run`, numbers(counts));
      return counts;
    });
}
