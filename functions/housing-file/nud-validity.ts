import { addMonths, calendarDayIn, daysBetween, frenchDate, type CalendarDate } from '#shared/calendar.ts';
import { situationRules, type SituationRules } from './situation-rules.ts';

/** The dates of the employee's social-housing request (NUD), as declared. */
export interface NudDates {
  readonly firstRegisteredOn?: CalendarDate;
  readonly lastRenewedOn?: CalendarDate;
}

export type NudValidity =
  | {
      readonly status: 'valid' | 'expired';
      readonly valid: boolean;
      /** Which date the validity runs from: the last renewal, else the first registration. */
      readonly basis: 'last-renewal' | 'first-registration';
      /** First day on which the NUD is no longer valid: the basis date plus the validity period. */
      readonly expiresOn: CalendarDate;
      /** Days from today to `expiresOn` while valid (1 on the last valid day), 0 once expired. */
      readonly daysLeft: number;
    }
  /** Neither date is declared yet, so the NUD cannot be taken as valid. */
  | { readonly status: 'unknown'; readonly valid: false; readonly basis: null; readonly expiresOn: null; readonly daysLeft: null };

/**
 * Rule R4: a NUD is valid for 12 months (configurable) after its last renewal; a request never
 * renewed runs from its first registration. A NUD whose dates are unknown is not valid. The
 * applications area calls this to refuse applying with an expired NUD.
 */
export function nudValidity(dates: NudDates, now: Date, rules: SituationRules = situationRules): NudValidity {
  const basisDate = dates.lastRenewedOn ?? dates.firstRegisteredOn;
  if (!basisDate) return { status: 'unknown', valid: false, basis: null, expiresOn: null, daysLeft: null };
  const expiresOn = nudExpiresOn(basisDate, rules);
  const daysLeft = daysBetween(calendarDayIn(rules.timeZone, now), expiresOn);
  const valid = daysLeft > 0;
  return {
    status: valid ? 'valid' : 'expired',
    valid,
    basis: dates.lastRenewedOn ? 'last-renewal' : 'first-registration',
    expiresOn,
    daysLeft: Math.max(0, daysLeft),
  };
}

export function nudExpiresOn(basisDate: CalendarDate, rules: SituationRules = situationRules): CalendarDate {
  return addMonths(basisDate, rules.nudValidityMonths);
}

/** What the employee reads next to the NUD. */
export function nudValidityMessage(validity: NudValidity): string {
  switch (validity.status) {
    case 'unknown':
      return 'Déclarez la date de première inscription de votre demande de logement social (ou de son dernier renouvellement) pour que sa validité soit connue.';
    case 'expired':
      return `Votre demande de logement social a expiré le ${frenchDate(validity.expiresOn)} : renouvelez-la pour pouvoir candidater.`;
    case 'valid':
      return `Votre demande de logement social est valide ; elle expire le ${frenchDate(validity.expiresOn)} (${validity.daysLeft} jour(s) restant(s)).`;
  }
}
