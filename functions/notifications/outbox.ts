import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { accountTemplateNames } from './account-templates.ts';
import { lifecycleTemplateNames } from './lifecycle-templates.ts';
import { noticeTemplateNames } from './notice-templates.ts';
import { nudCorrectionTemplateNames } from './nud-correction-templates.ts';

/**
 * The notifications outbox. A state change writes its notification items in the same
 * transaction; the stream-triggered notifier sends them. Items: `PK = NOTIFICATION#<id>`,
 * `SK = NOTIFICATION`, entity `Notification` (the stream filter matches on it).
 */
const notificationEntity = 'Notification';
export const notificationKey = (id: string) => ({ PK: `NOTIFICATION#${id}`, SK: 'NOTIFICATION' });

const templateNames = [
  'company-declared',
  'registration-welcome',
  'registration-attempt',
  'registration-nud-used',
  'company-hr-invited',
  'landlord-user-invited',
  'nud-reminder',
  'nud-expired',
  'new-offers-digest',
  ...lifecycleTemplateNames,
  ...accountTemplateNames,
  ...noticeTemplateNames,
  ...nudCorrectionTemplateNames,
] as const;
export type TemplateName = (typeof templateNames)[number];

const notificationStatusSchema = z.enum(['PENDING', 'SENDING', 'SENT', 'ABANDONED']);

const notificationItemSchema = z.object({
  entity: z.literal(notificationEntity),
  id: z.string(),
  template: z.enum(templateNames),
  to: z.string(),
  params: z.record(z.string(), z.string()),
  status: notificationStatusSchema,
  createdAt: z.string(),
  attempts: z.number().default(0),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  leaseUntil: z.number().optional(),
});

export type Notification = Omit<z.output<typeof notificationItemSchema>, 'entity'>;

export function newNotification(input: {
  template: TemplateName;
  to: string;
  params: Record<string, string>;
  createdAt: string;
}): Notification {
  return { id: randomUUID(), status: 'PENDING', attempts: 0, ...input };
}

/** Pending notifications sit in a sparse GSI3 partition that the sweeper reads; sending removes them. */
const pendingIndexKey = (notification: Pick<Notification, 'id' | 'createdAt'>) => ({
  GSI3PK: 'OUTBOX#PENDING',
  GSI3SK: `${notification.createdAt}#${notification.id}`,
});

export const notificationToItem = (notification: Notification) => ({
  ...notificationKey(notification.id),
  ...(notification.status === 'SENT' ? {} : pendingIndexKey(notification)),
  entity: notificationEntity,
  ...notification,
});

export const notificationFromItem = (item: Record<string, unknown>): Notification => {
  const { entity: _entity, ...notification } = notificationItemSchema.parse(item);
  return notification;
};
