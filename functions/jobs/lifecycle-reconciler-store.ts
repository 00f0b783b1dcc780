import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { batchGetAll } from '#shared/batch-get.ts';
import { lifecyclePhases } from '#definitions/lifecycle.ts';
import {
  lifecycleItems,
  lifecycleKey,
  lifecycleRecordFromItem,
  type LifecycleEvent,
  type LifecycleRecord,
} from '#lifecycle/lifecycle-store.ts';
import { activeLifecyclePartition, offerFromItem, offerKey, type Offer } from '#offers/offer-store.ts';

/**
 * What the lifecycle reconciler reads and writes. It reads the sparse GSI3 partition
 * `LIFECYCLE#ACTIVE` that the offer store keeps from publication until the lifecycle ends, and
 * keeps one item of its own in the offer's partition, `OFFER#<id>` / `RECONCILE`: the execution
 * that carries the lifecycle now (`executionArn`) and how many times it was resumed
 * (`resumeAttempts`). Without that item, the offer's execution is its first one, named by the
 * offer id. The item and the `LIFECYCLE_RESUMED` event are written in one transaction,
 * conditioned on the item as read, so two runs never both record a resume.
 */
export const reconcileKey = (offerId: string) => ({ PK: offerKey(offerId).PK, SK: 'RECONCILE' });

const reconcileSchema = z.object({
  offerId: z.string(),
  executionArn: z.string(),
  resumeAttempts: z.int().min(0),
  phase: z.enum(lifecyclePhases),
  resumedAt: z.string(),
});
type ReconcileState = z.output<typeof reconcileSchema>;

const reconcileFromItem = (item: Record<string, unknown>): ReconcileState => reconcileSchema.parse(item);

/** An offer under a live lifecycle, as stored now (strongly consistent reads). */
export interface ReconcileCandidate {
  readonly offer: Offer & { closesAt: string };
  readonly record?: LifecycleRecord;
  readonly reconcile?: ReconcileState;
}

interface ReconcilePage {
  /** Offer ids of the index page. */
  readonly offerIds: string[];
  readonly cursor?: Record<string, unknown>;
}

export interface LifecycleReconcilerStore {
  activePage(cursor?: Record<string, unknown>): Promise<ReconcilePage>;
  /** The offer, its lifecycle record and the reconciler's item; undefined when the offer is gone or has no window. */
  candidate(offerId: string): Promise<ReconcileCandidate | undefined>;
  /** Records the resume and its audit event; false when another run recorded one since `previous` was read. */
  recordResume(previous: ReconcileState | undefined, next: ReconcileState, event: LifecycleEvent): Promise<boolean>;
}

export function lifecycleReconcilerStore(db: DynamoDBDocumentClient, tableName: string, pageSize = 50): LifecycleReconcilerStore {
  const items = lifecycleItems(tableName);
  return {
    async activePage(cursor) {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          ExpressionAttributeValues: { ':pk': activeLifecyclePartition },
          ProjectionExpression: 'offerId',
          Limit: pageSize,
          ExclusiveStartKey: cursor,
        }),
      );
      const offerIds = (page.Items ?? []).map((item) => z.object({ offerId: z.string() }).parse(item).offerId);
      return { offerIds, cursor: page.LastEvaluatedKey };
    },

    async candidate(offerId) {
      const keys = [offerKey(offerId), lifecycleKey(offerId), reconcileKey(offerId)];
      const found = await batchGetAll(db, tableName, keys);
      const bySk = new Map(found.map((item) => [String(item.SK), item]));
      const offerItem = bySk.get('OFFER');
      if (!offerItem) return undefined;
      const offer = offerFromItem(offerItem);
      if (!offer.closesAt) return undefined;
      const recordItem = bySk.get(lifecycleKey(offerId).SK);
      const reconcileItem = bySk.get(reconcileKey(offerId).SK);
      return {
        offer: { ...offer, closesAt: offer.closesAt },
        ...(recordItem && { record: lifecycleRecordFromItem(recordItem) }),
        ...(reconcileItem && { reconcile: reconcileFromItem(reconcileItem) }),
      };
    },

    async recordResume(previous, next, event) {
      const condition = previous
        ? {
            ConditionExpression: 'resumeAttempts = :previousAttempts AND executionArn = :previousArn',
            ExpressionAttributeValues: { ':previousAttempts': previous.resumeAttempts, ':previousArn': previous.executionArn },
          }
        : { ConditionExpression: 'attribute_not_exists(PK)' };
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: { TableName: tableName, Item: { ...reconcileKey(next.offerId), entity: 'LifecycleReconcile', ...next }, ...condition },
              },
              items.event(event),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')
          return false;
        throw error;
      }
    },
  };
}
