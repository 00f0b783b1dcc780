import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { newOfferAlertsDeps } from './new-offer-alerts-deps.ts';
import { runNewOfferAlerts, type NewOfferAlertsCounts } from './new-offer-alerts-job.ts';

/** The daily new-offer digest (`newOfferAlerts` in the schedule table). */
export const handler = middy<ScheduledEvent, NewOfferAlertsCounts>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (_event, context) => {
    const counts = await runNewOfferAlerts(newOfferAlertsDeps, new Date(), () => context.getRemainingTimeInMillis());
    metrics.addMetric('NewOfferAlertsExamined', 'Count', counts.examined);
    metrics.addMetric('NewOfferAlertsDigests', 'Count', counts.digests);
    metrics.addMetric('NewOfferAlertsOffersSent', 'Count', counts.offersSent);
    metrics.addMetric('NewOfferAlertsNothingNew', 'Count', counts.nothingNew);
    metrics.addMetric('NewOfferAlertsOrphans', 'Count', counts.orphans);
    metrics.addMetric('NewOfferAlertsErrors', 'Count', counts.errors);
    metrics.addMetric('NewOfferAlertsIncomplete', 'Count', counts.incomplete ? 1 : 0);
    logger.info('New-offer alerts run', { ...counts });
    return counts;
  });
