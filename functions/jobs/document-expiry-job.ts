import { currentDocuments } from '#housing-file/completeness.ts';
import type { DocumentRules } from '#housing-file/document-rules.ts';
import type { DocumentStore } from '#housing-file/document-store.ts';
import type { EmployeeStore } from '#identity/employee-store.ts';
import { newNotification } from '#notifications/outbox.ts';
import { addDays, addMonths, calendarDayIn, frenchDate } from '#shared/calendar.ts';
import { errorName, logger } from '#shared/powertools.ts';
import type { DocumentExpiryStore, ExpiringDocument } from './document-expiry-store.ts';
import type { JobRunStore } from './job-run-store.ts';
import { recordedRun, stopMarginMs, type TimeLeft } from './scheduled-job.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export const documentExpiryJobId = 'documentExpiry';

/** The reminder goes out this many days before a required document stops counting. */
const documentReminderDays = 14;

export interface DocumentExpiryDeps {
  readonly expiries: DocumentExpiryStore;
  readonly documents: Pick<DocumentStore, 'list'>;
  readonly employees: Pick<EmployeeStore, 'get'>;
  readonly runs: JobRunStore;
  readonly rules: DocumentRules;
  /** Base URL of the web app, for the link to the employee's documents. */
  readonly appUrl: string;
}

export interface DocumentExpiryCounts {
  examined: number;
  reminders: number;
  /** A newer document of the same type was received since: nothing to remind. */
  superseded: number;
  errors: number;
  incomplete: boolean;
}

/** The `yyyy-mm` months from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let day = `${from.slice(0, 7)}-01`; day.slice(0, 7) <= to.slice(0, 7); day = addMonths(day, 1)) months.push(day.slice(0, 7));
  return months;
}

/**
 * The daily document-expiry reminder (issue #13 item 5): a required document (payslips, tax
 * notice, employer attestation, NUD certificate) about to stop counting is announced to the
 * employee before the file turns incomplete.
 * 1. Record the run as started.
 * 2. Read the expiry index (GSI3 `DOC_EXPIRY#<yyyy-mm>`, paged, no Scan) for documents that
 *    stop counting from tomorrow to `documentReminderDays` ahead: a missed day still reminds,
 *    while the document counts.
 * 3. Skip one already reminded for this expiry, or superseded by a newer document of its type
 *    (the employee's documents, one Query); else one transaction marks the document and queues
 *    the e-mail, conditioned on the mark not being there: never the same reminder twice.
 * 4. Stop close to the deadline (the next run continues); record the counts.
 */
export async function runDocumentExpiry(
  deps: DocumentExpiryDeps,
  now: Date,
  timeLeft: TimeLeft = () => Infinity,
): Promise<DocumentExpiryCounts> {
  const counts: DocumentExpiryCounts = { examined: 0, reminders: 0, superseded: 0, errors: 0, incomplete: false };
  const today = calendarDayIn(deps.rules.timeZone, now);
  const from = addDays(today, 1);
  const to = addDays(today, documentReminderDays);
  return recordedRun(deps.runs, documentExpiryJobId, now, counts, async () => {
    months: for (const month of monthsBetween(from, to)) {
      let cursor: Record<string, unknown> | undefined;
      do {
        if (timeLeft() < stopMarginMs) {
          counts.incomplete = true;
          break months;
        }
        const page = await deps.expiries.expiringPage(month, from, to, cursor);
        counts.examined += page.documents.length + page.unreadable;
        counts.errors += page.unreadable;
        for (const document of page.documents) {
          if (document.reminderSentFor === document.expiresOn) continue;
          try {
            await remindOf(deps, document, now, counts);
          } catch (error) {
            counts.errors += 1;
            logger.warn('Document expiry not handled', { employeeId: document.employeeId, errorName: errorName(error) });
          }
        }
        cursor = page.cursor;
      } while (cursor);
    }
  });
}

async function remindOf(deps: DocumentExpiryDeps, document: ExpiringDocument, now: Date, counts: DocumentExpiryCounts) {
  const [documents, employee] = await Promise.all([deps.documents.list(document.employeeId), deps.employees.get(document.employeeId)]);
  if (currentDocuments(documents).get(document.type)?.documentId !== document.documentId) {
    counts.superseded += 1;
    return;
  }
  if (!employee) return;
  const notification = newNotification({
    template: 'document-expiring',
    to: employee.email,
    params: {
      firstName: employee.firstName,
      document: deps.rules.types[document.type].label,
      receivedOn: frenchDate(calendarDayIn(deps.rules.timeZone, new Date(document.receivedAt))),
      expiresOn: frenchDate(document.expiresOn),
      link: pageUrl(deps.appUrl, pagePath(pagePaths.documents)),
    },
    createdAt: now.toISOString(),
  });
  if (await deps.expiries.remind(document, notification)) counts.reminders += 1;
}
