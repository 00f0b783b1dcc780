import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { registrantRecordSchema } from './identity-schemas.ts';
import { passwordLinkToItem, type PasswordLink } from './password-link.ts';

/**
 * Registrations waiting for their e-mail to be proved, and the daily count of registration
 * e-mails per address.
 * - pending registration: `PK = REGISTRATION#<lower-case email>`, `SK = PENDING`: what the
 *   employee typed, until the e-mailed link is used (then the account, the profile and the
 *   guards are written and the item deleted, `employee-store.ts` `activate`); the table's TTL
 *   removes it a day after its last link expired;
 * - e-mail quota: `PK = MAIL_QUOTA#<sha-256 of the e-mail>`, `SK = <day>`, `sent`: registration
 *   e-mails (welcome, attempt warnings) sent to the address that day; removed by TTL.
 */
export const pendingRegistrationKey = (email: string) => ({ PK: `REGISTRATION#${email.toLowerCase()}`, SK: 'PENDING' });
const mailQuotaKey = (email: string, day: string) => ({
  PK: `MAIL_QUOTA#${createHash('sha256').update(email.toLowerCase()).digest('hex')}`,
  SK: day,
});

const pendingRegistrationSchema = registrantRecordSchema.extend({
  registrationId: z.string(),
  /** When the last password link was e-mailed. */
  linkIssuedAt: z.string(),
});
export type PendingRegistration = z.output<typeof pendingRegistrationSchema>;

/** The address's daily allowance of registration e-mails, for the day `day` (calendar day). */
export interface MailQuota {
  readonly day: string;
  readonly max: number;
}

const ttlGraceSeconds = 24 * 3600;

export interface RegistrationStore {
  pending(email: string): Promise<PendingRegistration | undefined>;
  /**
   * Writes the pending registration with its password link and welcome e-mail, counted against
   * the address's quota, in one transaction: a new one (none pending) or the same one with a new
   * link (`previousIssuedAt`: the link date read, so that one of concurrent twins wins). False when
   * nothing was written (a twin won, or the quota is reached).
   */
  start(
    pending: PendingRegistration,
    link: PasswordLink,
    notification: Notification,
    quota: MailQuota,
    previousIssuedAt?: string,
  ): Promise<boolean>;
  /** A registration e-mail alone (a warning to an address), counted against its quota; false when the quota is reached. */
  notify(notification: Notification, quota: MailQuota): Promise<boolean>;
  remove(email: string): Promise<void>;
}

export function registrationStore(db: DynamoDBDocumentClient, tableName: string): RegistrationStore {
  const quotaUpdate = (email: string, quota: MailQuota) => ({
    Update: {
      TableName: tableName,
      Key: mailQuotaKey(email, quota.day),
      UpdateExpression: 'ADD sent :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ConditionExpression: 'attribute_not_exists(sent) OR sent < :max',
      ExpressionAttributeValues: {
        ':one': 1,
        ':max': quota.max,
        ':expiresAt': Math.floor(Date.parse(`${quota.day}T00:00:00Z`) / 1000) + 2 * 24 * 3600,
      },
    },
  });
  const transact = async (items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  };

  return {
    async pending(email) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: pendingRegistrationKey(email), ConsistentRead: true }));
      return Item ? pendingRegistrationSchema.parse(Item) : undefined;
    },
    start(pending, link, notification, quota, previousIssuedAt) {
      return transact([
        {
          Put: {
            TableName: tableName,
            Item: {
              ...pendingRegistrationKey(pending.email),
              entity: 'PendingRegistration',
              ...pending,
              expiresAt: Math.floor(Date.parse(link.validUntil) / 1000) + ttlGraceSeconds,
            },
            ConditionExpression: previousIssuedAt === undefined ? 'attribute_not_exists(PK)' : 'linkIssuedAt = :previous',
            ...(previousIssuedAt !== undefined && { ExpressionAttributeValues: { ':previous': previousIssuedAt } }),
          },
        },
        { Put: { TableName: tableName, Item: passwordLinkToItem(link) } },
        { Put: { TableName: tableName, Item: notificationToItem(notification) } },
        quotaUpdate(pending.email, quota),
      ]);
    },
    notify(notification, quota) {
      return transact([{ Put: { TableName: tableName, Item: notificationToItem(notification) } }, quotaUpdate(notification.to, quota)]);
    },
    async remove(email) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: pendingRegistrationKey(email) }));
    },
  };
}
