/**
 * Formatting shared by the areas (days are `#shared/calendar.ts`'s). `Intl` formatters are costly
 * to build (tens of microseconds), and eligibility formats for every offer of a page: each is built once and kept.
 */
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
