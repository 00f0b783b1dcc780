/**
 * The calendar of the service: French days, in the one time zone the rules are stated in.
 * Arithmetic on `YYYY-MM-DD` days; month steps clamp to the end of a shorter month: one month
 * after 31 January is 28 (or 29) February, as a French reader would count it.
 */

/** The rules' time zone: a day, a deadline or an age is French, whatever the server's clock. */
export const timeZone = 'Europe/Paris';

/** A calendar day, `YYYY-MM-DD`: days compare as strings. */
export type CalendarDate = string;

// Intl formatters are costly to build (tens of microseconds) and eligibility asks for every offer of a page: one per zone, kept.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
let lastDay = { ms: Number.NaN, zone: '', day: '' };

/** The calendar day of an instant in a time zone (Lambda's clock is UTC; French days start earlier). */
export function calendarDayIn(zone: string, instant: Date): CalendarDate {
  // The robot and the tabs ask the same instant thousands of times in a row: the last answer is kept.
  const ms = instant.getTime();
  if (lastDay.ms === ms && lastDay.zone === zone) return lastDay.day;
  let formatter = dayFormatters.get(zone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(zone, formatter);
  }
  const day = formatter.format(instant);
  lastDay = { ms, zone, day };
  return day;
}

/** The calendar year of an instant in a time zone. */
export const yearIn = (zone: string, instant: Date): number => Number(calendarDayIn(zone, instant).slice(0, 4));

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Same day `months` later (or earlier); a day the target month lacks becomes its last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(day: CalendarDate, months: number): CalendarDate {
  const [year, month, date] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(date, daysInMonth(targetYear, targetMonth)))}`;
}

/** The day `days` later (or earlier). */
export function addDays(day: CalendarDate, days: number): CalendarDate {
  const [year, month, date] = parts(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `DD/MM/YYYY`, for French messages. */
export function frenchDate(day: CalendarDate): string {
  return day.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
}

/** Whole months from `from` to `to` (0 when `to` is before `from`): the largest n with from + n months <= to. */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to < from) return 0;
  const [fromYear, fromMonth] = parts(from);
  const [toYear, toMonth] = parts(to);
  const months = (toYear - fromYear) * 12 + (toMonth - fromMonth);
  return addMonths(from, months) <= to ? months : months - 1;
}

/** `updatedAt` is the optimistic-lock version: it must change on every write, even within a millisecond. */
export function laterThan(now: Date, previous: string): string {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}
