import { calendarDayIn } from '#shared/formats.ts';

/**
 * Calendar dates (`YYYY-MM-DD`) as the employee declares them. They compare as strings; the
 * arithmetic goes through UTC midnights so that no local offset shifts a day.
 */
export type CalendarDate = string;

const dayMs = 86_400_000;
const toUtc = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

/** The date it is at `now` in `timeZone` (Lambda's clock is UTC; French days start earlier). */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  return calendarDayIn(timeZone, now);
}

/** Same day `months` later; a day the target month lacks becomes its last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const start = new Date(toUtc(date));
  const day = start.getUTCDate();
  const monthIndex = start.getUTCMonth() + months;
  const year = start.getUTCFullYear();
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / dayMs);
}

/** `DD/MM/YYYY`, for French messages. */
export function frenchDate(date: CalendarDate): string {
  return date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
}
