/**
 * The calendar of the service: French days, in the one time zone the rules are stated in.
 * Arithmetic on `YYYY-MM-DD` days; month steps clamp to the end of a shorter month: one month
 * after 31 January is 28 (or 29) February, as a French reader would count it.
 */

/** The rules' time zone: a day, a deadline or an age is French, whatever the server's clock. */
export const timeZone = 'Europe/Paris';
const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(date, daysInMonth(targetYear, targetMonth)))}`;
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = parts(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
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
