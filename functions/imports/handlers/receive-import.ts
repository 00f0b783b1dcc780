import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { importDeps } from '../import-deps.ts';
import { receiveImports, type ReceiveCounts } from '../import-uploads.ts';

/** S3 object-created under `imports/`: imports the offer files. Logs counts only, never file contents. */
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
