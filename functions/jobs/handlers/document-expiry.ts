import { documentExpiryDeps } from '../document-expiry-deps.ts';
import { runDocumentExpiry } from '../document-expiry-job.ts';
import { scheduledJobHandler } from '../scheduled-job.ts';

/** The daily document-expiry reminder (`documentExpiry` in the schedule table). */
export const handler = scheduledJobHandler('DocumentExpiry', (now, timeLeft) => runDocumentExpiry(documentExpiryDeps, now, timeLeft));
