import type { S3Event } from 'aws-lambda';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { assessCompleteness, currentDocuments, documentExpiry, isExpired, typeOrder, type CompletenessDeps } from './completeness.ts';
import {
  documentObjectKey,
  EmployeeFileMissing,
  parseDocumentObjectKey,
  type DocumentStore,
  type StoredDocument,
} from './document-store.ts';
import type { DocumentList, DocumentUpload, DocumentUploadRequest, DocumentView } from './document-schemas.ts';
import type { UploadSigner } from './document-uploads.ts';

/** What listing and receiving documents need: no upload signer (and so no S3 client in their bundles). */
export interface DocumentReadDeps extends CompletenessDeps {
  readonly documents: DocumentStore;
}

export interface DocumentDeps extends DocumentReadDeps {
  readonly uploads: UploadSigner;
  readonly newId: () => string;
}

const fileNotFound = () => new NotFoundError('Dossier introuvable : inscrivez-vous avant de déposer des pièces.');

/**
 * An employee asks to upload one supporting document of his own file (type, content type and
 * size already checked against the limits by the route's schema).
 * 1. At most `maxPendingPerType` uploads of one type awaited at once (409 beyond): each request
 *    leaves an item, and the file would grow without bound. Pick a new document id; the object
 *    key follows from the employee, the type and the id.
 * 2. Record the document as REQUESTED, on condition that the employee's file exists (404
 *    otherwise), with a TTL so that an upload never made is forgotten.
 * 3. Presign a PUT bound to that key, content type and size, valid for a short time.
 * 4. Answer the document id and how to upload.
 */
export async function requestDocumentUpload(
  deps: DocumentDeps,
  employeeId: string,
  request: DocumentUploadRequest,
): Promise<DocumentUpload> {
  const now = deps.now();
  const { urlExpirySeconds, abandonedAfterSeconds, maxPendingPerType } = deps.rules.upload;
  const abandonedBefore = new Date(now.getTime() - abandonedAfterSeconds * 1000).toISOString();
  const pending = (await deps.documents.list(employeeId)).filter(
    (d) => d.type === request.type && d.status === 'REQUESTED' && d.requestedAt >= abandonedBefore,
  );
  if (pending.length >= maxPendingPerType) {
    throw new ConflictError(
      'TOO_MANY_PENDING_UPLOADS',
      `${pending.length} dépôts de ce type de pièce sont déjà en attente : envoyez l’un des fichiers demandés, ou réessayez dans 24 heures.`,
    );
  }
  const document: StoredDocument = {
    employeeId,
    documentId: deps.newId(),
    type: request.type,
    status: 'REQUESTED',
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    filename: request.filename,
    requestedAt: now.toISOString(),
  };
  try {
    await deps.documents.request(document, Math.floor(now.getTime() / 1000) + abandonedAfterSeconds);
  } catch (error) {
    if (error instanceof EmployeeFileMissing) throw fileNotFound();
    throw error;
  }
  const upload = await deps.uploads.presignPut({
    key: documentObjectKey(document),
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    expiresInSeconds: urlExpirySeconds,
  });
  return {
    documentId: document.documentId,
    type: document.type,
    status: 'REQUESTED',
    upload: { method: 'PUT', ...upload, expiresAt: new Date(now.getTime() + urlExpirySeconds * 1000).toISOString() },
  };
}

/**
 * The employee's documents and whether the file is complete (rule R6).
 * 1. Read the employee (for the employment confirmation) and the documents, in parallel.
 * 2. No employee file: 404.
 * 3. Leave out requests whose upload never came (the table's TTL deletes them lazily).
 * 4. Show each document with its expiry, whether it is the current one of its type, and the
 *    completeness with what is missing.
 */
export async function listDocuments(deps: DocumentReadDeps, employeeId: string): Promise<DocumentList> {
  const [employee, stored] = await Promise.all([deps.employees.get(employeeId), deps.documents.list(employeeId)]);
  if (!employee) throw fileNotFound();
  const now = deps.now();
  const abandonedBefore = new Date(now.getTime() - deps.rules.upload.abandonedAfterSeconds * 1000).toISOString();
  const documents = stored.filter((d) => d.status !== 'REQUESTED' || d.requestedAt >= abandonedBefore);
  const current = new Set([...currentDocuments(documents).values()]);
  const views = documents
    .map(
      (document): DocumentView => ({
        documentId: document.documentId,
        type: document.type,
        required: deps.rules.types[document.type].required,
        status: document.status,
        contentType: document.contentType,
        sizeBytes: document.receivedSizeBytes ?? document.sizeBytes,
        filename: document.filename,
        requestedAt: document.requestedAt,
        receivedAt: document.receivedAt,
        expiresOn: documentExpiry(document, deps.rules),
        expired: document.status === 'RECEIVED' && isExpired(document, now, deps.rules),
        current: current.has(document),
      }),
    )
    .sort((a, b) => typeOrder(a.type) - typeOrder(b.type) || b.requestedAt.localeCompare(a.requestedAt));
  return { documents: views, completeness: assessCompleteness(documents, employee.employment, now, deps.rules) };
}

export interface ReceiptCounts {
  recorded: number;
  rejected: number;
  replayed: number;
  unknown: number;
  ignored: number;
}

/**
 * Objects arrived under `documents/` (S3 object-created event).
 * 1. Decode each key (S3 URL-encodes it, spaces as `+`) into employee, type and document id;
 *    a key that does not parse is ignored.
 * 2. Read the document: an object nobody requested (or whose request was forgotten) is ignored.
 * 3. RECEIVED when the size is the one signed into the URL, REJECTED otherwise.
 * 4. Apply the receipt with the event's time, once: a redelivered event (same sequencer) or an
 *    older one changes nothing; a new upload to the same key replaces the receipt.
 */
export async function recordDocumentsReceived(
  deps: { readonly documents: Pick<DocumentStore, 'get' | 'recordReceipt'>; readonly now: () => Date },
  event: S3Event,
): Promise<ReceiptCounts> {
  const counts: ReceiptCounts = { recorded: 0, rejected: 0, replayed: 0, unknown: 0, ignored: 0 };
  for (const record of event.Records) {
    const ref = parseDocumentObjectKey(decodeS3Key(record.s3.object.key));
    if (!ref) {
      counts.ignored += 1;
      continue;
    }
    const document = await deps.documents.get(ref);
    if (!document) {
      counts.unknown += 1;
      continue;
    }
    const size = record.s3.object.size;
    const status = size === document.sizeBytes ? 'RECEIVED' : 'REJECTED';
    const eventTime = new Date(record.eventTime);
    const applied = await deps.documents.recordReceipt(ref, {
      status,
      sizeBytes: size,
      receivedAt: (Number.isNaN(eventTime.getTime()) ? deps.now() : eventTime).toISOString(),
      sequencer: record.s3.object.sequencer,
    });
    if (!applied) counts.replayed += 1;
    else if (status === 'RECEIVED') counts.recorded += 1;
    else counts.rejected += 1;
  }
  return counts;
}

function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    // Malformed percent-encoding: leave it undecoded, it will not parse as a document key.
    return key;
  }
}
