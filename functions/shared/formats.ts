/**
 * Formatting shared by the areas. `Intl` formatters are costly to build (tens of microseconds),
 * and eligibility formats for every offer of a page: each is built once and kept.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone (Lambda's clock is UTC; French days start earlier). */
export function calendarDayIn(timeZone: string, instant: Date): string {
  // The robot and the tabs ask the same instant thousands of times in a row: the last answer is kept.
  const ms = instant.getTime();
  if (lastDay.ms === ms && lastDay.timeZone === timeZone) return lastDay.day;
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const day = formatter.format(instant);
  lastDay = { ms, timeZone, day };
  return day;
}
let lastDay = { ms: Number.NaN, timeZone: '', day: '' };

/** The calendar year of an instant in a time zone. */
export const yearIn = (timeZone: string, instant: Date): number => Number(calendarDayIn(timeZone, instant).slice(0, 4));

const eurosFormatter = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

const formattedEuros = new Map<number, string>();

/** An amount in euros, French style (`1 234,5 €`). The same amounts recur (ceilings, bands): kept, up to a thousand. */
export function euros(amount: number): string {
  let text = formattedEuros.get(amount);
  if (text === undefined) {
    if (formattedEuros.size >= 1_000) formattedEuros.clear();
    text = `${eurosFormatter.format(amount)} €`;
    formattedEuros.set(amount, text);
  }
  return text;
}
