import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { errorName, logger } from '#shared/powertools.ts';
import { deliverNotification, type DeliveryDeps, type DeliveryOutcome } from './deliver.ts';
import { notificationFromItem } from './outbox.ts';

export type DeliveryCounts = Record<DeliveryOutcome | 'failed', number>;

const noDeliveries = (): DeliveryCounts => ({ sent: 0, skipped: 0, abandoned: 0, failed: 0 });

/**
 * The notifier's batch: new outbox items from the table stream (INSERT of `Notification`).
 * 1. Each record's new image is read as a notification (a record without one is passed over).
 * 2. Each is delivered at most once (`deliverNotification`), its outcome counted and logged.
 * 3. A record that fails (unreadable, or not sent) is logged with its error's name and reported
 *    as a batch item failure, so that only it is retried.
 */
export async function deliverNewNotifications(
  deps: DeliveryDeps,
  records: readonly DynamoDBRecord[],
): Promise<{ counts: DeliveryCounts; batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] }> {
  const counts = noDeliveries();
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    let notificationId: string | undefined;
    try {
      const notification = notificationFromItem(
        unmarshall(image as Record<string, StreamAttributeValue> as Record<string, AttributeValue>),
      );
      notificationId = notification.id;
      const outcome = await deliverNotification(deps, notification.id);
      counts[outcome] += 1;
      logger.info('Notification handled', { notificationId, template: notification.template, outcome });
    } catch (error) {
      counts.failed += 1;
      logger.warn('Notification not sent', { notificationId, errorName: errorName(error) });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { counts, batchItemFailures };
}

/** A notification pending longer than this was missed by the notifier (failed sends, lost batch). */
const stuckAfterMs = 10 * 60_000;
const sweepLimit = 100;

/**
 * Re-drives outbox notifications still pending after the grace period: nothing is lost when a
 * send fails beyond the stream's retries.
 * 1. Read pending notifications older than the grace period (sparse index, bounded batch).
 * 2. Deliver each (claim, send, mark sent); count the outcomes. One that fails is counted and
 *    logged (its id and error name) and left pending for the next sweep.
 */
export async function sweepOutbox(deps: DeliveryDeps): Promise<DeliveryCounts & { handled: number }> {
  const pending = await deps.notifications.listPending(new Date(deps.now().getTime() - stuckAfterMs), sweepLimit);
  const counts = { handled: pending.length, ...noDeliveries() };
  for (const notification of pending) {
    try {
      counts[await deliverNotification(deps, notification.id)] += 1;
    } catch (error) {
      counts.failed += 1;
      logger.warn('Outbox notification not sent', { notificationId: notification.id, errorName: errorName(error) });
    }
  }
  return counts;
}
