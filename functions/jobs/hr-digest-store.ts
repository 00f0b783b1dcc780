import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { companyKey } from '#companies/company-store.ts';
import { awaitingHrPartition, companyPeoplePartition, employeeKey } from '#identity/employee-store.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import type { CalendarDate } from '#shared/calendar.ts';

/**
 * What the daily HR digest reads and writes (issue #13 item 5).
 * - reads GSI1 `EMPLOYMENT#AWAITING_HR`: employees whose employment is PENDING and whose company
 *   was not yet told (identity's `employee-store.ts` sets the key at activation; company-hr
 *   removes it when HR decides);
 * - reads the company's HR users on GSI2 `COMPANY#<siret>` / `HR_USER#…` (company-hr's `hr-store.ts`);
 * - writes, in one transaction per company: the e-mails, each told employee out of the index
 *   (`hrToldAt`), and the company's digest marker `COMPANY#<siret>` / `HR_DIGEST` with the day
 *   it was sent, conditioned on no digest that day: at most one e-mail a day per company.
 */
const hrDigestKey = (siret: string) => ({ PK: companyKey(siret).PK, SK: 'HR_DIGEST' });

const awaitingSchema = z.object({
  id: z.string(),
  siret: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  registeredAt: z.string(),
});
export type AwaitingEmployee = z.output<typeof awaitingSchema>;

export interface HrDigestStore {
  /** One page of the employees HR was not told about, oldest registration first. */
  awaitingPage(
    cursor?: Record<string, unknown>,
  ): Promise<{ employees: AwaitingEmployee[]; unreadable: number; cursor?: Record<string, unknown> }>;
  /** The e-mail addresses of the company's HR users. */
  hrUsersOf(siret: string): Promise<string[]>;
  /** Writes the digest of `day`; false when the company already had one that day, or an employee moved meanwhile. */
  tell(
    siret: string,
    day: CalendarDate,
    employees: readonly AwaitingEmployee[],
    notifications: readonly Notification[],
    at: string,
  ): Promise<boolean>;
}

export function hrDigestStore(db: DynamoDBDocumentClient, tableName: string, pageSize = 200): HrDigestStore {
  return {
    async awaitingPage(cursor) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': awaitingHrPartition },
          Limit: pageSize,
          ExclusiveStartKey: cursor,
        }),
      );
      const parsed = (page.Items ?? []).map((item) => awaitingSchema.safeParse(item));
      return {
        employees: parsed.flatMap((result) => (result.success ? [result.data] : [])),
        unreadable: parsed.filter((result) => !result.success).length,
        cursor: page.LastEvaluatedKey,
      };
    },
    async hrUsersOf(siret) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :hr)',
          ExpressionAttributeValues: { ':pk': companyPeoplePartition(siret), ':hr': 'HR_USER#' },
        }),
      );
      return (page.Items ?? []).flatMap((item) => (typeof item.email === 'string' ? [item.email] : []));
    },
    async tell(siret, day, employees, notifications, at) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...hrDigestKey(siret), entity: 'HrDigest', siret, lastSentOn: day },
                  ConditionExpression: 'attribute_not_exists(lastSentOn) OR lastSentOn < :day',
                  ExpressionAttributeValues: { ':day': day },
                },
              },
              ...employees.map((employee) => ({
                Update: {
                  TableName: tableName,
                  Key: employeeKey(employee.id),
                  UpdateExpression: 'SET hrToldAt = :at REMOVE GSI1PK, GSI1SK',
                  ConditionExpression: 'GSI1PK = :awaiting',
                  ExpressionAttributeValues: { ':at': at, ':awaiting': awaitingHrPartition },
                },
              })),
              ...notifications.map((notification) => ({ Put: { TableName: tableName, Item: notificationToItem(notification) } })),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },
  };
}
