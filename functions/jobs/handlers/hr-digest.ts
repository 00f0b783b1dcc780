import { hrDigestDeps } from '../hr-digest-deps.ts';
import { runHrDigest } from '../hr-digest-job.ts';
import { scheduledJobHandler } from '../scheduled-job.ts';

/** The daily HR digest schedule (`hrDigest` in the schedule table). */
export const handler = scheduledJobHandler('HrDigest', (now, timeLeft) => runHrDigest(hrDigestDeps, now, timeLeft));
