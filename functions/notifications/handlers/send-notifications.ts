import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue as StreamAttributeValue, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { logger, metrics, publishMetrics, tracer } from '#shared/powertools.ts';
import { deliverNotification } from '../deliver.ts';
import { deliveryDeps } from '../notification-deps.ts';
import { notificationFromItem } from '../outbox.ts';

/**
 * The notifier: fed by the table stream with new outbox items (filtered on INSERT of
 * `Notification`). Each record is delivered at most once; failed records are reported as
 * batch item failures so only they are retried.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(publishMetrics())
  .handler(async (event) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (!image) continue;
      let notificationId: string | undefined;
      try {
        const notification = notificationFromItem(unmarshall(image as Record<string, StreamAttributeValue> as Record<string, AttributeValue>));
        notificationId = notification.id;
        const outcome = await deliverNotification(deliveryDeps, notification.id);
        metrics.addMetric(`Notification-${outcome}`, 'Count', 1);
        logger.info('Notification handled', { notificationId, template: notification.template, outcome });
      } catch (error) {
        metrics.addMetric('NotificationFailed', 'Count', 1);
        logger.warn('Notification not sent', { notificationId, errorName: error instanceof Error ? error.name : 'unknown' });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
      }
    }
    return { batchItemFailures };
  });
