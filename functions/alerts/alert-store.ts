import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { batchGetAll } from '#shared/batch-get.ts';
import type { CalendarDate } from '#shared/calendar.ts';
import { errorName, logger } from '#shared/powertools.ts';
import { employeeExistsCheck, employeeFromItem, employeeGoneCheck, employeeKey, type Employee } from '#identity/employee-store.ts';
import { situationRecordFromItem, type Situation } from '#housing-file/situation-store.ts';
import { notificationToItem, type Notification } from '#notifications/outbox.ts';
import { tabSchema } from '#applications/browse-schemas.ts';

/**
 * New-offer alert subscriptions, the one module that builds their keys.
 * - Subscription: `PK = EMPLOYEE#<id>`, `SK = ALERTS`, in the employee's partition, so that the
 *   export shows it and the erasure deletes it with the file.
 * - GSI3 `ALERTS#SUBSCRIBED` / `<handledOn>#<employeeId>`, only while enabled (sparse): the
 *   digest job reads the subscribers not handled yet today (`GSI3SK < <today>`); handling one
 *   moves it to `<today>#<id>`, so a second run the same day finds nobody. `0000-00-00` until
 *   the first run.
 * - `coveredUntil`: every offer published before it was considered for the employee (the opt-in
 *   instant, then each run's); `sentOffers`: offer id → `closesAt` of what the digests listed,
 *   pruned of closed offers (a closed offer is never listed again).
 * The job writes only its own attributes, conditioned on the index key as read (one handling per
 * subscriber and day; an opt-out in between wins). The employee's settings are written whole,
 * conditioned on `updatedAt` and `handledOn` as read, so neither overwrites the other.
 */
export const alertSubscriptionKey = (employeeId: string) => ({ PK: employeeKey(employeeId).PK, SK: 'ALERTS' });

const alertSubscribersPartition = 'ALERTS#SUBSCRIBED';
const neverHandled = '0000-00-00';
const alertSubscribersIndexKey = (handledOn: CalendarDate | undefined, employeeId: string) => ({
  GSI3PK: alertSubscribersPartition,
  GSI3SK: `${handledOn ?? neverHandled}#${employeeId}`,
});

const subscriptionSchema = z.object({
  employeeId: z.string(),
  enabled: z.boolean(),
  tabs: z.array(tabSchema).min(1),
  updatedAt: z.iso.datetime(),
  coveredUntil: z.iso.datetime(),
  handledOn: z.iso.date().optional(),
  lastDigestAt: z.iso.datetime().optional(),
  sentOffers: z.record(z.string(), z.string()),
});
export type AlertSubscription = z.output<typeof subscriptionSchema>;

const subscriptionItemSchema = subscriptionSchema.extend({ entity: z.literal('AlertSubscription') });

export const subscriptionToItem = (subscription: AlertSubscription) => ({
  ...alertSubscriptionKey(subscription.employeeId),
  ...(subscription.enabled ? alertSubscribersIndexKey(subscription.handledOn, subscription.employeeId) : {}),
  entity: 'AlertSubscription',
  ...subscription,
});

const subscriptionFromItem = (item: Record<string, unknown>): AlertSubscription => {
  const { entity: _entity, ...subscription } = subscriptionItemSchema.parse(item);
  return subscription;
};

/** No employee file for the account. */
export class AlertEmployeeNotFound extends Error {
  override readonly name = 'AlertEmployeeNotFound';
}

/** The subscription changed between the read and the write (another request, or the job). */
export class AlertSubscriptionChanged extends Error {
  override readonly name = 'AlertSubscriptionChanged';
}

/** What the digest reads of a subscriber's file: where to write, and what the offers are matched with. */
export interface Subscriber {
  readonly employee: Employee;
  readonly situation?: Situation;
}

export interface AlertCandidate {
  readonly subscription: AlertSubscription;
  /** The index sort key as read: the job's write is conditioned on it. */
  readonly indexSortKey: string;
  /** Undefined when the employee's file is gone (an erasure raced an opt-in). */
  readonly subscriber?: Subscriber;
}

interface AlertPage {
  readonly candidates: AlertCandidate[];
  /** Index entries whose subscription or file could not be read (counted as errors). */
  readonly unreadable: number;
  readonly cursor?: Record<string, unknown>;
}

/** What the job writes once a subscriber is handled for the day. */
export interface AlertHandled {
  readonly coveredUntil: string;
  readonly handledOn: CalendarDate;
  readonly sentOffers: Readonly<Record<string, string>>;
  /** Set when a digest goes out with this write. */
  readonly digestAt?: string;
}

/** One subscriber's handling for the day, with the digest to queue when anything is new. */
export interface AlertHandling {
  readonly candidate: AlertCandidate;
  readonly handled: AlertHandled;
  readonly digest?: Notification;
}

export interface AlertStore {
  /** The profile and the subscription in one strongly consistent BatchGetItem. */
  read(employeeId: string): Promise<{ employeeExists: boolean; subscription?: AlertSubscription }>;
  /**
   * Writes the subscription if the employee's file exists and the subscription is still the one
   * read (`asRead`, undefined when there was none).
   */
  save(subscription: AlertSubscription, asRead: AlertSubscription | undefined): Promise<void>;
  /** One page of the enabled subscriptions not handled on `today`, with their employees' files. */
  duePage(today: CalendarDate, cursor?: Record<string, unknown>): Promise<AlertPage>;
  /** Records the handling (and queues the digest, in the same transaction); false when the subscription moved. */
  markHandled(candidate: AlertCandidate, handled: AlertHandled, digest?: Notification): Promise<boolean>;
  /**
   * Several handlings in one transaction (at most 100 actions: 50 with digests), each under its
   * own condition; false when refused as a whole (a subscription moved, or a conflict): nothing
   * was written, and each may be recorded alone with `markHandled`.
   */
  markHandledTogether(handlings: readonly AlertHandling[]): Promise<boolean>;
  /** Deletes a subscription whose employee file no longer exists. */
  removeOrphan(candidate: AlertCandidate): Promise<void>;
}

const conditionFailed = (error: unknown) =>
  error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed');

export function alertStore(db: DynamoDBDocumentClient, tableName: string, pageSize = 100): AlertStore {
  const batchGet = (keys: { PK: string; SK: string }[], consistent: boolean) => batchGetAll(db, tableName, keys, { consistent });

  /** The job's own attributes, conditioned on the index key as read: one handling per subscriber and day; an opt-out in between wins. */
  const handlingUpdate = (candidate: AlertCandidate, handled: AlertHandled) => ({
    TableName: tableName,
    Key: alertSubscriptionKey(candidate.subscription.employeeId),
    UpdateExpression: `SET coveredUntil = :coveredUntil, handledOn = :handledOn, GSI3SK = :indexSortKey, sentOffers = :sentOffers${
      handled.digestAt ? ', lastDigestAt = :digestAt' : ''
    }`,
    ConditionExpression: 'enabled = :enabled AND GSI3SK = :asRead',
    ExpressionAttributeValues: {
      ':coveredUntil': handled.coveredUntil,
      ':handledOn': handled.handledOn,
      ':indexSortKey': alertSubscribersIndexKey(handled.handledOn, candidate.subscription.employeeId).GSI3SK,
      ':sentOffers': handled.sentOffers,
      ':enabled': true,
      ':asRead': candidate.indexSortKey,
      ...(handled.digestAt ? { ':digestAt': handled.digestAt } : {}),
    },
  });

  return {
    async read(employeeId) {
      const items = await batchGet([employeeKey(employeeId), alertSubscriptionKey(employeeId)], true);
      const subscription = items.find((item) => item.SK === alertSubscriptionKey(employeeId).SK);
      return {
        employeeExists: items.some((item) => item.SK === employeeKey(employeeId).SK),
        subscription: subscription ? subscriptionFromItem(subscription) : undefined,
      };
    },

    async save(subscription, asRead) {
      // Every job write sets `handledOn` to a new day; every settings write sets `updatedAt`.
      const unchanged = !asRead
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : asRead.handledOn
          ? {
              ConditionExpression: 'updatedAt = :updatedAt AND handledOn = :handledOn',
              ExpressionAttributeValues: { ':updatedAt': asRead.updatedAt, ':handledOn': asRead.handledOn },
            }
          : {
              ConditionExpression: 'updatedAt = :updatedAt AND attribute_not_exists(handledOn)',
              ExpressionAttributeValues: { ':updatedAt': asRead.updatedAt },
            };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              employeeExistsCheck(tableName, subscription.employeeId),
              { Put: { TableName: tableName, Item: subscriptionToItem(subscription), ...unchanged } },
            ],
          }),
        );
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [profile, put] = error.CancellationReasons ?? [];
        if (profile?.Code === 'ConditionalCheckFailed') throw new AlertEmployeeNotFound();
        if (put?.Code === 'ConditionalCheckFailed' || put?.Code === 'TransactionConflict') throw new AlertSubscriptionChanged();
        throw error;
      }
    },

    async duePage(today, cursor) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI3',
          // `<today>#<id>` sorts after `<today>`: the subscribers handled today are left out.
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK < :today',
          ExpressionAttributeValues: { ':pk': alertSubscribersPartition, ':today': today },
          Limit: pageSize,
          ExclusiveStartKey: cursor,
        }),
      );
      let unreadable = 0;
      const due: { subscription: AlertSubscription; indexSortKey: string }[] = [];
      for (const item of page.Items ?? []) {
        // One malformed item must not stop the run for everyone else.
        try {
          due.push({ subscription: subscriptionFromItem(item), indexSortKey: z.string().parse(item.GSI3SK) });
        } catch (error) {
          unreadable += 1;
          logger.warn('Unreadable alert subscription', { employeeId: String(item.employeeId), errorName: errorName(error) });
        }
      }
      const profiles = due.length
        ? await batchGet(
            due.map(({ subscription }) => employeeKey(subscription.employeeId)),
            false,
          )
        : [];
      const byId = new Map(profiles.map((item) => [String(item.PK), item]));
      const candidates: AlertCandidate[] = [];
      for (const entry of due) {
        const profile = byId.get(employeeKey(entry.subscription.employeeId).PK);
        if (!profile) {
          candidates.push(entry);
          continue;
        }
        try {
          const { situation } = situationRecordFromItem(profile);
          candidates.push({ ...entry, subscriber: { employee: employeeFromItem(profile), ...(situation ? { situation } : {}) } });
        } catch (error) {
          unreadable += 1;
          logger.warn('Unreadable alert subscriber', { employeeId: entry.subscription.employeeId, errorName: errorName(error) });
        }
      }
      return { candidates, unreadable, cursor: page.LastEvaluatedKey };
    },

    async markHandled(candidate, handled, digest) {
      const update = handlingUpdate(candidate, handled);
      try {
        if (!digest) {
          await db.send(new UpdateCommand(update));
        } else {
          await db.send(
            new TransactWriteCommand({
              TransactItems: [{ Update: update }, { Put: { TableName: tableName, Item: notificationToItem(digest) } }],
            }),
          );
        }
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException || conditionFailed(error)) return false;
        throw error;
      }
    },

    async markHandledTogether(handlings) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: handlings.flatMap(({ candidate, handled, digest }) => [
              { Update: handlingUpdate(candidate, handled) },
              ...(digest ? [{ Put: { TableName: tableName, Item: notificationToItem(digest) } }] : []),
            ]),
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },

    async removeOrphan(candidate) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              employeeGoneCheck(tableName, candidate.subscription.employeeId),
              {
                Delete: {
                  TableName: tableName,
                  Key: alertSubscriptionKey(candidate.subscription.employeeId),
                  ConditionExpression: 'GSI3SK = :asRead',
                  ExpressionAttributeValues: { ':asRead': candidate.indexSortKey },
                },
              },
            ],
          }),
        );
      } catch (error) {
        // The file is back or the subscription moved: not an orphan any more.
        if (!conditionFailed(error)) throw error;
      }
    },
  };
}
