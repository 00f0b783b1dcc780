import { describe, expect, it } from 'vitest';
import type { Situation } from '#housing-file/situation-store.ts';
import type { HouseholdMember } from '#housing-file/household.ts';
import type { Offer } from '#offers/offer-store.ts';
import { offerEligibilityRules } from '#offers/eligibility/eligibility-rules.ts';
import {
  assessOffer,
  hasOfferFacts,
  type Applicant,
  type ApplicantSituation,
  type OfferFacts,
  type ReasonCode,
} from '#offers/eligibility/offer-eligibility.ts';
import { ceilingFor } from '#offers/reference/ceilings.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { parisT2 } from '../support/fixtures.ts';

const geography = await loadGeography();
const now = new Date('2026-11-24T10:00:00Z');
const siret = '73282932000074';

const applicantMember: HouseholdMember = { relationship: 'applicant', birthDate: '1985-01-01', disability: false };
const spouse: HouseholdMember = { relationship: 'spouse', birthDate: '1986-01-01', disability: false };
const child: HouseholdMember = { relationship: 'child', birthDate: '2015-01-01', disability: false };
/** A household whose category equals its size: a couple over the jeune-ménage age, with children. */
const householdOf = (persons: number): HouseholdMember[] =>
  persons === 1 ? [applicantMember] : [applicantMember, spouse, ...Array.from({ length: persons - 2 }, () => child)];

const offer: OfferFacts = {
  ...parisT2,
  publishedAt: '2026-11-20T09:00:00.000Z',
  closesAt: '2026-11-27T09:00:00.000Z',
};

const situation = {
  household: { members: householdOf(1) },
  income: { yearN2: 2024, rfrN2: 26_920 },
  mainResidence: true,
  searchCriteria: { kinds: ['apartment', 'house'], typologies: ['T1', 'T2', 'T3', 'T4', 'T5+'], minSurfaceM2: 20, maxRentEuros: 800 },
} satisfies ApplicantSituation;
const applicant: Applicant = { siret, situation };

const withSituation = (changes: Partial<ApplicantSituation>): Applicant => ({ siret, situation: { ...situation, ...changes } });
const unmet = (assessment: { reasons: readonly { code: ReasonCode; met: boolean }[] }) =>
  assessment.reasons.filter((reason) => !reason.met).map((reason) => reason.code);

describe('offer eligibility: the reference case', () => {
  it('finds a one-person household at exactly the 2026 PLUS zone A ceiling eligible, every criterion met', () => {
    const assessment = assessOffer(offer, applicant, now, geography);
    expect(assessment.eligible).toBe(true);
    expect(unmet(assessment)).toEqual([]);
    expect(assessment.reasons.map((reason) => reason.code)).toEqual([
      'window',
      'reservation',
      'main-residence',
      'income',
      'kind',
      'typology',
      'surface',
      'rent',
      'occupancy-sleeping',
      'occupancy-surface',
      'under-occupancy',
    ]);
    expect(assessment.ceiling).toEqual({
      amountEuros: 26_920,
      official: true,
      version: '2026',
      financing: 'PLUS',
      category: 1,
      extraPersons: 0,
      zone: 'A',
    });
    expect(assessment.retainedIncomeEuros).toBe(26_920);
  });

  it('accepts the stored situation of "Ma situation" as it is', () => {
    const stored: Situation = {
      ...situation,
      searchCriteria: { ...situation.searchCriteria, communes: ['75056'] },
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    expect(assessOffer(offer, { siret, situation: stored }, now, geography).eligible).toBe(true);
  });
});

describe('income ceilings at the boundary, per category and zone', () => {
  const zoneCommunes = [
    ['A', '75056', '75'],
    ['B', '92063', '92'],
    ['C', '69123', '69'],
  ] as const;
  const cases = zoneCommunes.flatMap(([zone, commune, department]) =>
    [1, 2, 3, 4, 5, 6].map((persons) => [zone, persons, commune, department] as const),
  );

  it.each(cases)(
    'zone %s, category %i: an income equal to the ceiling is eligible, one euro above is not',
    (zone, persons, commune, department) => {
      const fitting: OfferFacts = {
        ...offer,
        commune,
        department,
        rooms: persons,
        bedrooms: persons - 1,
        surfaceM2: 120,
        typology: persons >= 5 ? 'T5+' : (`T${persons}` as 'T1'),
        rentEuros: 500,
      };
      const { amountEuros } = ceilingFor({ year: 2026, financing: 'PLUS', category: persons, extraPersons: 0, zone });
      const at = assessOffer(
        fitting,
        withSituation({ household: { members: householdOf(persons) }, income: { yearN2: 2024, rfrN2: amountEuros } }),
        now,
        geography,
      );
      expect(at.ceiling).toMatchObject({ zone, category: persons, amountEuros });
      expect(at.eligible).toBe(true);
      const above = assessOffer(
        fitting,
        withSituation({ household: { members: householdOf(persons) }, income: { yearN2: 2024, rfrN2: amountEuros + 1 } }),
        now,
        geography,
      );
      expect(above.eligible).toBe(false);
      expect(unmet(above)).toEqual(['income']);
    },
  );

  it('applies the PLS ceiling (130 % of PLUS) to a PLS offer', () => {
    const pls = { ...offer, financing: 'PLS' as const };
    expect(assessOffer(pls, withSituation({ income: { yearN2: 2024, rfrN2: 34_996 } }), now, geography).eligible).toBe(true);
    expect(assessOffer(pls, withSituation({ income: { yearN2: 2024, rfrN2: 34_997 } }), now, geography).eligible).toBe(false);
  });

  it('says when the PLAI ceiling applied is an estimate', () => {
    const plai = { ...offer, financing: 'PLAI' as const };
    const assessment = assessOffer(plai, withSituation({ income: { yearN2: 2024, rfrN2: 14_000 } }), now, geography);
    expect(assessment.ceiling).toMatchObject({ financing: 'PLAI', official: false, amountEuros: Math.round(26_920 * 0.55) });
    expect(assessment.reasons.find((reason) => reason.code === 'income')?.message).toContain('montant estimé');
  });

  it('applies the ceilings of the publication year', () => {
    const published2025 = { ...offer, publishedAt: '2025-12-20T09:00:00.000Z', closesAt: '2027-01-01T00:00:00.000Z' };
    const assessment = assessOffer(published2025, applicant, now, geography);
    expect(assessment.ceiling).toMatchObject({ version: '2025', amountEuros: 26_687 });
    expect(unmet(assessment)).toEqual(['income']);
  });

  it('compares the lower N-1 income when it is at least 10 % below the RFR', () => {
    const assessment = assessOffer(offer, withSituation({ income: { yearN2: 2024, rfrN2: 40_000, incomeN1: 26_000 } }), now, geography);
    expect(assessment.retainedIncomeEuros).toBe(26_000);
    expect(assessment.eligible).toBe(true);
  });

  it('adds the extra persons beyond category 6', () => {
    const big: OfferFacts = { ...offer, rooms: 7, bedrooms: 4, surfaceM2: 140, typology: 'T5+', rentEuros: 500 };
    const assessment = assessOffer(
      big,
      withSituation({ household: { members: householdOf(7) }, income: { yearN2: 2024, rfrN2: 84_304 + 9_394 } }),
      now,
      geography,
    );
    expect(assessment.ceiling).toMatchObject({ category: 6, extraPersons: 1, amountEuros: 84_304 + 9_394 });
    expect(assessment.eligible).toBe(true);
  });

  it('has no ceiling for a commune outside the reference list', () => {
    const assessment = assessOffer({ ...offer, commune: '75000' }, applicant, now, geography);
    expect(assessment.ceiling).toBeNull();
    expect(unmet(assessment)).toEqual(['income']);
  });
});

describe('each criterion failing on its own', () => {
  it.each([
    ['before publication', new Date('2026-11-20T08:59:59.999Z')],
    ['at the closing instant', new Date('2026-11-27T09:00:00.000Z')],
    ['after closing', new Date('2026-12-01T00:00:00.000Z')],
  ])('refuses %s (window)', (_when, at) => {
    const assessment = assessOffer(offer, applicant, at, geography);
    expect(unmet(assessment)).toEqual(['window']);
  });

  it('accepts at the publication instant and refuses a draft', () => {
    expect(assessOffer(offer, applicant, new Date('2026-11-20T09:00:00.000Z'), geography).eligible).toBe(true);
    const draft = { ...offer, publishedAt: undefined, closesAt: undefined };
    expect(unmet(assessOffer(draft, applicant, now, geography))).toEqual(['window']);
  });

  it('refuses an offer reserved for other companies, accepts one reserved for the employer', () => {
    expect(unmet(assessOffer({ ...offer, reservedForSirets: ['44306184100047'] }, applicant, now, geography))).toEqual(['reservation']);
    expect(assessOffer({ ...offer, reservedForSirets: ['44306184100047', siret] }, applicant, now, geography).eligible).toBe(true);
    expect(assessOffer({ ...offer, reservedForSirets: [] }, applicant, now, geography).eligible).toBe(true);
  });

  it('refuses a second home and an undeclared main residence (R2)', () => {
    expect(unmet(assessOffer(offer, withSituation({ mainResidence: false }), now, geography))).toEqual(['main-residence']);
    expect(unmet(assessOffer(offer, withSituation({ mainResidence: undefined }), now, geography))).toEqual(['main-residence']);
  });

  it('refuses a kind the employee does not seek', () => {
    const criteria = { ...situation.searchCriteria, kinds: ['house' as const] };
    expect(unmet(assessOffer(offer, withSituation({ searchCriteria: criteria }), now, geography))).toEqual(['kind']);
  });

  it('refuses a typology the employee does not seek, and matches T5+ with T5+', () => {
    const criteria = { ...situation.searchCriteria, typologies: ['T1' as const, 'T3' as const] };
    expect(unmet(assessOffer(offer, withSituation({ searchCriteria: criteria }), now, geography))).toEqual(['typology']);
    const t5: OfferFacts = { ...offer, typology: 'T5+', rooms: 6, bedrooms: 5, surfaceM2: 110, rentEuros: 500 };
    const family = withSituation({
      household: { members: householdOf(5) },
      searchCriteria: { ...situation.searchCriteria, typologies: ['T5+'] },
    });
    expect(assessOffer(t5, family, now, geography).eligible).toBe(true);
  });

  it('refuses a surface under the minimum sought, accepts it exactly', () => {
    const criteria = (minSurfaceM2: number) => withSituation({ searchCriteria: { ...situation.searchCriteria, minSurfaceM2 } });
    expect(assessOffer(offer, criteria(45), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer(offer, criteria(45.5), now, geography))).toEqual(['surface']);
  });

  it('compares the maximum rent with rent plus charges, by default', () => {
    const maxRent = (maxRentEuros: number) => withSituation({ searchCriteria: { ...situation.searchCriteria, maxRentEuros } });
    expect(assessOffer(offer, maxRent(800), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer(offer, maxRent(799), now, geography))).toEqual(['rent']);
    const withoutCharges = { ...offerEligibilityRules, maxRentIncludesCharges: false };
    expect(assessOffer(offer, maxRent(799), now, geography, withoutCharges).eligible).toBe(true);
  });

  it('accepts rent plus charges equal to the budget to the cent, whatever floating point says', () => {
    // 400 + 35.09 is 435.09000000000003 in floating point.
    const cents = { ...offer, rentEuros: 400, chargesEuros: 35.09 };
    const maxRent = (maxRentEuros: number) => withSituation({ searchCriteria: { ...situation.searchCriteria, maxRentEuros } });
    expect(assessOffer(cents, maxRent(435.09), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer(cents, maxRent(435.08), now, geography))).toEqual(['rent']);
  });
});

describe('occupancy: a household size that fits the dwelling', () => {
  const studio: OfferFacts = { ...offer, typology: 'T1', rooms: 1, bedrooms: 0, surfaceM2: 30 };
  const criteria = { ...situation.searchCriteria, minSurfaceM2: 0 };
  const householdOfSize = (persons: number) => withSituation({ household: { members: householdOf(persons) }, searchCriteria: criteria });

  it('lets a couple live in a studio but not a family of three', () => {
    expect(assessOffer(studio, householdOfSize(2), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer(studio, householdOfSize(3), now, geography))).toEqual(['occupancy-sleeping']);
  });

  it('counts two persons per bedroom and one in the living room', () => {
    const t2 = { ...offer, surfaceM2: 60 };
    expect(assessOffer(t2, householdOfSize(3), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer(t2, householdOfSize(4), now, geography))).toEqual(['occupancy-sleeping']);
  });

  it('requires 9 m² for one person, 16 for two and 9 more per extra person', () => {
    expect(assessOffer({ ...studio, surfaceM2: 9 }, householdOfSize(1), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer({ ...studio, surfaceM2: 8.9 }, householdOfSize(1), now, geography))).toEqual(['occupancy-surface']);
    expect(assessOffer({ ...studio, surfaceM2: 16 }, householdOfSize(2), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer({ ...studio, surfaceM2: 15 }, householdOfSize(2), now, geography))).toEqual(['occupancy-surface']);
    const t2 = { ...offer, surfaceM2: 25 };
    expect(assessOffer(t2, householdOfSize(3), now, geography).eligible).toBe(true);
    expect(unmet(assessOffer({ ...t2, surfaceM2: 24 }, householdOfSize(3), now, geography))).toEqual(['occupancy-surface']);
  });

  it('refuses a dwelling under-occupied by more than one room', () => {
    const t3: OfferFacts = { ...offer, typology: 'T3', rooms: 3, bedrooms: 2, surfaceM2: 60 };
    expect(unmet(assessOffer(t3, householdOfSize(1), now, geography))).toEqual(['under-occupancy']);
    expect(assessOffer(t3, householdOfSize(2), now, geography).eligible).toBe(true);
  });

  it('takes its numbers from the rules', () => {
    const t3: OfferFacts = { ...offer, typology: 'T3', rooms: 3, bedrooms: 2, surfaceM2: 60 };
    const lenient = { ...offerEligibilityRules, occupancy: { ...offerEligibilityRules.occupancy, maxRoomsAbovePersons: 2 } };
    expect(assessOffer(t3, householdOfSize(1), now, geography, lenient).eligible).toBe(true);
  });
});

describe('a situation with missing sections', () => {
  it('fails the income and occupancy criteria when the household is missing', () => {
    const assessment = assessOffer(offer, withSituation({ household: undefined }), now, geography);
    expect(assessment.eligible).toBe(false);
    expect(assessment.ceiling).toBeNull();
    expect(unmet(assessment)).toEqual(['income', 'occupancy-sleeping', 'occupancy-surface', 'under-occupancy']);
    expect(assessment.reasons.find((reason) => reason.code === 'income')?.message).toContain('composition du ménage');
  });

  it('fails the income criterion when the income is missing, still naming the ceiling', () => {
    const assessment = assessOffer(offer, withSituation({ income: undefined }), now, geography);
    expect(unmet(assessment)).toEqual(['income']);
    expect(assessment.ceiling?.amountEuros).toBe(26_920);
    expect(assessment.retainedIncomeEuros).toBeNull();
  });

  it('fails the search criteria when they are missing', () => {
    const assessment = assessOffer(offer, withSituation({ searchCriteria: undefined }), now, geography);
    expect(unmet(assessment)).toEqual(['kind', 'typology', 'surface', 'rent']);
    expect(assessment.reasons.find((reason) => reason.code === 'kind')?.message).toContain('critères de recherche');
  });
});

describe('offers with missing facts', () => {
  it('recognises a stored offer with every fact as assessable, and refuses one that lacks a fact', () => {
    const stored: Offer = {
      ...offer,
      reservedForSirets: [siret],
      offerId: 'o-1',
      landlordId: 'l-1',
      status: 'PUBLISHED',
      externalReference: 'REF-1',
      createdAt: '2026-11-19T00:00:00.000Z',
      createdBy: 'u-1',
      updatedAt: '2026-11-20T09:00:00.000Z',
      applicantCount: 0,
    };
    expect(hasOfferFacts(stored)).toBe(true);
    if (hasOfferFacts(stored)) expect(assessOffer(stored, applicant, now, geography).eligible).toBe(true);
    expect(hasOfferFacts({ ...stored, financing: undefined })).toBe(false);
    expect(hasOfferFacts({ ...stored, department: undefined })).toBe(false);
  });
});
