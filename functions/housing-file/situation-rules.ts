import { timeZone } from '#shared/calendar.ts';

/**
 * Numbers of rules R4 and R5 ("Ma situation" and the NUD), kept apart from the code that applies
 * them. Functions take them as an argument, so tests and operators can use other values.
 */
export interface SituationRules {
  /** Rule R4: a NUD is valid for this many months after its last renewal (or its registration). */
  readonly nudValidityMonths: number;
  /** "Ma situation" warns that the NUD is to be renewed when it expires within this many days. */
  readonly nudReminderDays: number;
  /**
   * Income (plafonds de ressources): the income of year N-1 or of the last 12 months may replace
   * the RFR of year N-2 only when it is at least this many percent lower.
   */
  readonly alternativeIncomeMinReductionPercent: number;
  /** Calendar of the dates the employee declares ("today" is a French day, not a UTC one). */
  readonly timeZone: string;
  readonly maxHouseholdMembers: number;
  readonly maxCommunes: number;
  /**
   * No NUD predates the numéro unique (1999). The first-registration date drives R4 validity and
   * the seniority score, so it is also fixed once declared: a correction goes through the operator.
   */
  readonly nudEarliestFirstRegistration: string;
}

export const situationRules: SituationRules = {
  nudValidityMonths: 12,
  nudReminderDays: 30,
  alternativeIncomeMinReductionPercent: 10,
  timeZone,
  maxHouseholdMembers: 15,
  maxCommunes: 20,
  nudEarliestFirstRegistration: '1999-01-01',
};
