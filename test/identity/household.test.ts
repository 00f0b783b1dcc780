import { describe, expect, it } from 'vitest';
import { householdCategory, type HouseholdMember } from '#housing-file/household.ts';

const on = new Date('2026-06-01T00:00:00Z');
const member = (relationship: HouseholdMember['relationship'], birthDate = '1980-01-01', disability = false): HouseholdMember => ({
  relationship,
  birthDate,
  disability,
});
const applicant = member('applicant');
const spouse = member('spouse');
const child = member('child', '2015-01-01');

describe('household category (plafonds de ressources)', () => {
  it.each([
    ['one person', [applicant], 1],
    ['one person with a disability', [member('applicant', '1980-01-01', true)], 2],
    ['a couple aged 46 + 46, not a jeune ménage', [applicant, spouse], 2],
    ['one person with one dependant', [applicant, child], 3],
    ['a jeune ménage (27 + 28 = 55)', [member('applicant', '1999-01-01'), member('spouse', '1998-01-01')], 3],
    ['two people, one with a disability', [applicant, member('spouse', '1980-01-01', true)], 3],
    ['three people', [applicant, spouse, child], 3],
    ['one person with two dependants', [applicant, child, child], 4],
    ['three people, one with a disability', [applicant, spouse, member('child', '2015-01-01', true)], 4],
    ['four people', [applicant, spouse, child, child], 4],
    ['five people', [applicant, spouse, child, child, child], 5],
    ['one person with four dependants', [applicant, child, child, child, child], 6],
    ['six people', [applicant, spouse, child, child, child, child], 6],
  ])('%s is category %i', (_label, members, category) => {
    expect(householdCategory(members, on).category).toBe(category);
  });

  it('is not a jeune ménage when the ages add up to 56', () => {
    const result = householdCategory([member('applicant', '1999-01-01'), member('spouse', '1997-01-01')], on);
    expect(result).toMatchObject({ jeuneMenage: false, category: 2 });
  });

  it('counts ages on the evaluation date (a birthday tomorrow does not count yet)', () => {
    const couple = [member('applicant', '1999-06-02'), member('spouse', '1998-06-01')];
    // 27 (birthday tomorrow) + 28 = 55: still a jeune ménage today.
    expect(householdCategory(couple, on).jeuneMenage).toBe(true);
  });

  it('counts ages on the Paris calendar day: at 00:30 in Paris a birthday has come, though not yet in UTC', () => {
    const couple = [member('applicant', '1999-06-02'), member('spouse', '1997-06-01')];
    // 2026-06-02 00:30 in Paris is 2026-06-01 22:30 UTC: the applicant turns 27 today (27 + 29 = 56).
    expect(householdCategory(couple, new Date('2026-06-01T22:30:00Z')).jeuneMenage).toBe(false);
    expect(householdCategory(couple, new Date('2026-06-01T21:30:00Z')).jeuneMenage).toBe(true);
  });

  it('counts people beyond six as extra persons', () => {
    const eight = [applicant, spouse, child, child, child, child, child, child];
    expect(householdCategory(eight, on)).toMatchObject({ category: 6, extraPersons: 2 });
  });
});
