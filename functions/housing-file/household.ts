import { calendarDayIn, timeZone } from '#shared/calendar.ts';

/**
 * Household category (catégorie de ménage) used by the income ceilings, from
 * `data/reference/plafonds-ressources.md`:
 * - the category follows the number of people, capped at 6 (above: extra persons);
 * - one step up (once) for a household with a person with a disability, a single adult with
 *   dependants, or a *jeune ménage* (a couple with no dependant whose ages add up to 55 or less).
 */
type Relationship = 'applicant' | 'spouse' | 'child' | 'other-dependant' | 'other';

export interface HouseholdMember {
  readonly relationship: Relationship;
  readonly birthDate: string;
  readonly disability: boolean;
}

export const householdRules = { jeuneMenageMaxAgeSum: 55, maxCategory: 6 } as const;

export interface HouseholdCategory {
  /** 1 to 6. */
  readonly category: number;
  /** People counted beyond category 6 (each adds the "per extra person" amount). */
  readonly extraPersons: number;
  readonly persons: number;
  readonly dependants: number;
  readonly jeuneMenage: boolean;
  readonly disability: boolean;
}

const isDependant = (member: HouseholdMember) => member.relationship === 'child' || member.relationship === 'other-dependant';

export function ageOn(birthDate: string, on: Date): number {
  // Birthdays change on the French calendar day, not the UTC one.
  const [year, month, day] = calendarDayIn(timeZone, on).split('-').map(Number) as [number, number, number];
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number) as [number, number, number];
  const beforeBirthday = month < birthMonth || (month === birthMonth && day < birthDay);
  return year - birthYear - (beforeBirthday ? 1 : 0);
}

export function householdCategory(members: readonly HouseholdMember[], on: Date): HouseholdCategory {
  const persons = members.length;
  const dependants = members.filter(isDependant).length;
  const adults = persons - dependants;
  const couple = members.filter((m) => m.relationship === 'applicant' || m.relationship === 'spouse');
  const jeuneMenage =
    persons === 2 &&
    dependants === 0 &&
    couple.length === 2 &&
    couple.reduce((sum, member) => sum + ageOn(member.birthDate, on), 0) <= householdRules.jeuneMenageMaxAgeSum;
  const disability = members.some((member) => member.disability);
  const singleAdultWithDependants = adults === 1 && dependants > 0;
  const effective = persons + (disability || jeuneMenage || singleAdultWithDependants ? 1 : 0);
  return {
    category: Math.min(effective, householdRules.maxCategory),
    extraPersons: Math.max(0, effective - householdRules.maxCategory),
    persons,
    dependants,
    jeuneMenage,
    disability,
  };
}
