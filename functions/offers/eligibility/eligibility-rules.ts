import { situationRules, type SituationRules } from '#housing-file/situation-rules.ts';
import { timeZone } from '#shared/calendar.ts';

/**
 * Numbers of the offer eligibility (R2 and the criteria of R5), kept apart from the code that
 * applies them so that tests and operators can use other values.
 */
export interface OccupancyRules {
  /** Sleeping places counted per bedroom. */
  readonly personsPerBedroom: number;
  /** Extra sleeping places in the living room of a dwelling with at least one bedroom. */
  readonly personsInLivingRoom: number;
  /** Sleeping places of a dwelling with no bedroom (a studio: the main room is the bedroom). */
  readonly personsInStudio: number;
  /** Décence decree (décret 2002-120) and overcrowding threshold: 9 m² for one person, 16 for two, 9 more per extra person. */
  readonly minSurfaceM2ForOnePerson: number;
  readonly minSurfaceM2ForTwoPersons: number;
  readonly minSurfaceM2PerAdditionalPerson: number;
  /** Under-occupation (CCH L621-2): main rooms may exceed the household's size by at most this many. */
  readonly maxRoomsAbovePersons: number;
}

export interface OfferEligibilityRules {
  readonly occupancy: OccupancyRules;
  /** The employee's maximum rent is compared with rent plus charges (what the household pays each month). */
  readonly maxRentIncludesCharges: boolean;
  /** Which income is retained (N-2, or a lower N-1 / last-12-months figure). */
  readonly income: SituationRules;
  /** Calendar of the ceilings' year and of ages. */
  readonly timeZone: string;
}

export const offerEligibilityRules: OfferEligibilityRules = {
  occupancy: {
    personsPerBedroom: 2,
    personsInLivingRoom: 1,
    personsInStudio: 2,
    minSurfaceM2ForOnePerson: 9,
    minSurfaceM2ForTwoPersons: 16,
    minSurfaceM2PerAdditionalPerson: 9,
    maxRoomsAbovePersons: 1,
  },
  maxRentIncludesCharges: true,
  income: situationRules,
  timeZone,
};

/** Most people the dwelling sleeps. */
export function maxOccupants(bedrooms: number, rules: OccupancyRules): number {
  return bedrooms === 0 ? rules.personsInStudio : bedrooms * rules.personsPerBedroom + rules.personsInLivingRoom;
}

/** Least surface for a household of `persons`. */
export function minSurfaceM2For(persons: number, rules: OccupancyRules): number {
  if (persons <= 1) return rules.minSurfaceM2ForOnePerson;
  return rules.minSurfaceM2ForTwoPersons + (persons - 2) * rules.minSurfaceM2PerAdditionalPerson;
}

/** Most main rooms a household of `persons` may occupy without under-occupying the dwelling. */
export function maxRoomsFor(persons: number, rules: OccupancyRules): number {
  return persons + rules.maxRoomsAbovePersons;
}
