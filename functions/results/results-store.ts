import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applicationFromItem, applicationKey, type Application } from '#applications/application-store.ts';
import { lifecycleKey, lifecycleRecordFromItem, type LifecycleRecord } from '#lifecycle/lifecycle-store.ts';
import { offerFromItem, publishedOffersPartition, type Offer } from '#offers/offer-store.ts';
import { batchGetAll } from '#shared/batch-get.ts';

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
    options: { commune?: string; limit: number; cursor?: Record<string, unknown> },
  ): Promise<{ offers: Offer[]; cursor?: Record<string, unknown> }>;
  /** The lifecycle records of these offers (BatchGetItem), by offer id. */
  records(offerIds: readonly string[]): Promise<Map<string, LifecycleRecord>>;
  /** These applications (BatchGetItem), by offer id. */
  applications(keys: readonly { offerId: string; employeeId: string }[]): Promise<Map<string, Application>>;
}

export function resultsStore(db: DynamoDBDocumentClient, tableName: string): ResultsStore {
  return {
    async closedOffers(department, before, { commune, limit, cursor }) {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
          ...(commune ? { FilterExpression: 'commune = :commune' } : {}),
          ExpressionAttributeValues: {
            ':pk': publishedOffersPartition(department),
            ':before': before.toISOString(),
            ...(commune ? { ':commune': commune } : {}),
          },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { offers: Items.map(offerFromItem), ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey } : {}) };
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
