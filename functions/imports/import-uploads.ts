import type { S3Event } from 'aws-lambda';
import type { ImportDeps } from './import-use-cases.ts';
import { parseImportKey } from './import-files.ts';
import { importFile } from './import-run.ts';
import { ImportSuperseded, uploadIdOf, type ReceivedUpload } from './import-store.ts';

type ReceiveOutcome = 'imported' | 'failed' | 'replayed' | 'superseded' | 'unowned';
export type ReceiveCounts = Record<ReceiveOutcome | 'ignored', number>;

/**
 * Offer files arrived in S3.
 * 1. Decode each object key (S3 URL-encodes it, spaces as `+`) into landlord, import id and
 *    format; a key of another shape (a report, a stray file) is ignored.
 * 2. Name the upload by the event's sequencer and ETag: a redelivered event is the same upload,
 *    a corrected file re-uploaded under the same name a new one.
 * 3. Receive and import it (`receiveUpload`), while the invocation has time.
 */
export async function receiveImports(deps: ImportDeps, event: S3Event, remainingMs: () => number): Promise<ReceiveCounts> {
  const counts: ReceiveCounts = { imported: 0, failed: 0, replayed: 0, superseded: 0, unowned: 0, ignored: 0 };
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const parsed = parseImportKey(key);
    if (!parsed) {
      counts.ignored += 1;
      continue;
    }
    const outcome = await receiveUpload(
      deps,
      {
        ...parsed,
        sizeBytes: record.s3.object.size,
        uploadId: uploadIdOf(record.s3.object.sequencer, record.s3.object.eTag),
        receivedAt: deps.now().toISOString(),
      },
      remainingMs(),
    );
    counts[outcome] += 1;
  }
  return counts;
}

/**
 * A file arrived under `imports/<landlordId>/`.
 * 1. The upload becomes the import's current one, unless this very upload was already taken
 *    (an event delivered twice: nothing more happens) or a later upload of the key was.
 *    A prefix no landlord owns: the file is recorded (RECEIVED) and not imported.
 * 2. The file is imported (`importFile`) under a lease as long as the invocation may run: a
 *    retried event resumes a run that died, and never doubles a live one.
 */
async function receiveUpload(deps: ImportDeps, upload: ReceivedUpload, remainingMs: number): Promise<ReceiveOutcome> {
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
