import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { deliveryDeps } from '../notification-deps.ts';
import { sweepOutbox } from '../notification-use-cases.ts';

/** The outbox sweeper's schedule: re-drives the notifications the notifier missed. Logs counts only. */
export const handler = middy<ScheduledEvent, Awaited<ReturnType<typeof sweepOutbox>>>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async () => {
    const counts = await sweepOutbox(deliveryDeps);
    metrics.addMetric('OutboxSweepSent', 'Count', counts.sent);
    metrics.addMetric('OutboxSweepFailed', 'Count', counts.failed);
    logger.info('Outbox swept', counts);
    return counts;
  });
