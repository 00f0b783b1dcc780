/**
 * Formatting shared by the areas. `Intl` formatters are costly to build (tens of microseconds),
 * and eligibility formats for every offer of a page: each is built once and kept.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone (Lambda's clock is UTC; French days start earlier). */
export function calendarDayIn(timeZone: string, instant: Date): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** The calendar year of an instant in a time zone. */
export const yearIn = (timeZone: string, instant: Date): number => Number(calendarDayIn(timeZone, instant).slice(0, 4));

const eurosFormatter = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** An amount in euros, French style (`1 234,5 €`). */
export const euros = (amount: number) => `${eurosFormatter.format(amount)} €`;
