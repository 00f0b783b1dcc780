import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applicationFromItem, applicationKey, type Application } from '#applications/application-store.ts';
import { lifecycleKey, lifecycleRecordFromItem, type LifecycleRecord } from '#lifecycle/lifecycle-store.ts';
import { offerFromItem, publishedOffersPartition, type Offer } from '#offers/offer-store.ts';
import { batchGetAll } from '#shared/batch-get.ts';

/**
 * Where the next page of closed offers starts: the closing instant of the last offer read and how
 * many offers closing at that very instant were read. Never an offer's key: a cursor holding the
 * offer id would name the attributed dwelling behind a published score (`GET /offers/{id}`).
 */
export interface ClosedOffersCursor {
  readonly closedBefore: string;
  readonly skip: number;
}

/**
 * What the published results read; the keys are built by the areas that own them (offers,
 * lifecycle, applications). The closed offers of a department are those of the published
 * offers' index (GSI1 `DEPT#<department>#PUBLISHED`, sort key `<closesAt>#<offerId>`) closed
 * before now: the tabs read the same partition after now.
 */
export interface ResultsStore {
  /** One page of the department's offers closed before `before`, latest closing first; only those of `commune` when given. */
  closedOffers(
    department: string,
    before: Date,
    options: { commune?: string; limit: number; cursor?: ClosedOffersCursor },
  ): Promise<{ offers: Offer[]; cursor?: ClosedOffersCursor }>;
  /** The lifecycle records of these offers (BatchGetItem), by offer id. */
  records(offerIds: readonly string[]): Promise<Map<string, LifecycleRecord>>;
  /** These applications (BatchGetItem), by offer id. */
  applications(keys: readonly { offerId: string; employeeId: string }[]): Promise<Map<string, Application>>;
}

export function resultsStore(db: DynamoDBDocumentClient, tableName: string): ResultsStore {
  return {
    async closedOffers(department, before, { commune, limit, cursor }) {
      // From the top of the cursor's instant (`<instant>#~` is above every `<instant>#<offerId>`),
      // less the offers of that instant already read. The commune is filtered here, not by a
      // FilterExpression, so that every offer read is seen and counted for the next cursor.
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
          ExpressionAttributeValues: {
            ':pk': publishedOffersPartition(department),
            ':before': cursor ? `${cursor.closedBefore}#~` : before.toISOString(),
          },
          ScanIndexForward: false,
          Limit: limit + (cursor?.skip ?? 0),
        }),
      );
      const closedAt = (item: Record<string, unknown>) => String(item.GSI1SK).split('#')[0] ?? '';
      const last = Items.at(-1);
      const next = LastEvaluatedKey && last ? closedAt(last) : undefined;
      const offers = Items.slice(cursor?.skip ?? 0)
        .map(offerFromItem)
        .filter((offer) => !commune || offer.commune === commune);
      return {
        offers,
        ...(next ? { cursor: { closedBefore: next, skip: Items.filter((item) => closedAt(item) === next).length } } : {}),
      };
    },

    async records(offerIds) {
      const items = await batchGetAll(db, tableName, offerIds.map(lifecycleKey), { consistent: false });
      return new Map(items.map((item) => lifecycleRecordFromItem(item)).map((record) => [record.offerId, record]));
    },

    async applications(keys) {
      const items = await batchGetAll(
        db,
        tableName,
        keys.map(({ offerId, employeeId }) => applicationKey(offerId, employeeId)),
        { consistent: false },
      );
      return new Map(items.map(applicationFromItem).map((application) => [application.offerId, application]));
    },
  };
}
