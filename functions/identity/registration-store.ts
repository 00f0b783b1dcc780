import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { quotaTransactItem, type LimitCounter } from '#shared/rate-limit-store.ts';
import { registrantRecordSchema } from './identity-schemas.ts';
import { passwordLinkToItem, type PasswordLink } from './password-link.ts';

/**
 * Registrations waiting for their e-mail to be proved, written with the e-mails they send and
 * those e-mails' count against the address's daily quota (`account-emails.ts`).
 * - pending registration: `PK = REGISTRATION#<lower-case email>`, `SK = PENDING`: what the
 *   employee typed, until the e-mailed link is used (then the account, the profile and the
 *   guards are written and the item deleted, `employee-store.ts` `activate`); the table's TTL
 *   removes it a day after its last link expired.
 */
export const pendingRegistrationKey = (email: string) => ({ PK: `REGISTRATION#${email.toLowerCase()}`, SK: 'PENDING' });

const pendingRegistrationSchema = registrantRecordSchema.extend({
  registrationId: z.string(),
  /** When the last password link was e-mailed. */
  linkIssuedAt: z.string(),
});
export type PendingRegistration = z.output<typeof pendingRegistrationSchema>;

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
    quota: LimitCounter,
    previousIssuedAt?: string,
  ): Promise<boolean>;
  /** A registration e-mail alone (a warning to an address), counted against its quota; false when the quota is reached. */
  notify(notification: Notification, quota: LimitCounter): Promise<boolean>;
  remove(email: string): Promise<void>;
}

/** `pepper`: the limiter's (`rateLimitPepper`), since the quota counters are the limiter's. */
export function registrationStore(db: DynamoDBDocumentClient, tableName: string, pepper: string): RegistrationStore {
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
        quotaTransactItem({ tableName, pepper }, quota),
      ]);
    },
    notify(notification, quota) {
      return transact([
        { Put: { TableName: tableName, Item: notificationToItem(notification) } },
        quotaTransactItem({ tableName, pepper }, quota),
      ]);
    },
    async remove(email) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: pendingRegistrationKey(email) }));
    },
  };
}
