import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import * as z from 'zod';
import { companyPeoplePartition, employeeKey } from '#identity/employee-store.ts';
import { ConflictError } from '#shared/errors.ts';
import type { InvitedKind } from '#identity/invitations.ts';
import { employmentStatusSchema } from '#identity/identity-schemas.ts';

/**
 * Company HR storage.
 * - HR users: `PK = HR_USER#<lower-case email>`, `SK = HR_USER`, one per e-mail, naming the one
 *   company the contact works for. Keyed by e-mail so that two invitations of the same address,
 *   even concurrent or for two companies, produce one invitation (`#identity/invitations.ts`
 *   writes it, with its password link and e-mail, in one transaction).
 * - Decisions about employees are written on the employee's own item (addressed with
 *   `employeeKey` of the identity area), always under the condition that it belongs to the
 *   company's SIRET, so one company can neither change nor detect another's employees.
 */
export const hrUserKey = (email: string) => ({ PK: `HR_USER#${email.toLowerCase()}`, SK: 'HR_USER' });

const companyHrUsersIndexKey = (user: { siret: string; email: string }) => ({
  GSI2PK: companyPeoplePartition(user.siret),
  GSI2SK: `HR_USER#${user.email.toLowerCase()}`,
});

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

/** HR users as invitations see them: bound to their company's SIRET. */
export const hrUsers: InvitedKind<HrUser> = {
  key: hrUserKey,
  // Listed with the company's people (GSI2), for the e-mails to the company's HR (the daily digest).
  toItem: (user) => ({ ...hrUserKey(user.email), ...companyHrUsersIndexKey(user), entity: 'HrUser', ...user }),
  fromItem: (item) => {
    const { entity: _entity, ...user } = hrUserItemSchema.parse(item);
    return user;
  },
  binding: (user) => ({ siret: user.siret }),
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
   * Sets the employment decision of an employee of `siret`, with the e-mail that tells the
   * employee, in one transaction. Undefined when no such employee belongs to that company;
   * `changed: false` (and no e-mail) when the decision was already this one.
   */
  decideEmployment(
    siret: string,
    employeeId: string,
    employment: EmploymentRecord & { status: 'CONFIRMED' | 'REJECTED' },
    notification: Notification,
  ): Promise<{ employment: EmploymentRecord; changed: boolean } | undefined>;
  /** Records the recommendation, keeping the first date; undefined when not an employee of `siret`. */
  recommend(siret: string, employeeId: string, at: string): Promise<string | undefined>;
  /** Removes the recommendation, if any; false when not an employee of `siret`. */
  withdrawRecommendation(siret: string, employeeId: string): Promise<boolean>;
}

const belongsToCompany = 'attribute_exists(PK) AND siret = :siret';

export function hrStore(db: DynamoDBDocumentClient, tableName: string): HrStore {
  return {
    async decideEmployment(siret, employeeId, employment, notification) {
      // A transaction that lost to a concurrent one is tried again, until it reads a decision.
      for (let attempt = 0; attempt < 4; attempt += 1) {
        try {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName,
                    Key: employeeKey(employeeId),
                    // Decided: no longer waiting for the HR digest either.
                    UpdateExpression: 'SET employment = :employment REMOVE GSI1PK, GSI1SK',
                    // A repeated decision fails the condition and keeps the first decision's date.
                    ConditionExpression: `${belongsToCompany} AND (attribute_not_exists(employment) OR employment.#status <> :status)`,
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':siret': siret, ':employment': employment, ':status': employment.status },
                  },
                },
                { Put: { TableName: tableName, Item: notificationToItem(notification) } },
              ],
            }),
          );
          return { employment: employmentSchema.parse(employment), changed: true };
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: employeeKey(employeeId), ConsistentRead: true }));
          const old = Item ? employeeOwnershipSchema.safeParse(Item) : undefined;
          if (!old?.success || old.data.siret !== siret) return undefined;
          if (old.data.employment.status === employment.status) return { employment: old.data.employment, changed: false };
        }
      }
      throw new ConflictError('TRY_AGAIN', 'Une autre décision est en cours d’enregistrement ; réessayez.');
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
