import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { documentExpiryPartition, documentKey } from '#housing-file/document-store.ts';
import { documentTypeSchema } from '#housing-file/document-schemas.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import type { CalendarDate } from '#shared/calendar.ts';

/**
 * What the document-expiry reminder reads and writes on document items (housing-file's
 * `document-store.ts`, which writes the sparse GSI3 `DOC_EXPIRY#<yyyy-mm>` with each receipt of
 * a required document that expires). The reminder is marked on the document, `reminderSentFor`
 * holding the expiry it was sent for, in the transaction of its e-mail: never sent twice.
 */
const expiringSchema = z.object({
  employeeId: z.string(),
  documentId: z.string(),
  type: documentTypeSchema,
  receivedAt: z.string(),
  expiresOn: z.iso.date(),
  GSI3SK: z.string(),
  reminderSentFor: z.iso.date().optional(),
});
export type ExpiringDocument = z.output<typeof expiringSchema>;

export interface DocumentExpiryStore {
  /** One page of the month's partition, expiries from `from` to `to` included. */
  expiringPage(
    month: string,
    from: CalendarDate,
    to: CalendarDate,
    cursor?: Record<string, unknown>,
  ): Promise<{ documents: ExpiringDocument[]; unreadable: number; cursor?: Record<string, unknown> }>;
  /** Marks the reminder and queues its e-mail; false when already sent for this expiry, or the document moved. */
  remind(document: ExpiringDocument, notification: Notification): Promise<boolean>;
}

export function documentExpiryStore(db: DynamoDBDocumentClient, tableName: string, pageSize = 100): DocumentExpiryStore {
  return {
    async expiringPage(month, from, to, cursor) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': documentExpiryPartition(month), ':from': from, ':to': `${to}#~` },
          Limit: pageSize,
          ExclusiveStartKey: cursor,
        }),
      );
      const parsed = (page.Items ?? []).map((item) => expiringSchema.safeParse(item));
      return {
        documents: parsed.flatMap((result) => (result.success ? [result.data] : [])),
        unreadable: parsed.filter((result) => !result.success).length,
        cursor: page.LastEvaluatedKey,
      };
    },
    async remind(document, notification) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: documentKey(document),
                  UpdateExpression: 'SET reminderSentFor = :expiresOn',
                  ConditionExpression: 'GSI3SK = :sk AND (attribute_not_exists(reminderSentFor) OR reminderSentFor <> :expiresOn)',
                  ExpressionAttributeValues: { ':expiresOn': document.expiresOn, ':sk': document.GSI3SK },
                },
              },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
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
