import { nudExpiryDeps } from '../nud-expiry-deps.ts';
import { runNudExpiry } from '../nud-expiry-job.ts';
import { scheduledJobHandler } from '../scheduled-job.ts';

/** The daily NUD-expiry schedule (`nudExpiry` in the schedule table). */
export const handler = scheduledJobHandler('NudExpiry', (now, timeLeft) => runNudExpiry(nudExpiryDeps, now, timeLeft));
