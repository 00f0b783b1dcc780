import { beforeEach } from 'vitest';
import { calendarDayIn, type CalendarDate } from '#shared/calendar.ts';

/**
 * Options for the `describe` of tests that compute "today" while the server, over HTTP, computes
 * its own from its clock. The server's instants fall within the test's run: when the run starts
 * and ends on the same calendar day in `timeZone`, the two todays are the same. A test that
 * failed while midnight passed is run once more, wholly on the new day; any other failure stands.
 */
export function retriedAcrossMidnight(timeZone: string) {
  let startedOn: CalendarDate | undefined;
  beforeEach(() => {
    startedOn = calendarDayIn(timeZone, new Date());
  });
  return { retry: { count: 1, condition: () => calendarDayIn(timeZone, new Date()) !== startedOn } };
}
