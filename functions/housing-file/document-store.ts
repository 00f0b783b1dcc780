import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { employeeExistsCheck, employeeKey } from '#identity/employee-store.ts';
import { calendarDayIn } from '#shared/calendar.ts';
import { documentRules as defaultDocumentRules, expiryDay, type DocumentRules, type DocumentType } from './document-rules.ts';
import { documentStatusSchema, documentTypeSchema } from './document-schemas.ts';
import { queryAll } from '#shared/query-all.ts';

/**
 * Supporting documents of an employee's file, in the employee's partition so that the whole
 * file is one Query: `PK = EMPLOYEE#<employeeId>`, `SK = DOCUMENT#<type>#<documentId>`.
 * The object in the uploads bucket is `documents/<employeeId>/<type>/<documentId>`; both keys
 * are built here and nowhere else.
 */
export interface DocumentRef {
  readonly employeeId: string;
  readonly type: DocumentType;
  readonly documentId: string;
}

const documentSortPrefix = 'DOCUMENT#';

export const documentKey = (ref: DocumentRef) => ({
  PK: employeeKey(ref.employeeId).PK,
  SK: `${documentSortPrefix}${ref.type}#${ref.documentId}`,
});

export const employeeDocumentsPrefix = (employeeId: string) => `${bucketPrefixes.documents}${employeeId}/`;

export const documentObjectKey = (ref: DocumentRef) => `${employeeDocumentsPrefix(ref.employeeId)}${ref.type}/${ref.documentId}`;

const idPattern = '[A-Za-z0-9-]{1,64}';
const objectKeyPattern = new RegExp(`^${bucketPrefixes.documents}(${idPattern})/([a-z0-9-]+)/(${idPattern})$`);

/** Reads a decoded object key back into its document; undefined for anything else under the prefix. */
export function parseDocumentObjectKey(key: string): DocumentRef | undefined {
  const [, employeeId, typeText, documentId] = objectKeyPattern.exec(key) ?? [];
  const type = documentTypeSchema.safeParse(typeText);
  if (!employeeId || !documentId || !type.success) return undefined;
  return { employeeId, type: type.data, documentId };
}

const documentSchema = z.object({
  employeeId: z.string(),
  documentId: z.string(),
  type: documentTypeSchema,
  status: documentStatusSchema,
  contentType: z.string(),
  /** Declared when the upload was requested, and signed into the URL. */
  sizeBytes: z.number(),
  filename: z.string().optional(),
  requestedAt: z.string(),
  receivedAt: z.string().optional(),
  receivedSizeBytes: z.number().optional(),
});
export type StoredDocument = z.output<typeof documentSchema>;

const documentItemSchema = documentSchema.extend({ entity: z.literal('Document') });

export const documentToItem = (document: StoredDocument) => ({ ...documentKey(document), entity: 'Document', ...document });

/**
 * GSI3 of a received required document that expires (payslips, tax notice, attestation, NUD
 * certificate): `DOC_EXPIRY#<yyyy-mm>` / `<expiresOn>#<employeeId>#<documentId>`, read by the
 * daily document-expiry reminder (`#jobs/document-expiry-job.ts`). Written with the receipt.
 */
export const documentExpiryPartition = (month: string) => `DOC_EXPIRY#${month}`;
function documentExpiryIndexKey(ref: DocumentRef, receivedAt: string, rules: DocumentRules) {
  const rule = rules.types[ref.type];
  if (!rule.required) return undefined;
  const expiresOn = expiryDay(rule.validity, calendarDayIn(rules.timeZone, new Date(receivedAt)));
  if (!expiresOn) return undefined;
  return { GSI3PK: documentExpiryPartition(expiresOn.slice(0, 7)), GSI3SK: `${expiresOn}#${ref.employeeId}#${ref.documentId}`, expiresOn };
}

export const documentFromItem = (item: Record<string, unknown>): StoredDocument => {
  const { entity: _entity, ...document } = documentItemSchema.parse(item);
  return document;
};

/** What the object-created event tells about an upload. */
interface Receipt {
  readonly status: 'RECEIVED' | 'REJECTED';
  readonly sizeBytes: number;
  readonly receivedAt: string;
  /** S3's per-key event order (hex); a later upload to the same key has a greater one. */
  readonly sequencer: string;
}

/** The request names an employee file that does not exist (or no longer does). */
export class EmployeeFileMissing extends Error {
  override readonly name = 'EmployeeFileMissing';
}

export interface DocumentStore {
  /**
   * Records a requested upload, if the employee's file exists, in one round trip. The item
   * expires (table TTL) at `forgetAt` (epoch seconds) unless the upload arrives.
   */
  request(document: StoredDocument, forgetAt: number): Promise<void>;
  get(ref: DocumentRef): Promise<StoredDocument | undefined>;
  /**
   * Applies an upload's receipt once: false when the item is gone or already holds this
   * receipt or a later one (the same event delivered twice, or events out of order).
   */
  recordReceipt(ref: DocumentRef, receipt: Receipt): Promise<boolean>;
  /** Every document of the employee's file (one paginated Query). */
  list(employeeId: string): Promise<StoredDocument[]>;
}

/**
 * S3 sequencers are hex strings of varying length; S3's documentation compares them after
 * padding the shorter one with zeros on the right, then as strings. They are
 * stored padded so that DynamoDB's string comparison orders them.
 */
const sequencerWidth = 48;
const comparableSequencer = (sequencer: string) => sequencer.toUpperCase().padEnd(sequencerWidth, '0');

/** `rules`: which documents expire and when, for the expiry index written with a receipt. */
export function documentStore(db: DynamoDBDocumentClient, tableName: string, rules: DocumentRules = defaultDocumentRules): DocumentStore {
  return {
    async request(document, forgetAt) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              employeeExistsCheck(tableName, document.employeeId),
              {
                Put: {
                  TableName: tableName,
                  Item: { ...documentToItem(document), expiresAt: forgetAt },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          throw new EmployeeFileMissing();
        }
        throw error;
      }
    },
    async get(ref) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: documentKey(ref) }));
      return Item ? documentFromItem(Item) : undefined;
    },
    async recordReceipt(ref, receipt) {
      const expiry = receipt.status === 'RECEIVED' ? documentExpiryIndexKey(ref, receipt.receivedAt, rules) : undefined;
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: documentKey(ref),
            // Received documents are kept: the TTL set at request time is removed. A document that
            // expires enters the expiry index (a rejected re-upload leaves it).
            UpdateExpression: `SET #status = :status, receivedAt = :receivedAt, receivedSizeBytes = :size, s3Sequencer = :sequencer${
              expiry ? ', GSI3PK = :expiryPk, GSI3SK = :expirySk, expiresOn = :expiresOn' : ''
            } REMOVE expiresAt${expiry ? '' : ', GSI3PK, GSI3SK, expiresOn'}`,
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(s3Sequencer) OR s3Sequencer < :sequencer)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': receipt.status,
              ':receivedAt': receipt.receivedAt,
              ':size': receipt.sizeBytes,
              ':sequencer': comparableSequencer(receipt.sequencer),
              ...(expiry && { ':expiryPk': expiry.GSI3PK, ':expirySk': expiry.GSI3SK, ':expiresOn': expiry.expiresOn }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async list(employeeId) {
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :documents)',
        ExpressionAttributeValues: { ':pk': employeeKey(employeeId).PK, ':documents': documentSortPrefix },
      });
      return items.map(documentFromItem);
    },
  };
}
