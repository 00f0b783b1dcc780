import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { deliverNotification, type DeliveryDeps } from '../deliver.ts';
import { deliveryDeps } from '../notification-deps.ts';

/** A notification pending longer than this was missed by the notifier (failed sends, lost batch). */
const stuckAfterMs = 10 * 60_000;
const batchLimit = 100;

/**
 * Re-drives outbox notifications still pending after the grace period: nothing is lost when a
 * send fails beyond the stream's retries.
 * 1. Read pending notifications older than the grace period (sparse index, bounded batch).
 * 2. Deliver each (claim, send, mark sent); count the outcomes.
 */
export async function sweepOutbox(deps: DeliveryDeps) {
  const pending = await deps.notifications.listPending(new Date(deps.now().getTime() - stuckAfterMs), batchLimit);
  const counts = { handled: pending.length, sent: 0, skipped: 0, abandoned: 0, failed: 0 };
  for (const notification of pending) {
    try {
      counts[await deliverNotification(deps, notification.id)] += 1;
    } catch {
      counts.failed += 1;
    }
  }
  return counts;
}

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
