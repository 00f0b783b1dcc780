import { scheduledJobHandler } from '#jobs/scheduled-job.ts';
import { newOfferAlertsDeps } from '../new-offer-alerts-deps.ts';
import { runNewOfferAlerts } from '../new-offer-alerts-job.ts';

/** The daily new-offer digest (`newOfferAlerts` in the schedule table). */
export const handler = scheduledJobHandler('NewOfferAlerts', (now, timeLeft) => runNewOfferAlerts(newOfferAlertsDeps, now, timeLeft));
