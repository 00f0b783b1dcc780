import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { importDeps } from '../import-deps.ts';
import { parseImportKey } from '../import-files.ts';
import { uploadIdOf } from '../import-store.ts';
import { receiveUpload, type ImportDeps, type ReceiveOutcome } from '../import-use-cases.ts';

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

/** S3 object-created under `imports/`. Logs counts only, never file contents. */
export const handler = middy<S3Event, ReceiveCounts>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (event, context) => {
    const counts = await receiveImports(importDeps, event, () => context.getRemainingTimeInMillis());
    metrics.addMetric('ImportFilesImported', 'Count', counts.imported);
    if (counts.failed > 0) metrics.addMetric('ImportFilesFailed', 'Count', counts.failed);
    if (counts.unowned > 0) logger.warn('Import file under a prefix no landlord owns', { unowned: counts.unowned });
    logger.info('Import files received', { ...counts });
    return counts;
  });
