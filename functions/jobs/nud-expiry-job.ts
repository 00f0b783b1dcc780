import { nudValidity } from '#housing-file/nud-validity.ts';
import { nudExpiryIndexKey } from '#housing-file/situation-store.ts';
import type { SituationRules } from '#housing-file/situation-rules.ts';
import { newNotification, type TemplateName } from '#notifications/outbox.ts';
import { addDays, addMonths, calendarDayIn, daysBetween, frenchDate, type CalendarDate } from '#shared/calendar.ts';
import { errorName, logger } from '#shared/powertools.ts';
import type { JobRunStore } from './job-run-store.ts';
import { recordedRun, stopMarginMs, type TimeLeft } from './scheduled-job.ts';
import type { NudExpiryCandidate, NudExpiryStore, NudMarker } from './nud-expiry-store.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

export const nudExpiryJobId = 'nudExpiry';

/** The last reminder goes out this many days before expiry (the first: `rules.nudReminderDays`). */
const finalReminderDays = 7;

/**
 * Expiries up to this many months back are still marked: a run that failed or was skipped for a
 * few weeks catches up; older expiries (NUDs declared already long expired) are left alone, since
 * validity is derived from the dates anyway and the employee sees it on "Ma situation".
 */
const lookBackMonths = 1;

export interface NudExpiryDeps {
  readonly expiries: NudExpiryStore;
  readonly runs: JobRunStore;
  readonly rules: SituationRules;
  /** Base URL of the web app, for the link to "Ma situation" in the e-mails. */
  readonly appUrl: string;
}

export interface NudExpiryCounts {
  examined: number;
  reminders30: number;
  reminders7: number;
  expired: number;
  errors: number;
  /** The run stopped before its deadline with work left: the next run continues (every step is idempotent). */
  incomplete: boolean;
}

/** The `yyyy-mm` months from `from` to `to`, both included. */
function monthsBetween(from: CalendarDate, to: CalendarDate): string[] {
  const months: string[] = [];
  for (let day = `${from.slice(0, 7)}-01`; day.slice(0, 7) <= to.slice(0, 7); day = addMonths(day, 1)) months.push(day.slice(0, 7));
  return months;
}

/** What is due for one employee today, if anything: the marker to set and the e-mail to send. */
export function dueAction(
  candidate: NudExpiryCandidate,
  today: CalendarDate,
  now: Date,
  rules: SituationRules,
): { marker: NudMarker; template: TemplateName; expiresOn: CalendarDate; daysLeft: number } | undefined {
  const validity = nudValidity(candidate.nudDates, now, rules);
  if (validity.status === 'unknown') return undefined;
  const { expiresOn } = validity;
  // The index entry must be the one of the current dates; a stale entry is left to the writer.
  if (nudExpiryIndexKey(expiresOn, candidate.employee.id).GSI3SK !== candidate.indexSortKey) return undefined;
  const daysLeft = daysBetween(today, expiresOn);
  const due = (marker: NudMarker, template: TemplateName) =>
    candidate.markers[marker] === expiresOn ? undefined : { marker, template, expiresOn, daysLeft };
  if (!validity.valid) return due('nudExpiredOn', 'nud-expired');
  // A missed day still sends the reminder of the window the NUD is in, never one already past.
  if (daysLeft <= finalReminderDays) return due('nudReminder7For', 'nud-reminder');
  if (daysLeft <= rules.nudReminderDays) return due('nudReminder30For', 'nud-reminder');
  return undefined;
}

const countOf: Record<NudMarker, 'reminders30' | 'reminders7' | 'expired'> = {
  nudReminder30For: 'reminders30',
  nudReminder7For: 'reminders7',
  nudExpiredOn: 'expired',
};

/**
 * The daily NUD-expiry job (rule R4), at the time `now`:
 * 1. Record the run as started.
 * 2. Read the expiry index month by month, page by page, from the first day of the look-back
 *    month to `nudReminderDays` ahead (no Scan), until done or close to the deadline.
 * 3. For each employee, what is due: the 30-day reminder, the 7-day reminder, or the expiry
 *    (marked invalid and told); each is a marker and its e-mail written in one transaction,
 *    conditioned on the marker not being set for this expiry, so it happens once.
 * 4. Record the run's counts as its outcome and as the job's last run.
 */
export async function runNudExpiry(deps: NudExpiryDeps, now: Date, timeLeft: TimeLeft = () => Infinity): Promise<NudExpiryCounts> {
  const counts: NudExpiryCounts = { examined: 0, reminders30: 0, reminders7: 0, expired: 0, errors: 0, incomplete: false };
  const today = calendarDayIn(deps.rules.timeZone, now);
  const from = `${addMonths(today, -lookBackMonths).slice(0, 7)}-01`;
  const to = addDays(today, deps.rules.nudReminderDays);
  return recordedRun(deps.runs, nudExpiryJobId, now, counts, async () => {
    months: for (const month of monthsBetween(from, to)) {
      let cursor: Record<string, unknown> | undefined;
      do {
        if (timeLeft() < stopMarginMs) {
          counts.incomplete = true;
          break months;
        }
        const page = await deps.expiries.expiringPage(month, from, to, cursor);
        counts.examined += page.unreadable;
        counts.errors += page.unreadable;
        for (const candidate of page.candidates) {
          counts.examined += 1;
          try {
            const action = dueAction(candidate, today, now, deps.rules);
            if (!action) continue;
            const notification = newNotification({
              template: action.template,
              to: candidate.employee.email,
              params: {
                firstName: candidate.employee.firstName,
                nud: candidate.employee.nud,
                expiresOn: frenchDate(action.expiresOn),
                daysLeft: String(action.daysLeft),
                link: pageUrl(deps.appUrl, pagePath(pagePaths.situation)),
              },
              createdAt: now.toISOString(),
            });
            if (await deps.expiries.mark(candidate, action.marker, action.expiresOn, notification)) {
              counts[countOf[action.marker]] += 1;
            }
          } catch (error) {
            counts.errors += 1;
            logger.warn('NUD expiry not handled', { employeeId: candidate.employee.id, errorName: errorName(error) });
          }
        }
        cursor = page.cursor;
      } while (cursor);
    }
  });
}
