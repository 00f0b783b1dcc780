import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { employeeAttributesUpdate, employeeFromItem, type Employee } from '#identity/employee-store.ts';
import { nudExpiryIndexKey, situationRecordFromItem } from '#housing-file/situation-store.ts';
import type { NudDates } from '#housing-file/nud-validity.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import type { CalendarDate } from '#shared/calendar.ts';
import { errorName, logger } from '#shared/powertools.ts';

/**
 * What the NUD-expiry job reads and writes on the employee's profile item (identity's `employee-store.ts`).
 * It reads the sparse GSI3 partitions `NUD_EXPIRY#<yyyy-mm>` that the situation store keeps
 * (`nudExpiryIndexKey`), and writes markers, each holding the `expiresOn` it was done for, so
 * that a renewal (which moves `expiresOn`) re-arms them without anyone clearing them:
 * - `nudReminder30For`, `nudReminder7For`: the reminder was sent for that expiry;
 * - `nudExpiredOn`: the NUD was marked invalid (and the employee told) at that expiry; it only
 *   means "expired" while it equals the current `expiresOn`.
 * Each marker is written with its notification in one transaction, conditioned on the marker not
 * being set for that expiry and on the index key being unchanged (no renewal in between).
 */
export type NudMarker = 'nudReminder30For' | 'nudReminder7For' | 'nudExpiredOn';

const markersSchema = z.object({
  GSI3SK: z.string(),
  nudReminder30For: z.iso.date().optional(),
  nudReminder7For: z.iso.date().optional(),
  nudExpiredOn: z.iso.date().optional(),
});

export interface NudExpiryCandidate {
  readonly employee: Employee;
  readonly nudDates: NudDates;
  /** The index sort key as read: the write is conditioned on it. */
  readonly indexSortKey: string;
  readonly markers: Readonly<Partial<Record<NudMarker, CalendarDate>>>;
}

interface NudExpiryPage {
  readonly candidates: NudExpiryCandidate[];
  /** Index entries whose item could not be read as an employee with NUD dates (counted as errors). */
  readonly unreadable: number;
  readonly cursor?: Record<string, unknown>;
}

export interface NudExpiryStore {
  /** One page of the month's partition, expiries from `from` to `to` included (calendar dates). */
  expiringPage(month: string, from: CalendarDate, to: CalendarDate, cursor?: Record<string, unknown>): Promise<NudExpiryPage>;
  /** Sets `marker` to `expiresOn` and queues the notification; false when already done or the NUD moved. */
  mark(candidate: NudExpiryCandidate, marker: NudMarker, expiresOn: CalendarDate, notification: Notification): Promise<boolean>;
}

export function nudExpiryStore(db: DynamoDBDocumentClient, tableName: string, pageSize = 100): NudExpiryStore {
  return {
    async expiringPage(month, from, to, cursor) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': nudExpiryIndexKey(`${month}-01`, '').GSI3PK,
            ':from': from,
            // `<date>#<id>` sorts after `<date>`, and every id sorts before `~`.
            ':to': `${to}#~`,
          },
          Limit: pageSize,
          ExclusiveStartKey: cursor,
        }),
      );
      const candidates: NudExpiryCandidate[] = [];
      let unreadable = 0;
      for (const item of page.Items ?? []) {
        // One malformed item must not stop the run for everyone else.
        try {
          const record = situationRecordFromItem(item);
          const { GSI3SK, ...markers } = markersSchema.parse(item);
          candidates.push({ employee: employeeFromItem(item), nudDates: record.nudDates, indexSortKey: GSI3SK, markers });
        } catch (error) {
          unreadable += 1;
          logger.warn('Unreadable NUD-expiry candidate', { employeeId: String(item.id), errorName: errorName(error) });
        }
      }
      return { candidates, unreadable, cursor: page.LastEvaluatedKey };
    },
    async mark(candidate, marker, expiresOn, notification) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: employeeAttributesUpdate(
                  tableName,
                  candidate.employee.id,
                  { [marker]: expiresOn },
                  {
                    expression: 'GSI3SK = :indexSortKey AND (attribute_not_exists(#marker) OR #marker <> :expiresOn)',
                    names: { '#marker': marker },
                    values: { ':expiresOn': expiresOn, ':indexSortKey': candidate.indexSortKey },
                  },
                ),
              },
              { Put: { TableName: tableName, Item: notificationToItem(notification) } },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          return false;
        }
        throw error;
      }
    },
  };
}
