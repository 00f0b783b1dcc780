import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { documentDeps } from '../document-deps.ts';
import { recordDocumentsReceived, type ReceiptCounts } from '../document-use-cases.ts';

/** S3 object-created under `documents/`: marks the uploaded documents received. Logs counts only. */
export const handler = middy<S3Event, ReceiptCounts>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (event) => {
    const counts = await recordDocumentsReceived(documentDeps, event);
    metrics.addMetric('DocumentsReceived', 'Count', counts.recorded);
    if (counts.rejected > 0) metrics.addMetric('DocumentsRejected', 'Count', counts.rejected);
    logger.info('Documents received', { ...counts });
    return counts;
  });
