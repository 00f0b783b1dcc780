import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { employeeKey } from '#identity/employee-store.ts';
import { passwordLinkToItem, type PasswordLink } from '#identity/password-link.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { employmentStatusSchema } from '#identity/identity-schemas.ts';

/**
 * Company HR storage.
 * - HR users: `PK = HR_USER#<lower-case email>`, `SK = HR_USER`, one per e-mail, naming the one
 *   company the contact works for. Keyed by e-mail so that two invitations of the same address,
 *   even concurrent or for two companies, produce one invitation. The invitation's password link
 *   (`password-link.ts` owns its item) and e-mail (outbox) are written in the same transaction.
 * - Decisions about employees are written on the employee's own item (addressed with
 *   `employeeKey` of the identity area), always under the condition that it belongs to the
 *   company's SIRET, so one company can neither change nor detect another's employees.
 */
export const hrUserKey = (email: string) => ({ PK: `HR_USER#${email.toLowerCase()}`, SK: 'HR_USER' });

const hrUserSchema = z.object({
  email: z.string(),
  siret: z.string(),
  userId: z.string(),
  invitedAt: z.string(),
  invitedBy: z.string(),
  /** End of validity of the password link last sent. */
  linkValidUntil: z.string(),
});
export type HrUser = z.output<typeof hrUserSchema>;

const hrUserItemSchema = hrUserSchema.extend({ entity: z.literal('HrUser') });

export const hrUserToItem = (user: HrUser) => ({ ...hrUserKey(user.email), entity: 'HrUser', ...user });
export const hrUserFromItem = (item: Record<string, unknown>): HrUser => {
  const { entity: _entity, ...user } = hrUserItemSchema.parse(item);
  return user;
};

const employmentSchema = z.object({
  status: employmentStatusSchema,
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  reason: z.string().optional(),
});
export type EmploymentRecord = z.output<typeof employmentSchema>;

/** The only attributes of an employee item this module reads back. */
const employeeOwnershipSchema = z.object({ siret: z.string(), employment: employmentSchema });

export interface HrStore {
  /**
   * Records the invitation, its password link and its e-mail in one transaction. When the e-mail
   * is already invited by another company, or by this one with a link still valid, nothing is
   * written and the existing invitation is returned with `created: false`; an invitation of the
   * same company whose link expired is renewed.
   */
  recordInvitation(user: HrUser, link: PasswordLink, notification: Notification): Promise<{ invitation: HrUser; created: boolean }>;
  /**
   * Sets the employment decision of an employee of `siret`. Undefined when no such employee
   * belongs to that company; `changed: false` when the decision was already this one.
   */
  decideEmployment(
    siret: string,
    employeeId: string,
    employment: EmploymentRecord & { status: 'CONFIRMED' | 'REJECTED' },
  ): Promise<{ employment: EmploymentRecord; changed: boolean } | undefined>;
  /** Records the recommendation, keeping the first date; undefined when not an employee of `siret`. */
  recommend(siret: string, employeeId: string, at: string): Promise<string | undefined>;
  /** Removes the recommendation, if any; false when not an employee of `siret`. */
  withdrawRecommendation(siret: string, employeeId: string): Promise<boolean>;
}

const belongsToCompany = 'attribute_exists(PK) AND siret = :siret';

export function hrStore(db: DynamoDBDocumentClient, tableName: string): HrStore {
  return {
    async recordInvitation(user, link, notification) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: hrUserToItem(user),
                  ConditionExpression: 'attribute_not_exists(PK) OR (siret = :siret AND linkValidUntil < :now)',
                  ExpressionAttributeValues: { ':siret': user.siret, ':now': user.invitedAt },
                },
              },
              { Put: { TableName: tableName, Item: passwordLinkToItem(link) } },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
        return { invitation: user, created: true };
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
        if (reasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
      }
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: hrUserKey(user.email), ConsistentRead: true }));
      if (!Item) throw new Error('HR user item vanished after a failed conditional put');
      return { invitation: hrUserFromItem(Item), created: false };
    },

    async decideEmployment(siret, employeeId, employment) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: employeeKey(employeeId),
            UpdateExpression: 'SET employment = :employment',
            // A repeated decision fails the condition and keeps the first decision's date.
            ConditionExpression: `${belongsToCompany} AND (attribute_not_exists(employment) OR employment.#status <> :status)`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':siret': siret, ':employment': employment, ':status': employment.status },
            ReturnValues: 'UPDATED_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { employment: employmentSchema.parse(Attributes?.employment), changed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const old = error.Item ? employeeOwnershipSchema.safeParse(unmarshall(error.Item)) : undefined;
        if (!old?.success || old.data.siret !== siret) return undefined;
        return { employment: old.data.employment, changed: false };
      }
    },

    async recommend(siret, employeeId, at) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: employeeKey(employeeId),
            UpdateExpression: 'SET recommendedAt = if_not_exists(recommendedAt, :at)',
            ConditionExpression: belongsToCompany,
            ExpressionAttributeValues: { ':siret': siret, ':at': at },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return z.object({ recommendedAt: z.string() }).parse(Attributes).recommendedAt;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async withdrawRecommendation(siret, employeeId) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: employeeKey(employeeId),
            UpdateExpression: 'REMOVE recommendedAt',
            ConditionExpression: belongsToCompany,
            ExpressionAttributeValues: { ':siret': siret },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
