import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { lifecycleReconcilerDeps } from './lifecycle-reconciler-deps.ts';
import { runLifecycleReconciler, type LifecycleReconcilerCounts } from './lifecycle-reconciler-job.ts';

/** The lifecycle reconciler schedule (`lifecycleReconciler` in the schedule table). */
export const handler = middy<ScheduledEvent, LifecycleReconcilerCounts>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (_event, context) => {
    const counts = await runLifecycleReconciler(lifecycleReconcilerDeps, new Date(), () => context.getRemainingTimeInMillis());
    metrics.addMetric('LifecycleReconcilerExamined', 'Count', counts.examined);
    metrics.addMetric('LifecycleReconcilerResumed', 'Count', counts.resumed);
    metrics.addMetric('LifecycleReconcilerStopped', 'Count', counts.stopped);
    metrics.addMetric('LifecycleReconcilerGaveUp', 'Count', counts.gaveUp);
    metrics.addMetric('LifecycleReconcilerErrors', 'Count', counts.errors);
    metrics.addMetric('LifecycleReconcilerIncomplete', 'Count', counts.incomplete ? 1 : 0);
    logger.info('Lifecycle reconciler run', { ...counts });
    return counts;
  });
