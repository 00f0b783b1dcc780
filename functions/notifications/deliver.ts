import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { NotificationStore } from './notification-store.ts';
import { templates } from './templates.ts';

export interface DeliveryDeps {
  readonly notifications: NotificationStore;
  readonly ses: SESv2Client;
  readonly from: string;
  readonly now: () => Date;
  /** How long a sender may hold a notification before another delivery may take it over. */
  readonly leaseMs: number;
  /** Deliveries tried before a notification is abandoned (e.g. an address SES keeps rejecting). */
  readonly maxAttempts: number;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'abandoned';

/**
 * Sends one outbox notification once, whatever the number of deliveries (one exception: SES
 * accepted it but marking it sent failed; after the lease the sweeper sends it again).
 * 1. Claim it (conditional write): a notification already sent or being sent is skipped; one
 *    claimed too many times is abandoned.
 * 2. Render its French template and send it through SES.
 * 3. Mark it sent; if sending failed, release it for a later delivery and rethrow.
 */
export async function deliverNotification(deps: DeliveryDeps, id: string): Promise<DeliveryOutcome> {
  const notification = await deps.notifications.claim(id, deps.now(), deps.leaseMs);
  if (!notification) return 'skipped';
  if (notification.attempts > deps.maxAttempts) {
    await deps.notifications.abandon(id, deps.now());
    return 'abandoned';
  }
  const email = templates[notification.template](notification.params);
  let messageId: string;
  try {
    const result = await deps.ses.send(
      new SendEmailCommand({
        FromEmailAddress: deps.from,
        Destination: { ToAddresses: [notification.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    messageId = result.MessageId ?? 'unknown';
  } catch (error) {
    await deps.notifications.release(id);
    throw error;
  }
  await deps.notifications.markSent(id, messageId, deps.now());
  return 'sent';
}
