import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { deliveryDeps } from '../notification-deps.ts';
import { deliverNewNotifications } from '../notification-use-cases.ts';

/**
 * The notifier: fed by the table stream with new outbox items (filtered on INSERT of
 * `Notification`). Failed records are reported as batch item failures so only they are retried.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (event) => {
    const { counts, batchItemFailures } = await deliverNewNotifications(deliveryDeps, event.Records);
    for (const [outcome, count] of Object.entries(counts)) {
      if (count > 0) metrics.addMetric(outcome === 'failed' ? 'NotificationFailed' : `Notification-${outcome}`, 'Count', count);
    }
    return { batchItemFailures };
  });
