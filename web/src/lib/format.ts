/** French formats for the whole app: calendar days, instants (in the rules' time zone), amounts in euros. */
import { timeZone } from '#shared/calendar.ts';

// A calendar day (`YYYY-MM-DD`) is read as midnight UTC and shown in UTC: the same day whatever the browser's zone.
const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const instantFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone });
const wholeEuros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });

/** `2024-02-01` → « 1 février 2024 ». */
export const formatDate = (day: string) => dayFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
/** An ISO instant → « 3 décembre 2026 à 14:05 », Paris time. */
export const formatDateTime = (instant: string) => instantFormat.format(new Date(instant));
/** 24500 → « 24 500 € »; 612.5 → « 612,50 € ». */
export const formatEuros = (amount: number) => (Number.isInteger(amount) ? wholeEuros : euros).format(amount);
/** 10485760 → « 10 Mo ». */
export const formatMegabytes = (bytes: number) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} Mo`;
/** 12.5 → « 12,5 » (points of a score). */
export const formatPoints = (points: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(points);
/** Whole days left before an instant, rounded down (0 under a day, and once it is past): « plus que 3 jours ». */
export const daysLeft = (instant: string, now = Date.now()) => Math.max(0, Math.floor((Date.parse(instant) - now) / 86_400_000));
