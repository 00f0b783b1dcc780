import { newNotification } from '#notifications/outbox.ts';
import { calendarDayIn, frenchDate, timeZone } from '#shared/calendar.ts';
import { errorName, logger } from '#shared/powertools.ts';
import type { AwaitingEmployee, HrDigestStore } from './hr-digest-store.ts';
import type { JobRunStore } from './job-run-store.ts';
import { recordedRun, stopMarginMs, type TimeLeft } from './scheduled-job.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export const hrDigestJobId = 'hrDigest';

/** DynamoDB's limit of items in one transaction: the digest marker, the e-mails and the employees share it. */
const maxTransactionItems = 100;

export interface HrDigestDeps {
  readonly digests: HrDigestStore;
  readonly runs: JobRunStore;
  /** Base URL of the web app, for the link to the company's employee list. */
  readonly appUrl: string;
}

export interface HrDigestCounts {
  /** Employees read from the index (unreadable ones included). */
  examined: number;
  /** Employees the digests told their company about. */
  told: number;
  /** E-mails queued (one per HR user of each company told). */
  emails: number;
  /** Companies with employees waiting but no HR user to tell: they stay waiting. */
  withoutHr: number;
  errors: number;
  incomplete: boolean;
}

const employeeLine = (employee: AwaitingEmployee) =>
  `- ${employee.firstName} ${employee.lastName}, inscrit(e) le ${frenchDate(calendarDayIn(timeZone, new Date(employee.registeredAt)))}`;

/**
 * The daily HR digest (issue #13 item 5): each company's HR is told, at most once a day, of the
 * employees who registered and await the confirmation of their employment.
 * 1. Record the run as started.
 * 2. Read the employees HR was not told about (GSI1 `EMPLOYMENT#AWAITING_HR`, paged, no Scan),
 *    grouped by company.
 * 3. For each company: its HR users (none: left waiting for a later run); one e-mail to each,
 *    listing the employees; in one transaction with the company's marker for today (a second run
 *    the same day sends nothing) and the employees taken out of the index. A company with more
 *    employees than a transaction holds has the rest in the next day's digest.
 * 4. Stop taking companies close to the deadline (the next run continues); record the counts.
 */
export async function runHrDigest(deps: HrDigestDeps, now: Date, timeLeft: TimeLeft = () => Infinity): Promise<HrDigestCounts> {
  const counts: HrDigestCounts = { examined: 0, told: 0, emails: 0, withoutHr: 0, errors: 0, incomplete: false };
  const today = calendarDayIn(timeZone, now);
  return recordedRun(deps.runs, hrDigestJobId, now, counts, async () => {
    const byCompany = new Map<string, AwaitingEmployee[]>();
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await deps.digests.awaitingPage(cursor);
      counts.examined += page.employees.length + page.unreadable;
      counts.errors += page.unreadable;
      for (const employee of page.employees) byCompany.set(employee.siret, [...(byCompany.get(employee.siret) ?? []), employee]);
      cursor = page.cursor;
    } while (cursor && timeLeft() >= stopMarginMs);
    if (cursor) counts.incomplete = true;

    for (const [siret, employees] of byCompany) {
      if (timeLeft() < stopMarginMs) {
        counts.incomplete = true;
        break;
      }
      try {
        const recipients = await deps.digests.hrUsersOf(siret);
        if (recipients.length === 0) {
          counts.withoutHr += 1;
          continue;
        }
        const listed = employees.slice(0, Math.max(1, maxTransactionItems - 1 - recipients.length));
        const at = now.toISOString();
        const notifications = recipients.map((to) =>
          newNotification({
            template: 'hr-employees-pending',
            to,
            params: {
              count: String(listed.length),
              employees: listed.map(employeeLine).join('\n'),
              link: pageUrl(deps.appUrl, pagePath(pagePaths.hrEmployees)),
            },
            createdAt: at,
          }),
        );
        if (await deps.digests.tell(siret, today, listed, notifications, at)) {
          counts.told += listed.length;
          counts.emails += notifications.length;
        }
      } catch (error) {
        counts.errors += 1;
        logger.warn('HR digest not sent', { errorName: errorName(error) });
      }
    }
  });
}
