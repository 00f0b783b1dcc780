import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { employeeKey } from '#identity/employee-store.ts';
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
  toItem: (user) => ({ ...hrUserKey(user.email), entity: 'HrUser', ...user }),
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
