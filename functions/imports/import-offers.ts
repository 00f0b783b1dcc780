import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { externalReferenceGuardKey, offerFromItem, offerKey, offerToItem, type Offer } from '#offers/offer-store.ts';
import { batchGetAll } from '#shared/batch-get.ts';
import { backoff, chunks, mapLimit, maxBatchAttempts } from '#shared/bounded.ts';

/**
 * The import's own access to offers, in batches: finding a landlord's offers by external
 * reference (through the external-reference guard `LANDLORD#<id>#EXTREF#<ref>` the offer store
 * writes), claiming new references, writing new offers. Keys and item shapes come from the
 * offer store's builders; drafts are replaced and offers published through the offer store and
 * use cases themselves.
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
   * Claims references for new offers (the guard, only if no one holds it), in transactions of
   * up to 100 guards. Returns the references someone else held: those rows are read again.
   */
  claimReferences(landlordId: string, claims: readonly { externalReference: string; offerId: string }[]): Promise<Set<string>>;
  /** Writes new offers whose references this import claimed; batches of 25, unprocessed items sent again. */
  putNewOffers(offers: readonly Offer[]): Promise<void>;
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

    async claimReferences(landlordId, claims) {
      const held = new Set<string>();
      await mapLimit(chunks(claims, 100), concurrency, async (chunk) => {
        let pending = chunk;
        for (let attempt = 0; pending.length > 0; attempt += 1) {
          if (attempt >= maxBatchAttempts) throw new Error('Reference claims kept conflicting');
          if (attempt > 0) await backoff(attempt);
          try {
            await db.send(
              new TransactWriteCommand({
                TransactItems: pending.map((claim) => ({
                  Put: {
                    TableName: tableName,
                    Item: {
                      ...externalReferenceGuardKey(landlordId, claim.externalReference),
                      entity: 'ExternalReferenceGuard',
                      offerId: claim.offerId,
                    },
                    ConditionExpression: 'attribute_not_exists(PK)',
                  },
                })),
              }),
            );
            return;
          } catch (error) {
            if (!(error instanceof TransactionCanceledException)) throw error;
            // Nothing was written: drop the references already held, send the others again.
            const reasons = error.CancellationReasons ?? [];
            const next: typeof pending = [];
            pending.forEach((claim, index) => {
              if (reasons[index]?.Code === 'ConditionalCheckFailed') held.add(claim.externalReference);
              else next.push(claim);
            });
            pending = next;
          }
        }
      });
      return held;
    },

    async putNewOffers(offers) {
      await mapLimit(chunks(offers, 25), concurrency, async (chunk) => {
        let pending: Record<string, unknown>[] | undefined = chunk.map((offer) => ({ PutRequest: { Item: offerToItem(offer) } }));
        for (let attempt = 0; pending?.length; attempt += 1) {
          if (attempt >= maxBatchAttempts) throw new Error('BatchWriteItem left items unprocessed after every retry');
          if (attempt > 0) await backoff(attempt);
          const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
          pending = UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
        }
      });
    },
  };
}
