import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { employeeAttributesUpdate, employeeFromItem, employeeKey, type Employee } from '#identity/employee-store.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import type { CalendarDate } from '#shared/calendar.ts';
import { nudExpiryIndexKey, situationRecordFromItem, type SituationRecord } from './situation-store.ts';

/**
 * The operator's corrections of a NUD's first-registration date (issue 13, item 3): each is a
 * history item in the employee's partition, `SK = NUD_CORRECTION#<at>#<id>` (erased with the
 * file), written in one transaction with the new date, the NUD-expiry index and the e-mail.
 */
const correctionKey = (employeeId: string, at: string) => ({ PK: employeeKey(employeeId).PK, SK: `NUD_CORRECTION#${at}#${randomUUID()}` });

const nudCorrectionSchema = z.object({
  employeeId: z.string(),
  at: z.string(),
  by: z.string(),
  field: z.literal('firstRegisteredOn'),
  from: z.iso.date().nullable(),
  to: z.iso.date(),
  reason: z.string(),
});
export type NudCorrection = z.output<typeof nudCorrectionSchema>;

/** The date changed between the read and the write, or the file is gone. */
export class NudCorrectionConflict extends Error {
  override readonly name = 'NudCorrectionConflict';
}

export interface NudCorrectionStore {
  /** The employee (for the e-mail) and the NUD's dates, from one GetItem. */
  read(employeeId: string): Promise<{ employee: Employee; record: SituationRecord } | undefined>;
  /** Sets the date (and the expiry index at `expiresOn` when it runs from it) if it is still `correction.from`. */
  correct(correction: NudCorrection, expiresOn: CalendarDate | undefined, notification: Notification): Promise<void>;
}

export function nudCorrectionStore(db: DynamoDBDocumentClient, tableName: string): NudCorrectionStore {
  return {
    async read(employeeId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: employeeKey(employeeId), ConsistentRead: true }));
      return Item ? { employee: employeeFromItem(Item), record: situationRecordFromItem(Item) } : undefined;
    },
    async correct(correction, expiresOn, notification) {
      const guard =
        correction.from === null
          ? { expression: 'attribute_not_exists(nudFirstRegisteredOn)' }
          : { expression: 'nudFirstRegisteredOn = :asRead', values: { ':asRead': correction.from } };
      const sets = { nudFirstRegisteredOn: correction.to, ...(expiresOn && nudExpiryIndexKey(expiresOn, correction.employeeId)) };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: employeeAttributesUpdate(tableName, correction.employeeId, sets, guard) },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...correctionKey(correction.employeeId, correction.at), entity: 'NudCorrection', ...correction },
                },
              },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
      } catch (error) {
        const code = error instanceof TransactionCanceledException ? error.CancellationReasons?.[0]?.Code : undefined;
        if (code === 'ConditionalCheckFailed' || code === 'TransactionConflict') throw new NudCorrectionConflict();
        throw error;
      }
    },
  };
}
