import type { Principal } from '#shared/auth.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '#shared/errors.ts';
import { encodeCursor } from '#shared/page-cursor.ts';
import type { LandlordStore } from '#landlords/landlord-store.ts';
import { offerFieldSchemas } from '#offers/offer-schemas.ts';
import { OfferChangedMeanwhile, type Offer, type OfferStore } from '#offers/offer-store.ts';
import { mapLimit } from '#shared/bounded.ts';
import { importObjectKey, importReportKey, type ImportFiles } from './import-files.ts';
import type { ImportOfferStore } from './import-offers.ts';
import { ImportFileError, readRows, type RowError } from './import-rows.ts';
import type { ImportRules } from './import-rules.ts';
import {
  noCounts,
  type ImportCounts,
  type ImportListQuery,
  type ImportPage,
  type ImportRequest,
  type ImportUpload,
  type ImportView,
} from './import-schemas.ts';
import { ImportSuperseded, type ImportJob, type ImportStore, type ReceivedUpload } from './import-store.ts';
import { validateRow, type ValidRow } from './import-validation.ts';

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
 * 4. A presigned PUT for that key and the format's content type, valid 15 minutes.
 */
export async function requestImport(deps: ImportDeps, input: ImportRequest, caller: Principal): Promise<ImportUpload> {
  const landlordId = landlordOf(caller);
  const now = deps.now();
  const importId = deps.newId();
  const objectKey = importObjectKey(landlordId, importId, input.format);
  const upload = await deps.files.presignUpload(objectKey, input.format, deps.rules.uploadUrlSeconds);
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
export async function getImport(deps: ImportDeps, importId: string, caller: Principal): Promise<ImportView> {
  const job = await deps.imports.get(landlordOf(caller), importId);
  if (!job) throw new NotFoundError('Aucun import ne porte cet identifiant.');
  const reportUrl = job.reportKey ? await deps.files.presignReport(job.reportKey, deps.rules.reportUrlSeconds) : undefined;
  return { ...summaryOf(job), errors: job.errors, reportUrl };
}

/** The landlord's imports, newest first, one page at a time (one Query on GSI2 in its partition). */
export async function listImports(deps: ImportDeps, query: ImportListQuery, caller: Principal): Promise<ImportPage> {
  const landlordId = landlordOf(caller);
  const page = await deps.imports.listByLandlord(landlordId, query.limit, query.cursor).catch((error: unknown) => {
    if (query.cursor && error instanceof Error && error.name === 'ValidationException') {
      throw new ValidationError([{ field: 'query.cursor', message: 'Curseur de pagination invalide.' }]);
    }
    throw error;
  });
  return { imports: page.imports.map(summaryOf), cursor: page.cursor ? encodeCursor(page.cursor) : undefined };
}

export type ReceiveOutcome = 'imported' | 'failed' | 'replayed' | 'superseded' | 'unowned';

/**
 * A file arrived under `imports/<landlordId>/`.
 * 1. The upload becomes the import's current one, unless this very upload was already taken
 *    (an event delivered twice: nothing more happens) or a later upload of the key was.
 *    A prefix no landlord owns: the file is recorded (RECEIVED) and not imported.
 * 2. The file is imported (`importFile`) under a lease as long as the invocation may run: a
 *    retried event resumes a run that died, and never doubles a live one.
 */
export async function receiveUpload(deps: ImportDeps, upload: ReceivedUpload, remainingMs: number): Promise<ReceiveOutcome> {
  const landlord = await deps.landlords.get(upload.landlordId);
  const leaseUntil = new Date(deps.now().getTime() + remainingMs).toISOString();
  const claim = await deps.imports.claimUpload(upload, landlord ? 'IMPORTING' : 'RECEIVED', leaseUntil);
  if (claim !== 'claimed') return claim;
  if (!landlord) return 'unowned';
  const job = await deps.imports.get(upload.landlordId, upload.importId);
  if (!job || job.uploadId !== upload.uploadId) return 'superseded';
  try {
    return await importFile(deps, job);
  } catch (error) {
    if (error instanceof ImportSuperseded) return 'superseded';
    throw error;
  }
}

/** What happened to one row. */
type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/**
 * Imports one file.
 * 1. Too large: refused whole, nothing read.
 * 2. Every row is read (streamed) and checked with the offer API's rules; a reference twice in
 *    the file refuses each of its rows. A file unreadable as a whole (empty, not UTF-8, missing
 *    or unknown columns, not CSV/JSON, too many rows) is refused before any write.
 * 3. The valid rows are written by chunks: each chunk reads its references' offers in batches,
 *    creates the new ones (references claimed in transactions, offers batch-written), replaces
 *    the changed drafts (conditional), refuses changes to published offers, then publishes the
 *    rows marked so. Progress is saved after each chunk.
 * 4. The report (counts and every row error) is written next to the file, and the import
 *    record holds the counts and the first errors.
 */
export async function importFile(deps: ImportDeps, job: ImportJob): Promise<'imported' | 'failed'> {
  const counts: { -readonly [K in keyof ImportCounts]: ImportCounts[K] } = { ...noCounts };
  const errors: RowError[] = [];
  const finish = async (failure?: ImportFileError) => {
    errors.sort((a, b) => a.line - b.line);
    const finishedAt = deps.now().toISOString();
    const status = failure ? ('FAILED' as const) : ('DONE' as const);
    const reportKey = importReportKey(job.landlordId, job.importId);
    const failureView = failure ? { code: failure.code, message: failure.message } : undefined;
    await deps.files.writeReport(reportKey, {
      importId: job.importId,
      landlordId: job.landlordId,
      objectKey: job.objectKey,
      filename: job.filename,
      format: job.format,
      status,
      receivedAt: job.receivedAt ?? job.createdAt,
      finishedAt,
      counts,
      failure: failureView,
      errors,
    });
    await deps.imports.finish(job, {
      status,
      progress: { rowsDone: failure ? 0 : counts.read, rowsTotal: counts.read },
      counts,
      errors: errors.slice(0, deps.rules.errorsOnRecord),
      errorCount: errors.length,
      failure: failureView,
      reportKey,
      finishedAt,
    });
    return failure ? ('failed' as const) : ('imported' as const);
  };

  if ((job.sizeBytes ?? 0) > deps.rules.maxFileBytes) {
    const limit = Math.round(deps.rules.maxFileBytes / 1024 / 1024);
    return finish(new ImportFileError('TOO_LARGE', `Le fichier dépasse la taille maximale de ${limit} Mio : découpez-le en plusieurs fichiers.`));
  }

  let rows: ValidRow[];
  try {
    rows = await readValidRows(deps, job, counts, errors);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    errors.length = 0;
    Object.assign(counts, noCounts);
    return finish(error);
  }
  await deps.imports.saveProgress(job, { rowsDone: counts.rejected, rowsTotal: counts.read }, counts);

  const caller: Principal = { userId: job.requestedBy ?? `import:${job.importId}`, roles: ['landlord'], landlordId: job.landlordId };
  for (let start = 0; start < rows.length; start += deps.rules.chunkRows) {
    const chunk = rows.slice(start, start + deps.rules.chunkRows);
    const outcomes = await writeChunk(deps, job.landlordId, chunk, caller, errors);
    for (const outcome of outcomes) {
      if (outcome.result === 'rejected') counts.rejected += 1;
      else counts[outcome.result] += 1;
      if (outcome.published) counts.published += 1;
    }
    const done = counts.created + counts.updated + counts.unchanged + counts.rejected;
    await deps.imports.saveProgress(job, { rowsDone: done, rowsTotal: counts.read }, counts);
  }
  return finish();
}

/** Step 2: reads and checks every row; returns the valid ones, counting and recording the others. */
async function readValidRows(deps: ImportDeps, job: ImportJob, counts: { read: number; rejected: number }, errors: RowError[]): Promise<ValidRow[]> {
  const valid: ValidRow[] = [];
  const linesByReference = new Map<string, number[]>();
  for await (const row of readRows(job.format, deps.files.read(job.objectKey))) {
    counts.read += 1;
    if (counts.read > deps.rules.maxRows) {
      throw new ImportFileError('TOO_MANY_ROWS', `Le fichier contient plus de ${deps.rules.maxRows} offres : découpez-le en plusieurs fichiers.`);
    }
    const checked = validateRow(row);
    if (!checked.valid) {
      counts.rejected += 1;
      errors.push(...checked.errors);
      continue;
    }
    valid.push(checked.valid);
    const lines = linesByReference.get(checked.valid.externalReference);
    if (lines) lines.push(row.line);
    else linesByReference.set(checked.valid.externalReference, [row.line]);
  }
  return valid.filter((row) => {
    const lines = linesByReference.get(row.externalReference)!;
    if (lines.length === 1) return true;
    counts.rejected += 1;
    const others = lines.filter((line) => line !== row.line).join(', ');
    errors.push({
      line: row.line,
      externalReference: row.externalReference,
      field: 'externalReference',
      message: `Référence externe en double dans le fichier (aussi ligne${others.includes(',') ? 's' : ''} ${others}) : aucune de ces lignes n’est importée.`,
    });
    return false;
  });
}

const comparedFields = [...Object.keys(offerFieldSchemas), 'department', 'communeName'] as const;

/** True when the offer already says exactly what the row says (a missing cell means the field is absent). */
function sameFields(offer: Offer, row: ValidRow): boolean {
  const stored = offer as Record<string, unknown>;
  const wanted = row.fields as Record<string, unknown>;
  return comparedFields.every((name) => JSON.stringify(stored[name]) === JSON.stringify(wanted[name]));
}

/** `updatedAt` is the drafts' optimistic-lock version: it must change on every write, even within a millisecond. */
function laterThan(now: Date, previous: string): string {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}

const publishedMessage = 'Offre déjà publiée : elle ne peut plus être modifiée (ligne ignorée).';

/** Step 3 for one chunk of valid rows: what happened to each, in order. */
async function writeChunk(
  deps: ImportDeps,
  landlordId: string,
  rows: readonly ValidRow[],
  caller: Principal,
  errors: RowError[],
): Promise<{ result: RowOutcome; published: boolean }[]> {
  const now = deps.now();
  const results = new Map<ValidRow, { result: RowOutcome; offerId?: string; draft?: boolean }>();
  const reject = (row: ValidRow, message: string, field?: string) => {
    errors.push({ line: row.line, externalReference: row.externalReference, field, message });
    results.set(row, { result: 'rejected' });
  };

  /** Brings an existing offer to what the row says: nothing, a replaced draft, or a refusal. */
  const reconcile = async (row: ValidRow, current: Offer): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      if (sameFields(current, row)) {
        results.set(row, { result: 'unchanged', offerId: current.offerId, draft: current.status === 'DRAFT' });
        return;
      }
      if (current.status !== 'DRAFT') return reject(row, publishedMessage);
      const { offerId, landlordId: owner, externalReference, createdAt, createdBy, applicantCount } = current;
      const next: Offer = {
        ...row.fields,
        offerId,
        landlordId: owner,
        status: 'DRAFT',
        externalReference,
        createdAt,
        createdBy,
        updatedAt: laterThan(now, current.updatedAt),
        applicantCount,
      };
      try {
        await deps.drafts.replaceDraft(next, current.updatedAt);
        results.set(row, { result: 'updated', offerId, draft: true });
        return;
      } catch (error) {
        if (!(error instanceof OfferChangedMeanwhile)) throw error;
        if (!error.current || attempt >= 2) return reject(row, 'L’offre a été modifiée pendant l’import : réimportez le fichier.');
        current = error.current;
      }
    }
  };

  // Read the references' offers, then sort the rows: new, existing, or claimed by another writer.
  let found = await deps.offers.findByReferences(landlordId, rows.map((row) => row.externalReference));
  const fresh: { row: ValidRow; offer: Offer }[] = [];
  const existing: { row: ValidRow; offer: Offer }[] = [];
  let waiting: ValidRow[] = [];
  for (const row of rows) {
    const referenced = found.get(row.externalReference);
    if (!referenced) {
      const offer: Offer = {
        ...row.fields,
        offerId: deps.newId(),
        landlordId,
        status: 'DRAFT',
        externalReference: row.externalReference,
        createdAt: now.toISOString(),
        createdBy: caller.userId,
        updatedAt: now.toISOString(),
        applicantCount: 0,
      };
      fresh.push({ row, offer });
    } else if (referenced.offer) existing.push({ row, offer: referenced.offer });
    else waiting.push(row);
  }

  // New offers: claim their references (a reference taken meanwhile is read again), then write them.
  const held = await deps.offers.claimReferences(
    landlordId,
    fresh.map(({ offer }) => ({ externalReference: offer.externalReference, offerId: offer.offerId })),
  );
  const claimed = fresh.filter(({ row }) => !held.has(row.externalReference));
  await deps.offers.putNewOffers(claimed.map(({ offer }) => offer));
  for (const { row, offer } of claimed) results.set(row, { result: 'created', offerId: offer.offerId, draft: true });
  waiting.push(...fresh.filter(({ row }) => held.has(row.externalReference)).map(({ row }) => row));

  await mapLimit(existing, deps.rules.concurrency, ({ row, offer }) => reconcile(row, offer));

  // References another writer claimed: its offer appears once it is written; one that never
  // appears (a writer that died in between) is written here, with the id its guard names.
  const deadline = Date.now() + deps.rules.claimedOfferWaitMs;
  for (let pause = 50; waiting.length > 0; pause = Math.min(pause * 2, 500)) {
    found = await deps.offers.findByReferences(landlordId, waiting.map((row) => row.externalReference));
    const stillWaiting: ValidRow[] = [];
    await mapLimit(waiting, deps.rules.concurrency, async (row) => {
      const referenced = found.get(row.externalReference);
      if (referenced?.offer) return reconcile(row, referenced.offer);
      if (referenced && Date.now() > deadline) {
        const offer: Offer = {
          ...row.fields,
          offerId: referenced.offerId,
          landlordId,
          status: 'DRAFT',
          externalReference: row.externalReference,
          createdAt: now.toISOString(),
          createdBy: caller.userId,
          updatedAt: now.toISOString(),
          applicantCount: 0,
        };
        await deps.offers.putNewOffers([offer]);
        results.set(row, { result: 'created', offerId: offer.offerId, draft: true });
        return;
      }
      stillWaiting.push(row);
    });
    waiting = stillWaiting;
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }

  // Publication, as the publish route does it (and so starting the offer's lifecycle).
  const published = new Set<ValidRow>();
  await mapLimit(rows, deps.rules.concurrency, async (row) => {
    const result = results.get(row);
    if (!row.publish || !result?.offerId || !result.draft) return;
    try {
      await deps.publish(result.offerId, caller);
      published.add(row);
    } catch (error) {
      if (!(error instanceof Error) || !('statusCode' in error) || Number(error.statusCode) >= 500) throw error;
      errors.push({ line: row.line, externalReference: row.externalReference, field: 'publish', message: `Offre enregistrée en brouillon, non publiée : ${error.message}` });
    }
  });
  return rows.map((row) => ({ result: results.get(row)?.result ?? 'rejected', published: published.has(row) }));
}
