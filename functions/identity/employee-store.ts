import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { pendingRegistrationKey } from './registration-store.ts';
import { queryAll } from '#shared/query-all.ts';
import { employmentStatusSchema, registrantRecordSchema } from './identity-schemas.ts';

/**
 * Employees (the applicants) and their uniqueness guards.
 * - profile: `PK = EMPLOYEE#<id>`, `SK = PROFILE`; listed per company on GSI2
 *   (`COMPANY#<siret>` / `EMPLOYEE#<registeredAt>#<id>`);
 * - guards: `EMAIL#<lower-case email>` and `NUD#<nud>` / `GUARD`, written in the activation
 *   transaction so two accounts can never share an e-mail or a NUD;
 * - the file is written when the registration's e-mailed link is used (`registration-store.ts`
 *   keeps the registration until then).
 * The employee id is the Cognito `sub` of the account.
 *
 * Other areas keep attributes on the profile item, and put their writes on it in their own
 * transactions; they get those writes (key, expressions, conditions) from the builders below:
 * - housing-file: `situation`, `nudFirstRegisteredOn`, `nudLastRenewedOn` and the NUD-expiry
 *   index key (`employeeAttributesUpdate`); a document is written only while the file exists
 *   (`employeeExistsCheck`), as is an alert subscription;
 * - applications and lifecycle: `activeApplications` and `appliedOfferIds` (`applyingUpdate`,
 *   `withdrawingUpdate`, `placeReleasedUpdate`), and `previousSelectionWithoutAttribution`;
 * - jobs: the NUD-expiry markers (`employeeAttributesUpdate`);
 * - company-hr: the `employment` decision and `recommendedAt`.
 */
export const employeeKey = (id: string) => ({ PK: `EMPLOYEE#${id}`, SK: 'PROFILE' });
export const emailGuardKey = (email: string) => ({ PK: `EMAIL#${email.toLowerCase()}`, SK: 'GUARD' });
export const nudGuardKey = (nud: string) => ({ PK: `NUD#${nud}`, SK: 'GUARD' });
/** GSI2 partition of a company's people: its employees (`EMPLOYEE#…`) and its HR users (`HR_USER#…`, company-hr). */
export const companyPeoplePartition = (siret: string) => `COMPANY#${siret}`;
const companyEmployeesIndexKey = (siret: string, registeredAt: string, id: string) => ({
  GSI2PK: companyPeoplePartition(siret),
  GSI2SK: `EMPLOYEE#${registeredAt}#${id}`,
});
/**
 * GSI1 of an employee HR has not yet been told about (issue #13 item 5): set at activation while
 * the employment is PENDING, removed when the daily HR digest tells the company, or when HR decides.
 */
export const awaitingHrPartition = 'EMPLOYMENT#AWAITING_HR';
const awaitingHrIndexKey = (employee: Pick<Employee, 'registeredAt' | 'id'>) => ({
  GSI1PK: awaitingHrPartition,
  GSI1SK: `${employee.registeredAt}#${employee.id}`,
});

const employeeSchema = registrantRecordSchema.extend({
  id: z.string(),
  account: z.enum(['PENDING_PASSWORD', 'ACTIVE']),
  employment: z.object({
    status: employmentStatusSchema,
    decidedAt: z.string().optional(),
    decidedBy: z.string().optional(),
    reason: z.string().optional(),
  }),
  recommendedAt: z.string().optional(),
  /**
   * Set by the offer lifecycle once the employee was selected (ranked 2 or 3) without being
   * attributed a dwelling: true or the day it happened. Read leniently (a malformed value counts
   * as absent) so that it never makes the profile unreadable; the scoring facts read it.
   */
  previousSelectionWithoutAttribution: z.union([z.boolean(), z.string()]).optional().catch(undefined),
  /** When the last password link was e-mailed (a repeated registration may send a new one). */
  passwordLinkIssuedAt: z.string().optional(),
});
export type Employee = z.output<typeof employeeSchema>;

const employeeItemSchema = employeeSchema.extend({ entity: z.literal('Employee') });

export const employeeToItem = (employee: Employee) => ({
  ...employeeKey(employee.id),
  ...companyEmployeesIndexKey(employee.siret, employee.registeredAt, employee.id),
  ...(employee.employment.status === 'PENDING' && awaitingHrIndexKey(employee)),
  entity: 'Employee',
  ...employee,
});

export const employeeFromItem = (item: Record<string, unknown>): Employee => {
  const { entity: _entity, ...employee } = employeeItemSchema.parse(item);
  return employee;
};

/** A transaction condition that the employee's file exists (an item of its partition is written meanwhile). */
export const employeeExistsCheck = (tableName: string, employeeId: string) => ({
  ConditionCheck: { TableName: tableName, Key: employeeKey(employeeId), ConditionExpression: 'attribute_exists(PK)' },
});

/** A transaction condition that the employee's file is gone (erased). */
export const employeeGoneCheck = (tableName: string, employeeId: string) => ({
  ConditionCheck: { TableName: tableName, Key: employeeKey(employeeId), ConditionExpression: 'attribute_not_exists(PK)' },
});

/** A condition of another area on its own attributes; its placeholders must not start with `#set` or `:set`. */
export interface EmployeeItemCondition {
  readonly expression: string;
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/**
 * Sets attributes another area keeps on the employee's item (for an UpdateItem or a transaction),
 * on condition that the item exists and that `condition` holds. Attribute names go through
 * placeholders: DynamoDB reserves hundreds of words.
 */
export function employeeAttributesUpdate(
  tableName: string,
  employeeId: string,
  sets: Record<string, unknown>,
  condition?: EmployeeItemCondition,
) {
  const names: Record<string, string> = { ...condition?.names };
  const values: Record<string, unknown> = { ...condition?.values };
  const assignments = Object.entries(sets).map(([attribute, value], index) => {
    names[`#set${index}`] = attribute;
    values[`:set${index}`] = value;
    return `#set${index} = :set${index}`;
  });
  return {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: `SET ${assignments.join(', ')}`,
    ConditionExpression: condition ? `attribute_exists(PK) AND ${condition.expression}` : 'attribute_exists(PK)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

const applicationCountersSchema = z.object({
  /** Applications in an active status: the apply transaction guards the cap with it. */
  activeApplications: z.int().min(0).optional(),
  /** Every offer applied to, read back strongly consistently at erasure (the applications index may lag). */
  appliedOfferIds: z.set(z.string()).optional(),
});

/** The applications' counters kept on the employee's item (a projection of it will do). */
export function applicationCountersFromItem(item: Record<string, unknown>) {
  const counters = applicationCountersSchema.parse(item);
  return { activeApplications: counters.activeApplications ?? 0, appliedOfferIds: [...(counters.appliedOfferIds ?? [])] };
}

/** Applying: one more active application, under the cap, on an existing file; the offer joins `appliedOfferIds`. */
export const applyingUpdate = (tableName: string, employeeId: string, offerId: string, cap: number) => ({
  Update: {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: 'ADD activeApplications :one, appliedOfferIds :offer',
    ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(activeApplications) OR activeApplications < :cap)',
    ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':offer': new Set([offerId]) },
  },
});

/** Withdrawing: one active application less (there must be one). */
export const withdrawingUpdate = (tableName: string, employeeId: string) => ({
  Update: {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: 'ADD activeApplications :minusOne',
    ConditionExpression: 'activeApplications > :zero',
    ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
  },
});

/**
 * The lifecycle ended an active application: one less, and, for a file selected without being
 * attributed the dwelling, `previousSelectionWithoutAttribution` (the scoring reads it). An erased
 * employee has no profile left: the whole transaction is refused.
 */
export const placeReleasedUpdate = (tableName: string, employeeId: string, previousSelection?: string) => ({
  Update: {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: previousSelection
      ? 'ADD activeApplications :minusOne SET previousSelectionWithoutAttribution = :selection'
      : 'ADD activeApplications :minusOne',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':minusOne': -1, ...(previousSelection && { ':selection': previousSelection }) },
  },
});

/**
 * A file in a later selection round is active again (issue #13 item 6): the count goes back up,
 * without the cap (the round was not the employee's choice), when the profile still exists.
 */
export const placeTakenBackUpdate = (tableName: string, employeeId: string) => ({
  Update: {
    TableName: tableName,
    Key: employeeKey(employeeId),
    UpdateExpression: 'ADD activeApplications :one',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':one': 1 },
  },
});

const guardSchema = z.object({ employeeId: z.string() });

/** Which uniqueness rule a registration broke. */
export class RegistrationConflict extends Error {
  override readonly name = 'RegistrationConflict';
  constructor(readonly on: 'employee' | 'email' | 'nud' | 'pending' | 'concurrent') {
    super(`registration conflict on ${on}`);
  }
}

export interface EmployeeStore {
  get(id: string): Promise<Employee | undefined>;
  employeeIdByEmail(email: string): Promise<string | undefined>;
  employeeIdByNud(nud: string): Promise<string | undefined>;
  /**
   * The e-mail is proved (the link was used) and the account exists: the profile and both guards
   * are written and the pending registration deleted, in one transaction. Throws
   * `RegistrationConflict` (`employee`: this account's file exists already; `pending`: the
   * pending registration is gone or was replaced).
   */
  activate(employee: Employee, registrationId: string): Promise<void>;
  /** Every item of the employee's partition (profile, documents...), for export and erasure. */
  itemsOf(employeeId: string): Promise<Record<string, unknown>[]>;
  /**
   * Deletes the employee's partition items and uniqueness guards, and records the erasure
   * (date and counts only), in one transaction.
   */
  erase(employee: Employee, partitionKeys: { PK: string; SK: string }[], at: string): Promise<void>;
  listByCompany(
    siret: string,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<{ employees: Employee[]; cursor?: Record<string, unknown>; unreadable: string[] }>;
}

const conflictOrder = ['employee', 'email', 'nud', 'pending'] as const;

export function employeeStore(db: DynamoDBDocumentClient, tableName: string): EmployeeStore {
  const getItem = async (key: { PK: string; SK: string }) => (await db.send(new GetCommand({ TableName: tableName, Key: key }))).Item;

  return {
    async get(id) {
      const item = await getItem(employeeKey(id));
      return item ? employeeFromItem(item) : undefined;
    },
    async employeeIdByEmail(email) {
      const item = await getItem(emailGuardKey(email));
      return item ? guardSchema.parse(item).employeeId : undefined;
    },
    async employeeIdByNud(nud) {
      const item = await getItem(nudGuardKey(nud));
      return item ? guardSchema.parse(item).employeeId : undefined;
    },
    async activate(employee, registrationId) {
      const absent = 'attribute_not_exists(PK)';
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: employeeToItem(employee), ConditionExpression: absent } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...emailGuardKey(employee.email), entity: 'EmailGuard', employeeId: employee.id },
                  ConditionExpression: absent,
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...nudGuardKey(employee.nud), entity: 'NudGuard', employeeId: employee.id },
                  ConditionExpression: absent,
                },
              },
              {
                Delete: {
                  TableName: tableName,
                  Key: pendingRegistrationKey(employee.email),
                  ConditionExpression: 'registrationId = :registration',
                  ExpressionAttributeValues: { ':registration': registrationId },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const on = conflictOrder[reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed')];
        if (on) throw new RegistrationConflict(on);
        // DynamoDB cancels transactions that touch an item another transaction is writing.
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) throw new RegistrationConflict('concurrent');
        throw error;
      }
    },
    itemsOf(employeeId) {
      return queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK },
      });
    },
    async erase(employee, partitionKeys, at) {
      // The file's other items (documents...) go first, in batches: a transaction holds at most
      // 100 items. The profile goes last, with the guards, so a retry finds what is left.
      const profile = employeeKey(employee.id);
      const others = partitionKeys.filter((key) => key.SK !== profile.SK);
      for (let start = 0; start < others.length; start += 25) {
        let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = others
          .slice(start, start + 25)
          .map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 0; requests.length > 0; attempt += 1) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
          if (attempt > 8) throw new Error('Erasure: DynamoDB kept items unprocessed');
          const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
          requests = result.UnprocessedItems?.[tableName] ?? [];
        }
      }
      const deletions = [profile, emailGuardKey(employee.email), nudGuardKey(employee.nud)];
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...deletions.map((Key) => ({ Delete: { TableName: tableName, Key } })),
            {
              Put: {
                TableName: tableName,
                Item: {
                  PK: 'AUDIT#ERASURES',
                  SK: `${at}#${randomUUID()}`,
                  entity: 'Erasure',
                  at,
                  itemsDeleted: others.length + deletions.length,
                },
              },
            },
          ],
        }),
      );
    },
    async listByCompany(siret, limit, cursor) {
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :employee)',
          ExpressionAttributeValues: { ':pk': `COMPANY#${siret}`, ':employee': 'EMPLOYEE#' },
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      // An item that does not read as an employee is left out (its key is named for the log), not a failed page.
      const items = result.Items ?? [];
      const readable = (item: Record<string, unknown>) => employeeItemSchema.safeParse(item).success;
      return {
        employees: items.filter(readable).map(employeeFromItem),
        cursor: result.LastEvaluatedKey,
        unreadable: items.filter((item) => !readable(item)).map((item) => String(item.PK)),
      };
    },
  };
}
