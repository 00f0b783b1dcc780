import type { Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import { readPage } from '#shared/page-read.ts';
import type { LandlordStore } from '#landlords/landlord-store.ts';
import type { OfferStore } from '#offers/offer-store.ts';
import { importObjectKey, type ImportFiles } from './import-files.ts';
import type { ImportOfferStore } from './import-offers.ts';
import type { ImportRules } from './import-rules.ts';
import {
  noCounts,
  type ImportListQuery,
  type ImportPage,
  type ImportRequest,
  type ImportUpload,
  type ImportView,
} from './import-schemas.ts';
import type { ImportJob, ImportStore } from './import-store.ts';

/** What imports run with: the landlord's requests and reads (here), and the run of an uploaded file (`import-uploads.ts`). */
export interface ImportDeps {
  readonly imports: ImportStore;
  readonly offers: ImportOfferStore;
  /** Drafts are replaced through the offer store's own conditional write. */
  readonly drafts: Pick<OfferStore, 'replaceDraft'>;
  readonly landlords: Pick<LandlordStore, 'get'>;
  readonly files: ImportFiles;
  /** Publishes an offer as `POST /landlord/offers/{id}/publish` does (starting its lifecycle). */
  readonly publish: (offerId: string, caller: Principal) => Promise<unknown>;
  readonly rules: ImportRules;
  readonly now: () => Date;
  readonly newId: () => string;
}

/** What the landlord's routes read: no run, hence no S3 client (only links signed without it). */
export type ImportRouteDeps = Pick<ImportDeps, 'imports' | 'rules' | 'now' | 'newId'> & {
  readonly files: Pick<ImportFiles, 'presignUpload' | 'presignReport'>;
};

/** The landlord organisation the caller acts for, from its token's `custom:landlordId`. */
function landlordOf(caller: Principal): string {
  if (!caller.landlordId) throw new ForbiddenError('Votre compte n’est rattaché à aucun bailleur.');
  return caller.landlordId;
}

/**
 * A landlord asks to upload an offer file.
 * 1. The caller's organisation comes from its token (403 without one).
 * 2. A new import id, and the file's key under the landlord's own prefix.
 * 3. The import is recorded as awaiting its upload (forgotten after a day if none comes).
 * 4. A presigned PUT for that key, the format's content type and the declared size (at most the
 *    limit, checked by the schema), valid 15 minutes.
 */
export async function requestImport(deps: ImportRouteDeps, input: ImportRequest, caller: Principal): Promise<ImportUpload> {
  const landlordId = landlordOf(caller);
  const now = deps.now();
  const importId = deps.newId();
  const objectKey = importObjectKey(landlordId, importId, input.format);
  const upload = await deps.files.presignUpload(objectKey, input.format, input.sizeBytes, deps.rules.uploadUrlSeconds);
  await deps.imports.createPending(
    {
      landlordId,
      importId,
      format: input.format,
      objectKey,
      filename: input.filename,
      status: 'AWAITING_UPLOAD',
      createdAt: now.toISOString(),
      requestedBy: caller.userId,
      progress: { rowsDone: 0 },
      counts: noCounts,
      errors: [],
      errorCount: 0,
    },
    new Date(now.getTime() + deps.rules.pendingImportSeconds * 1000),
  );
  return {
    importId,
    status: 'AWAITING_UPLOAD',
    objectKey,
    upload: { method: 'PUT', ...upload, expiresAt: new Date(now.getTime() + deps.rules.uploadUrlSeconds * 1000).toISOString() },
    maxSizeBytes: deps.rules.maxFileBytes,
  };
}

const summaryOf = (job: ImportJob) => ({
  importId: job.importId,
  format: job.format,
  filename: job.filename,
  status: job.status,
  createdAt: job.createdAt,
  receivedAt: job.receivedAt,
  finishedAt: job.finishedAt,
  sizeBytes: job.sizeBytes,
  progress: job.progress,
  counts: job.counts,
  failure: job.failure,
  errorCount: job.errorCount,
});

/**
 * One of the landlord's imports: status, progress, counts, the first row errors and, once
 * finished, a link to the whole report. Imports live in the landlord's partition: another
 * landlord's import id is simply not found (404).
 */
export async function getImport(deps: ImportRouteDeps, importId: string, caller: Principal): Promise<ImportView> {
  const job = await deps.imports.get(landlordOf(caller), importId);
  if (!job) throw new NotFoundError('Aucun import ne porte cet identifiant.');
  const reportUrl = job.reportKey ? await deps.files.presignReport(job.reportKey, deps.rules.reportUrlSeconds) : undefined;
  return { ...summaryOf(job), errors: job.errors, reportUrl };
}

/** The landlord's imports, newest first, one page at a time (one Query on GSI2 in its partition). */
export async function listImports(deps: ImportRouteDeps, query: ImportListQuery, caller: Principal): Promise<ImportPage> {
  const landlordId = landlordOf(caller);
  const page = await readPage(query.cursor, () => deps.imports.listByLandlord(landlordId, query.limit, query.cursor));
  return { imports: page.imports.map(summaryOf), cursor: page.cursor ? encodeCursor(page.cursor) : undefined };
}
