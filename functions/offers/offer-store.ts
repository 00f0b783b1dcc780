import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { offerFieldSchemas, offerStatusSchema } from './offer-schemas.ts';

/**
 * Offer storage, the one module that builds offer keys.
 * - Offer: `PK = OFFER#<offerId>`, `SK = OFFER` (its applications will share the partition).
 * - GSI2 `LANDLORD#<landlordId>` / `OFFER#<createdAt>#<offerId>`: the landlord's offers.
 * - GSI1 `DEPT#<department>#PUBLISHED` / `<closesAt>#<offerId>`, written only at publication:
 *   the employee tabs read a department's open offers with one Query, `GSI1SK > now`.
 * - `applicantCount` starts at 0; applications increment it in their own transaction.
 * - GSI3 `LIFECYCLE#ACTIVE` / `<closesAt>#<offerId>`, written at publication and removed when
 *   the lifecycle ends (attributed or unfilled): the reconciler's list of offers to check.
 * - External-reference guard `LANDLORD#<landlordId>#EXTREF#<reference>` / `GUARD`, written in the
 *   creation transaction: a reference names one offer per landlord.
 * - Reference lease `LANDLORD#<landlordId>#EXTREF` / `LEASE`, `until` (epoch ms): while a bulk import
 *   holds it, the import alone creates that landlord's references, in batches without conditions;
 *   the creation transaction checks that no lease runs.
 */
export const offerKey = (offerId: string) => ({ PK: `OFFER#${offerId}`, SK: 'OFFER' });

export const externalReferenceGuardKey = (landlordId: string, reference: string) => ({
  PK: `LANDLORD#${landlordId}#EXTREF#${reference}`,
  SK: 'GUARD',
});

export const referenceLeaseKey = (landlordId: string) => ({ PK: `LANDLORD#${landlordId}#EXTREF`, SK: 'LEASE' });

const landlordOffersIndexKey = (offer: Pick<Offer, 'landlordId' | 'createdAt' | 'offerId'>) => ({
  GSI2PK: `LANDLORD#${offer.landlordId}`,
  GSI2SK: `OFFER#${offer.createdAt}#${offer.offerId}`,
});

export const activeLifecyclePartition = 'LIFECYCLE#ACTIVE';
const activeLifecycleIndexKey = (closesAt: string, offerId: string) => ({
  GSI3PK: activeLifecyclePartition,
  GSI3SK: `${closesAt}#${offerId}`,
});

export const publishedOffersPartition = (department: string) => `DEPT#${department}#PUBLISHED`;
const publishedOffersIndexKey = (department: string, closesAt: string, offerId: string) => ({
  GSI1PK: publishedOffersPartition(department),
  GSI1SK: `${closesAt}#${offerId}`,
});

const storedFields = Object.fromEntries(Object.entries(offerFieldSchemas).map(([name, schema]) => [name, schema.optional()])) as {
  [K in keyof typeof offerFieldSchemas]: z.ZodOptional<(typeof offerFieldSchemas)[K]>;
};

const offerSchema = z.object({
  offerId: z.string(),
  landlordId: z.string(),
  status: offerStatusSchema,
  externalReference: z.string(),
  ...storedFields,
  /** Derived from the commune. */
  department: z.string().optional(),
  communeName: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
  closesAt: z.string().optional(),
  applicantCount: z.number().int().min(0),
});
export type Offer = z.output<typeof offerSchema>;

const offerItemSchema = offerSchema.extend({ entity: z.literal('Offer') });

export function offerToItem(offer: Offer) {
  const { department, closesAt } = offer;
  const published = offer.status === 'PUBLISHED' && department && closesAt;
  return {
    ...offerKey(offer.offerId),
    ...landlordOffersIndexKey(offer),
    ...(published ? publishedOffersIndexKey(department, closesAt, offer.offerId) : {}),
    entity: 'Offer',
    ...offer,
  };
}

export const offerFromItem = (item: Record<string, unknown>): Offer => {
  const { entity: _entity, ...offer } = offerItemSchema.parse(item);
  return offer;
};

/** Another offer of the same landlord already carries this external reference. */
export class DuplicateExternalReference extends Error {
  override readonly name = 'DuplicateExternalReference';
}

/** A bulk import of the landlord is writing new references (its lease runs): try again in a moment. */
export class ReferencesBeingImported extends Error {
  override readonly name = 'ReferencesBeingImported';
}

/** The offer changed (or was published) since it was read; the caller reads it again. */
export class OfferChangedMeanwhile extends Error {
  override readonly name = 'OfferChangedMeanwhile';
  constructor(readonly current: Offer | undefined) {
    super('The offer changed since it was read');
  }
}

interface OfferPageKey {
  readonly offers: Offer[];
  readonly cursor?: Record<string, unknown>;
}

export interface OfferStore {
  /** Writes a new offer and its external-reference guard in one transaction. */
  create(offer: Offer): Promise<void>;
  get(offerId: string): Promise<Offer | undefined>;
  /** Replaces a draft, if it is still the draft last updated at `seenUpdatedAt`. */
  replaceDraft(offer: Offer, seenUpdatedAt: string): Promise<void>;
  /**
   * Publishes the draft last updated at `seenUpdatedAt` (status, dates and the department index
   * key, in one conditional update). Throws `OfferChangedMeanwhile` with the current item when
   * it is no longer that draft (already published included).
   */
  publish(
    offer: Offer & { status: 'PUBLISHED'; publishedAt: string; closesAt: string; department: string },
    seenUpdatedAt: string,
  ): Promise<void>;
  /** A landlord's offers, newest first. */
  listByLandlord(landlordId: string, limit: number, cursor?: Record<string, unknown>): Promise<OfferPageKey>;
  /** Published offers of a department still open at `at` (closing after it), soonest closing first. */
  listOpenInDepartment(department: string, at: Date, limit?: number, cursor?: Record<string, unknown>): Promise<OfferPageKey>;
}

const stillTheDraft = '#status = :draft AND updatedAt = :seen';

export function offerStore(db: DynamoDBDocumentClient, tableName: string): OfferStore {
  const changedMeanwhile = (error: ConditionalCheckFailedException) =>
    new OfferChangedMeanwhile(error.Item ? offerFromItem(unmarshall(error.Item)) : undefined);

  return {
    async create(offer) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: offerToItem(offer), ConditionExpression: 'attribute_not_exists(PK)' } },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...externalReferenceGuardKey(offer.landlordId, offer.externalReference),
                    entity: 'ExternalReferenceGuard',
                    offerId: offer.offerId,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                ConditionCheck: {
                  TableName: tableName,
                  Key: referenceLeaseKey(offer.landlordId),
                  ConditionExpression: 'attribute_not_exists(PK) OR #until <= :now',
                  ExpressionAttributeNames: { '#until': 'until' },
                  ExpressionAttributeValues: { ':now': Date.parse(offer.createdAt) },
                },
              },
            ],
          }),
        );
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? error.CancellationReasons : undefined;
        if (reasons?.[1]?.Code === 'ConditionalCheckFailed') throw new DuplicateExternalReference();
        if (reasons?.[2]?.Code === 'ConditionalCheckFailed') throw new ReferencesBeingImported();
        throw error;
      }
    },

    async get(offerId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: offerKey(offerId), ConsistentRead: true }));
      return Item ? offerFromItem(Item) : undefined;
    },

    async replaceDraft(offer, seenUpdatedAt) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: offerToItem(offer),
            ConditionExpression: stillTheDraft,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':draft': 'DRAFT', ':seen': seenUpdatedAt },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw changedMeanwhile(error);
        throw error;
      }
    },

    async publish(offer, seenUpdatedAt) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: offerKey(offer.offerId),
            UpdateExpression:
              'SET #status = :published, publishedAt = :publishedAt, closesAt = :closesAt, updatedAt = :updatedAt, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, GSI3PK = :gsi3pk, GSI3SK = :gsi3sk',
            ConditionExpression: stillTheDraft,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':draft': 'DRAFT',
              ':seen': seenUpdatedAt,
              ':published': 'PUBLISHED',
              ':publishedAt': offer.publishedAt,
              ':closesAt': offer.closesAt,
              ':updatedAt': offer.updatedAt,
              ':gsi1pk': publishedOffersIndexKey(offer.department, offer.closesAt, offer.offerId).GSI1PK,
              ':gsi1sk': publishedOffersIndexKey(offer.department, offer.closesAt, offer.offerId).GSI1SK,
              ':gsi3pk': activeLifecycleIndexKey(offer.closesAt, offer.offerId).GSI3PK,
              ':gsi3sk': activeLifecycleIndexKey(offer.closesAt, offer.offerId).GSI3SK,
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw changedMeanwhile(error);
        throw error;
      }
    },

    async listByLandlord(landlordId, limit, cursor) {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :offers)',
          ExpressionAttributeValues: { ':pk': `LANDLORD#${landlordId}`, ':offers': 'OFFER#' },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { offers: Items.map(offerFromItem), cursor: LastEvaluatedKey };
    },

    async listOpenInDepartment(department, at, limit, cursor) {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          // `~` sorts after every id character: an offer closing exactly at `at` is closed.
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :at',
          ExpressionAttributeValues: { ':pk': publishedOffersPartition(department), ':at': `${at.toISOString()}#~` },
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { offers: Items.map(offerFromItem), cursor: LastEvaluatedKey };
    },
  };
}
