import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { externalReferenceGuardKey, offerFromItem, offerKey, offerToItem, referenceLeaseKey, type Offer } from '#offers/offer-store.ts';
import { batchGetAll } from '#shared/batch-get.ts';
import { putAll } from '#shared/batch-write.ts';

/**
 * The import's own access to offers, in batches: finding a landlord's offers by external
 * reference (through the external-reference guard `LANDLORD#<id>#EXTREF#<ref>` the offer store
 * writes), claiming new references, writing new offers. Keys and item shapes come from the
 * offer store's builders; drafts are replaced and offers published through the offer store and
 * use cases themselves.
 *
 * New references are written under the landlord's reference lease (`referenceLeaseKey`), which
 * no one else creates a reference under (the offer store's creation checks it, other imports
 * wait for it): the references read absent are written with their offers in plain batches. A
 * conditional transaction per reference would cost about three batch writes on DynamoDB Local.
 */

/** What a reference points at: its offer, or only its guard while another writer creates the offer. */
interface ReferencedOffer {
  readonly offerId: string;
  readonly offer?: Offer;
}

export interface ImportOfferStore {
  /** The offers of these references of a landlord (strongly consistent); an unused reference is absent. */
  findByReferences(landlordId: string, references: readonly string[]): Promise<Map<string, ReferencedOffer>>;
  /**
   * Writes the offer a guard names when its writer died before writing it, unless it is there by
   * now (a slow writer, not a dead one): then answers that offer, left as it is.
   */
  completeClaimedOffer(offer: Offer): Promise<Offer | undefined>;
  /**
   * Takes the landlord's reference lease for `holder` until `until` (epoch ms), unless another
   * holder's lease runs at `now`; answers whether it was taken.
   */
  leaseReferences(landlordId: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Ends the holder's lease (nothing if it ran out and another holder took it). */
  releaseReferences(landlordId: string, holder: string): Promise<void>;
  /**
   * Under the lease: writes the guards of new references, then their offers, in batches of 25
   * without conditions. The guards go first: a writer that dies in between leaves guards
   * without offers, which the next writer completes (never an offer without its guard).
   */
  putNewOffersAndGuards(offers: readonly Offer[]): Promise<void>;
}

const guardSchema = z.object({ PK: z.string(), offerId: z.string() });

export function importOfferStore(db: DynamoDBDocumentClient, tableName: string, concurrency: number): ImportOfferStore {
  const batchGet = (keys: readonly Record<string, string>[]) => batchGetAll(db, tableName, keys, { concurrency });

  return {
    async findByReferences(landlordId, references) {
      const referenceOf = new Map(references.map((reference) => [externalReferenceGuardKey(landlordId, reference).PK, reference]));
      const guards = (await batchGet(references.map((reference) => externalReferenceGuardKey(landlordId, reference)))).map((item) =>
        guardSchema.parse(item),
      );
      const offers = new Map(
        (await batchGet(guards.map((guard) => offerKey(guard.offerId)))).map((item) => {
          const offer = offerFromItem(item);
          return [offer.offerId, offer] as const;
        }),
      );
      return new Map(
        guards.map((guard) => {
          const reference = referenceOf.get(guard.PK);
          if (reference === undefined) throw new Error(`Guard ${guard.PK} was read back but no requested reference has that key.`);
          return [reference, { offerId: guard.offerId, offer: offers.get(guard.offerId) }];
        }),
      );
    },

    async completeClaimedOffer(offer) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: offerToItem(offer),
            ConditionExpression: 'attribute_not_exists(PK)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return undefined;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
        return offerFromItem(unmarshall(error.Item));
      }
    },

    async leaseReferences(landlordId, holder, now, until) {
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...referenceLeaseKey(landlordId), entity: 'ReferenceLease', holder, until },
            ConditionExpression: 'attribute_not_exists(PK) OR #until <= :now OR holder = :holder',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: { ':now': now, ':holder': holder },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async releaseReferences(landlordId, holder) {
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: referenceLeaseKey(landlordId),
            UpdateExpression: 'SET #until = :ended',
            ConditionExpression: 'holder = :holder',
            ExpressionAttributeNames: { '#until': 'until' },
            ExpressionAttributeValues: { ':ended': 0, ':holder': holder },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async putNewOffersAndGuards(offers) {
      await putAll(
        db,
        tableName,
        offers.map((offer) => guardItem(offer.landlordId, offer.externalReference, offer.offerId)),
        concurrency,
      );
      await putAll(db, tableName, offers.map(offerToItem), concurrency);
    },
  };
}

const guardItem = (landlordId: string, reference: string, offerId: string) => ({
  ...externalReferenceGuardKey(landlordId, reference),
  entity: 'ExternalReferenceGuard',
  offerId,
});
