import { describe, expect, it } from 'vitest';
import { situationProblems, renewalProblems } from '#housing-file/situation-checks.ts';
import { explainedHouseholdCategory } from '#housing-file/situation-household.ts';
import { qualifiesAsLowerIncome, retainedIncome, retainedIncomeExplanation } from '#housing-file/situation-income.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { situationInputSchema } from '#housing-file/situation-schemas.ts';

const rules = situationRules;
const on = new Date('2026-06-01T10:00:00Z');

describe('retained income (RFR N-2, or a figure at least 10 % lower)', () => {
  it('keeps the RFR of year N-2 when nothing else is declared', () => {
    expect(retainedIncome({ yearN2: 2024, rfrN2: 30_000 }, rules)).toEqual({ basis: 'N-2', amount: 30_000 });
  });

  it('takes the income of year N-1 when it is exactly 10 % lower', () => {
    expect(qualifiesAsLowerIncome(27_000, 30_000, rules)).toBe(true);
    expect(retainedIncome({ yearN2: 2024, rfrN2: 30_000, incomeN1: 27_000 }, rules)).toEqual({ basis: 'N-1', amount: 27_000 });
  });

  it('ignores an income of year N-1 one euro short of 10 % lower', () => {
    expect(qualifiesAsLowerIncome(27_001, 30_000, rules)).toBe(false);
    expect(retainedIncome({ yearN2: 2024, rfrN2: 30_000, incomeN1: 27_001 }, rules)).toEqual({ basis: 'N-2', amount: 30_000 });
  });

  it('takes the lowest qualifying figure, the last 12 months included', () => {
    const income = { yearN2: 2024, rfrN2: 40_000, incomeN1: 35_000, incomeLast12Months: 20_000 };
    const retained = retainedIncome(income, rules);
    expect(retained).toEqual({ basis: 'last-12-months', amount: 20_000 });
    expect(retainedIncomeExplanation(income, retained, rules)).toContain('12 derniers mois');
  });

  it('follows the percentage of the rules', () => {
    const stricter = { ...rules, alternativeIncomeMinReductionPercent: 20 };
    expect(retainedIncome({ yearN2: 2024, rfrN2: 30_000, incomeN1: 26_000 }, stricter).basis).toBe('N-2');
  });
});

describe('household category with its explanation', () => {
  it('raises a young couple without dependants to category 3 and says why', () => {
    const category = explainedHouseholdCategory(
      [
        { relationship: 'applicant', birthDate: '1999-01-01', disability: false },
        { relationship: 'spouse', birthDate: '2000-01-01', disability: false },
      ],
      on,
    );
    expect(category).toMatchObject({ category: 3, jeuneMenage: true, persons: 2 });
    expect(category.explanation.join(' ')).toContain('jeune ménage');
  });

  it('raises one person with a disability to category 2', () => {
    const category = explainedHouseholdCategory([{ relationship: 'applicant', birthDate: '1980-05-05', disability: true }], on);
    expect(category.category).toBe(2);
    expect(category.explanation.join(' ')).toContain('situation de handicap');
  });

  it('counts persons beyond category 6 as extra persons', () => {
    const children = Array.from({ length: 6 }, () => ({ relationship: 'child' as const, birthDate: '2015-01-01', disability: false }));
    const category = explainedHouseholdCategory(
      [
        { relationship: 'applicant', birthDate: '1980-01-01', disability: false },
        { relationship: 'spouse', birthDate: '1981-01-01', disability: false },
        ...children,
      ],
      on,
    );
    expect(category).toMatchObject({ category: 6, extraPersons: 2 });
    expect(category.explanation.at(-1)).toContain('2 personnes supplémentaires');
  });
});

describe('checks of a situation beyond its format', () => {
  const parse = (body: unknown) => situationInputSchema.parse(body);
  const context = { today: '2026-06-01', stored: {}, rules };

  it('finds nothing wrong with a coherent situation', () => {
    const input = parse({
      household: { members: [{ relationship: 'applicant', birthDate: '1990-01-01', disability: false }] },
      income: { rfrN2: 30_000, incomeN1: 27_000 },
      employment: { kind: 'CDD', startDate: '2026-01-01', endDate: '2026-12-31', trialPeriod: { ongoing: false } },
      searchCriteria: { kinds: ['apartment'], typologies: ['T2'], communes: ['75111'], minSurfaceM2: 30, maxRentEuros: 900 },
    });
    expect(situationProblems(input, context)).toEqual({ invalid: [], incoherent: [] });
  });

  it('refuses a birth date after today as invalid, and two applicants as incoherent', () => {
    const input = parse({
      household: {
        members: [
          { relationship: 'applicant', birthDate: '1990-01-01', disability: false },
          { relationship: 'applicant', birthDate: '2026-06-02', disability: false },
        ],
      },
    });
    const problems = situationProblems(input, context);
    expect(problems.invalid.map((p) => p.field)).toEqual(['body.household.members.1.birthDate']);
    expect(problems.incoherent.map((p) => p.field)).toEqual(['body.household.members']);
  });

  it('refuses a first registration after the stored last renewal', () => {
    const input = parse({ nud: { firstRegisteredOn: '2025-05-01' } });
    const problems = situationProblems(input, { ...context, stored: { lastRenewedOn: '2025-04-30' } });
    expect(problems.incoherent).toEqual([{ field: 'body.nud.firstRegisteredOn', message: expect.stringContaining('30/04/2025') }]);
  });

  it('refuses a renewal before the first registration and one in the future', () => {
    expect(renewalProblems('2024-12-31', { today: '2026-06-01', stored: { firstRegisteredOn: '2025-01-01' } }).incoherent).toHaveLength(1);
    expect(renewalProblems('2026-06-02', { today: '2026-06-01', stored: {} }).invalid).toEqual([
      { field: 'body.renewedOn', message: 'La date de renouvellement ne peut pas être dans le futur.' },
    ]);
    expect(renewalProblems('2025-01-01', { today: '2026-06-01', stored: { firstRegisteredOn: '2025-01-01' } })).toEqual({
      invalid: [],
      incoherent: [],
    });
  });
});
