import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { dynamodb, s3 } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { landlordStore } from '#landlords/landlord-store.ts';
import { offerDeps } from '#offers/offer-deps.ts';
import { offerStore } from '#offers/offer-store.ts';
import { publishOffer } from '#offers/offer-use-cases.ts';
import { s3ImportFiles } from './import-files.ts';
import { importOfferStore } from './import-offers.ts';
import { importRules, type ImportRules } from './import-rules.ts';
import { importStore } from './import-store.ts';
import type { ImportDeps } from './import-use-cases.ts';

/** The import's dependencies on given clients; `publish` is how rows marked so are published. */
export function importDepsFor(
  clients: { db: DynamoDBDocumentClient; s3: S3Client; tableName: string; bucketName: string },
  publish: ImportDeps['publish'],
  rules: ImportRules = importRules,
): ImportDeps {
  return {
    imports: importStore(clients.db, clients.tableName),
    offers: importOfferStore(clients.db, clients.tableName, rules.concurrency),
    drafts: offerStore(clients.db, clients.tableName),
    landlords: landlordStore(clients.db, clients.tableName),
    files: s3ImportFiles(clients.s3, clients.bucketName),
    publish,
    rules,
    now: () => new Date(),
    newId: randomUUID,
  };
}

/** What the import routes and the S3 handler need, wired once per execution environment. */
export const importDeps: ImportDeps = importDepsFor(
  { db: dynamodb, s3, tableName: config.tableName, bucketName: config.bucketName },
  (offerId, caller) => publishOffer(offerDeps, offerId, caller),
);
