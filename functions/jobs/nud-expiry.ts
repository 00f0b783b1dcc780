import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { logger, metrics, publishMetrics } from '#shared/powertools.ts';
import { nudExpiryDeps } from './nud-expiry-deps.ts';
import { runNudExpiry, type NudExpiryCounts } from './nud-expiry-job.ts';

/** The daily NUD-expiry schedule (`nudExpiry` in the schedule table). */
export const handler = middy<ScheduledEvent, NudExpiryCounts>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(publishMetrics())
  .handler(async (_event, context) => {
    const counts = await runNudExpiry(nudExpiryDeps, new Date(), () => context.getRemainingTimeInMillis());
    metrics.addMetric('NudExpiryExamined', 'Count', counts.examined);
    metrics.addMetric('NudExpiryReminders30', 'Count', counts.reminders30);
    metrics.addMetric('NudExpiryReminders7', 'Count', counts.reminders7);
    metrics.addMetric('NudExpiryExpired', 'Count', counts.expired);
    metrics.addMetric('NudExpiryErrors', 'Count', counts.errors);
    metrics.addMetric('NudExpiryIncomplete', 'Count', counts.incomplete ? 1 : 0);
    logger.info('NUD expiry run', { ...counts });
    return counts;
  });
