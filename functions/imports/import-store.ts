import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import {
  importCountsSchema,
  importFailureSchema,
  importFormatSchema,
  importProgressSchema,
  importStatusSchema,
  noCounts,
  rowErrorSchema,
  type ImportCounts,
} from './import-schemas.ts';

/**
 * Import jobs, the one module that builds their keys.
 * - Job: `PK = LANDLORD#<landlordId>`, `SK = IMPORT#<importId>`: only reachable inside the
 *   landlord's own partition.
 * - GSI2 `LANDLORD#<landlordId>` / `IMPORT#<createdAt>#<importId>`: the landlord's imports,
 *   newest first (beside its offers, `OFFER#…`, in the same index partition).
 * - `uploadId` names the upload being imported (the S3 event's sequencer, then the ETag): an
 *   event delivered twice carries the same one, a new upload of the same key a greater one.
 */
export const importKey = (landlordId: string, importId: string) => ({
  PK: `LANDLORD#${landlordId}`,
  SK: `IMPORT#${importId}`,
});

const landlordImportsIndexKey = (landlordId: string, createdAt: string, importId: string) => ({
  GSI2PK: `LANDLORD#${landlordId}`,
  GSI2SK: `IMPORT#${createdAt}#${importId}`,
});

/** S3 sequencers compare as hexadecimal numbers once left-padded to one length. */
export const uploadIdOf = (sequencer: string, eTag: string) => `${sequencer.toUpperCase().padStart(40, '0')}-${eTag}`;

const importJobSchema = z.object({
  landlordId: z.string(),
  importId: z.string(),
  format: importFormatSchema,
  objectKey: z.string(),
  filename: z.string().optional(),
  status: importStatusSchema,
  createdAt: z.string(),
  requestedBy: z.string().optional(),
  uploadId: z.string().optional(),
  sizeBytes: z.number().int().min(0).optional(),
  receivedAt: z.string().optional(),
  leaseUntil: z.string().optional(),
  finishedAt: z.string().optional(),
  progress: importProgressSchema,
  counts: importCountsSchema,
  errors: z.array(rowErrorSchema),
  errorCount: z.number().int().min(0),
  failure: importFailureSchema.optional(),
  reportKey: z.string().optional(),
});
export type ImportJob = z.output<typeof importJobSchema>;

const importItemSchema = importJobSchema.extend({ entity: z.literal('ImportJob') });

function importToItem(job: ImportJob & { expiresAt?: number }) {
  return {
    ...importKey(job.landlordId, job.importId),
    ...landlordImportsIndexKey(job.landlordId, job.createdAt, job.importId),
    entity: 'ImportJob',
    ...job,
  };
}

const importFromItem = (item: Record<string, unknown>): ImportJob => {
  const { entity: _entity, ...job } = importItemSchema.parse(item);
  return job;
};

/** What the S3 event says of one upload. */
export interface ReceivedUpload {
  readonly landlordId: string;
  readonly importId: string;
  readonly format: ImportJob['format'];
  readonly objectKey: string;
  readonly sizeBytes: number;
  readonly uploadId: string;
  readonly receivedAt: string;
}

/** The import is now another upload's: this run stops. */
export class ImportSuperseded extends Error {
  override readonly name = 'ImportSuperseded';
}

interface ImportPageKey {
  readonly imports: ImportJob[];
  readonly cursor?: Record<string, unknown>;
}

export interface ImportStore {
  /** Records an import awaiting its upload; its item expires (TTL) at `expiresAt` unless a file arrives. */
  createPending(job: ImportJob, expiresAt: Date): Promise<void>;
  /**
   * Makes `upload` the import's current upload, in status `status`, counts reset, with a lease
   * until `leaseUntil`. `replayed`: this very upload was already taken (and is done, or running
   * under a live lease); `superseded`: a later upload of the key was already taken.
   */
  claimUpload(upload: ReceivedUpload, status: 'IMPORTING' | 'RECEIVED', leaseUntil: string): Promise<'claimed' | 'replayed' | 'superseded'>;
  /** Progress of the current upload's run; throws `ImportSuperseded` when another upload took the import. */
  saveProgress(
    job: Pick<ImportJob, 'landlordId' | 'importId' | 'uploadId'>,
    progress: ImportJob['progress'],
    counts: ImportCounts,
  ): Promise<void>;
  /** The run's outcome; throws `ImportSuperseded` when another upload took the import. */
  finish(
    job: Pick<ImportJob, 'landlordId' | 'importId' | 'uploadId'>,
    outcome: Pick<ImportJob, 'status' | 'progress' | 'counts' | 'errors' | 'errorCount' | 'failure' | 'reportKey' | 'finishedAt'>,
  ): Promise<void>;
  get(landlordId: string, importId: string): Promise<ImportJob | undefined>;
  /** A landlord's imports, newest first. */
  listByLandlord(landlordId: string, limit: number, cursor?: Record<string, unknown>): Promise<ImportPageKey>;
}

export function importStore(db: DynamoDBDocumentClient, tableName: string): ImportStore {
  const superseded = (error: unknown) => (error instanceof ConditionalCheckFailedException ? new ImportSuperseded() : error);

  return {
    async createPending(job, expiresAt) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: importToItem({ ...job, expiresAt: Math.floor(expiresAt.getTime() / 1000) }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async claimUpload(upload, status, leaseUntil) {
      const key = importKey(upload.landlordId, upload.importId);
      const values = {
        ':entity': 'ImportJob',
        ':landlordId': upload.landlordId,
        ':importId': upload.importId,
        ':format': upload.format,
        ':objectKey': upload.objectKey,
        ':sizeBytes': upload.sizeBytes,
        ':uploadId': upload.uploadId,
        ':receivedAt': upload.receivedAt,
        ':status': status,
        ':progress': { rowsDone: 0 },
        ':counts': noCounts,
        ':errors': [],
        ':zero': 0,
        ':leaseUntil': leaseUntil,
        ...Object.fromEntries(
          Object.entries(landlordImportsIndexKey(upload.landlordId, upload.receivedAt, upload.importId)).map(([k, v]) => [`:${k}`, v]),
        ),
      };
      const reset =
        'SET #status = :status, uploadId = :uploadId, sizeBytes = :sizeBytes, receivedAt = :receivedAt, progress = :progress, ' +
        'counts = :counts, errors = :errors, errorCount = :zero, leaseUntil = :leaseUntil';
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression:
              `${reset}, entity = :entity, landlordId = :landlordId, importId = :importId, #format = :format, objectKey = :objectKey, ` +
              'createdAt = if_not_exists(createdAt, :receivedAt), GSI2PK = :GSI2PK, GSI2SK = if_not_exists(GSI2SK, :GSI2SK) ' +
              'REMOVE expiresAt, failure, finishedAt, reportKey',
            ConditionExpression: 'attribute_not_exists(uploadId) OR uploadId < :uploadId',
            ExpressionAttributeNames: { '#status': 'status', '#format': 'format' },
            ExpressionAttributeValues: values,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const current = error.Item ? unmarshall(error.Item) : {};
        if (current.uploadId !== upload.uploadId) return 'superseded';
      }
      // The same upload again: a retried run whose lease ran out (the previous attempt died) resumes.
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: reset,
            ConditionExpression: 'uploadId = :uploadId AND #status = :status AND leaseUntil < :receivedAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':uploadId': upload.uploadId,
              ':sizeBytes': upload.sizeBytes,
              ':receivedAt': upload.receivedAt,
              ':progress': { rowsDone: 0 },
              ':counts': noCounts,
              ':errors': [],
              ':zero': 0,
              ':leaseUntil': leaseUntil,
            },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'replayed';
        throw error;
      }
    },

    async saveProgress(job, progress, counts) {
      await db
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: importKey(job.landlordId, job.importId),
            UpdateExpression: 'SET progress = :progress, counts = :counts',
            ConditionExpression: 'uploadId = :uploadId',
            ExpressionAttributeValues: { ':progress': progress, ':counts': counts, ':uploadId': job.uploadId },
          }),
        )
        .catch((error: unknown) => {
          throw superseded(error);
        });
    },

    async finish(job, outcome) {
      const set = Object.entries(outcome).filter(([, value]) => value !== undefined);
      await db
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: importKey(job.landlordId, job.importId),
            UpdateExpression: `SET ${set.map(([name]) => `#${name} = :${name}`).join(', ')} REMOVE leaseUntil`,
            ConditionExpression: 'uploadId = :uploadId',
            ExpressionAttributeNames: Object.fromEntries(set.map(([name]) => [`#${name}`, name])),
            ExpressionAttributeValues: {
              ...Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
              ':uploadId': job.uploadId,
            },
          }),
        )
        .catch((error: unknown) => {
          throw superseded(error);
        });
    },

    async get(landlordId, importId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: importKey(landlordId, importId), ConsistentRead: true }));
      return Item ? importFromItem(Item) : undefined;
    },

    async listByLandlord(landlordId, limit, cursor) {
      const { Items = [], LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :imports)',
          ExpressionAttributeValues: { ':pk': `LANDLORD#${landlordId}`, ':imports': 'IMPORT#' },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { imports: Items.map(importFromItem), cursor: LastEvaluatedKey };
    },
  };
}
