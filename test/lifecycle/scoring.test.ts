import { describe, expect, it } from 'vitest';
import { gridInForce, scoringGridSchema, scoringGrids, type ScoringGrid } from '#scoring/grid.ts';
import {
  contributionPerEmployeeEuros,
  priorityCriteriaOf,
  scoreApplication,
  type Criterion,
  type PriorityCriterion,
  type ScoringInput,
} from '#scoring/score.ts';
import { addMonths, wholeMonthsBetween } from '#shared/calendar.ts';

// Noon in Paris on 15 June 2026: the French calendar day is 2026-06-15.
const now = new Date('2026-06-15T10:00:00Z');
const grid = gridInForce(now);

const base: ScoringInput = {
  contract: { kind: 'CDI', startDate: '2020-01-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
  retainedIncomeEuros: 10_000,
  ceilingEuros: 40_000,
  employerContributionPerEmployeeEuros: 0,
  applicantBirthDate: '1980-01-01',
  spouseBirthDates: [],
  nudFirstRegisteredOn: null,
  recommended: false,
  previouslySelectedWithoutAttribution: false,
  priorityCriteria: new Set(),
  provenPriorityCriteria: new Set(),
  nudCertificateReceived: true,
};

const line = (input: Partial<ScoringInput>, criterion: Criterion, at = now) => {
  const found = scoreApplication({ ...base, ...input }, grid, at).breakdown.find((l) => l.criterion === criterion);
  if (!found) throw new Error(`no ${criterion} line`);
  return found;
};
const pointsOf = (input: Partial<ScoringInput>, criterion: Criterion, at = now) => line(input, criterion, at).points;

describe('the scoring grid as versioned data', () => {
  it('ships v1 with every number of the default grid', () => {
    expect(scoringGrids.map((g) => g.version)).toContain('v1');
    expect(grid.version).toBe('v1');
    expect(grid.contract).toEqual({ cdi: 30, cddLong: 15, cddLongMinMonths: 6, other: 10, trialPeriod: -5 });
    expect(grid.income).toMatchObject({ lowShareBelowPercent: 60, highShareAbovePercent: 80, low: 20, middle: 10, high: 5 });
    expect(Math.max(...grid.employerContribution.bands.map((b) => b.points))).toBe(15);
    expect(grid.age).toEqual({ underAge: 30, applicant: 10, eachSpouse: 5 });
    expect(grid.seniority).toEqual({ pointsPerMonth: 1, bonusAfterMonths: 36, bonus: 20 });
    expect([grid.recommendation, grid.previousSelection]).toEqual([10, 5]);
    expect(grid.priority).toEqual({ pointsEach: 20, cap: 40 });
  });

  it('rejects a grid whose contribution bands are out of order or a penalty that is positive', () => {
    const bad = structuredClone(grid) as ScoringGrid;
    const reordered = {
      ...bad,
      employerContribution: {
        bands: [
          { fromEuros: 0, points: 0 },
          { fromEuros: 200, points: 15 },
          { fromEuros: 100, points: 10 },
        ],
      },
    };
    expect(scoringGridSchema.safeParse(reordered).success).toBe(false);
    expect(scoringGridSchema.safeParse({ ...bad, contract: { ...bad.contract, trialPeriod: 5 } }).success).toBe(false);
  });

  it('picks the latest grid in force on the French day, and none before the first', () => {
    const v2: ScoringGrid = { ...grid, version: 'v2', effectiveFrom: '2027-01-01' };
    expect(gridInForce(new Date('2026-12-31T22:59:59Z'), [grid, v2]).version).toBe('v1');
    expect(gridInForce(new Date('2026-12-31T23:00:00Z'), [grid, v2]).version).toBe('v2');
    expect(() => gridInForce(new Date('2025-06-01T00:00:00Z'))).toThrow(/No scoring grid/);
  });
});

describe('contract', () => {
  const contract = (
    kind: 'CDI' | 'CDD' | 'other',
    startDate: string,
    endDate: string | null,
    ongoing = false,
    endsOn: string | null = null,
  ) => ({
    kind,
    startDate,
    endDate,
    trialPeriod: { ongoing, endsOn },
  });
  it.each([
    ['a CDI', contract('CDI', '2020-01-01', null), 30],
    ['a CDD of exactly 6 months (1 Jan to 30 Jun, end day included)', contract('CDD', '2026-01-01', '2026-06-30'), 15],
    ['a CDD one day short of 6 months', contract('CDD', '2026-01-01', '2026-06-29'), 10],
    ['a CDD of 6 months from 31 August (ends 28 February)', contract('CDD', '2026-08-31', '2027-02-27'), 15],
    ['a CDD of two years', contract('CDD', '2025-01-01', '2026-12-31'), 15],
    ['another contract', contract('other', '2026-01-01', null), 10],
    ['no contract', null, 0],
  ])('%s gives %i points', (_label, value, points) => {
    expect(pointsOf({ contract: value }, 'contract')).toBe(points);
  });

  it.each([
    ['a trial period ending tomorrow', contract('CDI', '2026-05-01', null, true, '2026-06-16'), -5],
    ['a trial period ending today (its last day still counts)', contract('CDI', '2026-05-01', null, true, '2026-06-15'), -5],
    ['a trial period that ended yesterday', contract('CDI', '2026-05-01', null, true, '2026-06-14'), 0],
    ['an ongoing trial period with no end date', contract('CDD', '2026-05-01', '2027-05-01', true, null), -5],
    ['no trial period', contract('CDI', '2026-05-01', null), 0],
  ])('%s gives %i points', (_label, value, points) => {
    expect(pointsOf({ contract: value }, 'trial-period')).toBe(points);
  });

  it('explains the contract in French', () => {
    expect(line({}, 'contract').detail).toBe('CDI : 30 points');
  });
});

describe('income as a share of the offer’s ceiling', () => {
  it.each([
    [23_999.99, 20],
    [24_000, 10], // exactly 60 %: the 60–80 % band
    [28_000, 10],
    [32_000, 10], // exactly 80 %: still the 60–80 % band
    [32_000.01, 5],
    [40_000, 5],
    [0, 20],
  ])('%d € against a 40 000 € ceiling gives %i points', (income, points) => {
    expect(pointsOf({ retainedIncomeEuros: income, ceilingEuros: 40_000 }, 'income')).toBe(points);
  });

  it('is exact on an odd ceiling (60 % of 31 254 € is 18 752,40 €)', () => {
    expect(pointsOf({ retainedIncomeEuros: 18_752.39, ceilingEuros: 31_254 }, 'income')).toBe(20);
    expect(pointsOf({ retainedIncomeEuros: 18_752.4, ceilingEuros: 31_254 }, 'income')).toBe(10);
  });

  it('gives nothing when the income or the ceiling is unknown, and says why', () => {
    expect(line({ retainedIncomeEuros: null }, 'income')).toMatchObject({ points: 0, detail: 'Revenu non déclaré : 0 point' });
    expect(line({ ceilingEuros: null }, 'income').detail).toMatch(/Plafond .* inconnu/);
  });
});

describe('employer contribution per employee', () => {
  it.each([
    [0, 0],
    [49.99, 0],
    [50, 5],
    [99.99, 5],
    [100, 10],
    [199.99, 10],
    [200, 15],
    [5_000, 15],
  ])('%d € per employee gives %i points', (perEmployee, points) => {
    expect(pointsOf({ employerContributionPerEmployeeEuros: perEmployee }, 'employer-contribution')).toBe(points);
  });

  it('divides the last contribution by the headcount, and a company with no employee contributes 0', () => {
    expect(contributionPerEmployeeEuros({ lastContributionEuros: 45_000, headcount: 300 })).toBe(150);
    expect(contributionPerEmployeeEuros({ lastContributionEuros: 45_000, headcount: 0 })).toBe(0);
  });
});

describe('age on the day of scoring', () => {
  it.each([
    ['29, turning 30 tomorrow', '1996-06-16', 10],
    ['30 today', '1996-06-15', 0],
    ['22', '2004-01-01', 10],
    ['46', '1980-01-01', 0],
  ])('an applicant aged %s gets %i points', (_label, birthDate, points) => {
    expect(pointsOf({ applicantBirthDate: birthDate }, 'age-applicant')).toBe(points);
  });

  it('takes the birthday on the French day, not the UTC one', () => {
    // 22:30 UTC on 14 June is already 15 June in Paris: the applicant is 30.
    expect(pointsOf({ applicantBirthDate: '1996-06-15' }, 'age-applicant', new Date('2026-06-14T22:30:00Z'))).toBe(0);
    expect(pointsOf({ applicantBirthDate: '1996-06-15' }, 'age-applicant', new Date('2026-06-14T21:30:00Z'))).toBe(10);
  });

  it.each([
    [[], 0],
    [['1996-06-16'], 5],
    [['1996-06-15'], 0],
    [['1999-01-01', '1980-01-01'], 5],
    [['1999-01-01', '2000-01-01'], 10],
  ])('spouses born %j give %i points', (birthDates, points) => {
    expect(pointsOf({ spouseBirthDates: birthDates }, 'age-spouses')).toBe(points);
  });
});

describe('seniority of the request', () => {
  it.each([
    ['registered today', '2026-06-15', 0, 0],
    ['one day short of a month', '2026-05-16', 0, 0],
    ['exactly one month', '2026-05-15', 1, 0],
    ['a date in the future', '2026-07-01', 0, 0],
    ['one day short of 36 months', '2023-06-16', 35, 0],
    ['exactly 36 months (not older yet)', '2023-06-15', 36, 0],
    ['36 months and one day', '2023-06-14', 36, 20],
    ['five years', '2021-06-15', 60, 20],
  ])('a request %s gives %i monthly points and a bonus of %i', (_label, firstRegisteredOn, months, bonus) => {
    expect(pointsOf({ nudFirstRegisteredOn: firstRegisteredOn }, 'seniority')).toBe(months);
    expect(pointsOf({ nudFirstRegisteredOn: firstRegisteredOn }, 'seniority-bonus')).toBe(bonus);
  });

  it('counts months the French way at the end of a month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-01-31', '2026-03-30')).toBe(1);
    expect(wholeMonthsBetween('2026-01-31', '2026-03-31')).toBe(2);
  });

  it('gives nothing for an unknown first registration', () => {
    expect(pointsOf({ nudFirstRegisteredOn: null }, 'seniority')).toBe(0);
  });
});

describe('recommendation and earlier selection', () => {
  it.each([
    [true, 10],
    [false, 0],
  ])('recommended: %s gives %i points', (recommended, points) => {
    expect(pointsOf({ recommended }, 'recommendation')).toBe(points);
  });
  it.each([
    [true, 5],
    [false, 0],
  ])('selected before without attribution: %s gives %i points', (previous, points) => {
    expect(pointsOf({ previouslySelectedWithoutAttribution: previous }, 'previous-selection')).toBe(points);
  });
});

describe('priority household', () => {
  const set = (...codes: PriorityCriterion[]) => new Set(codes);
  it.each([
    [set(), 0],
    [set('first-job'), 20],
    [set('first-job', 'disability'), 40],
    [set('first-job', 'disability', 'domestic-violence'), 40],
    [set('professional-mobility', 'temporary-accommodation', 'disability', 'domestic-violence', 'first-job'), 40],
  ])('%s proven gives %i points (20 each, capped at 40)', (criteria, points) => {
    expect(pointsOf({ priorityCriteria: criteria, provenPriorityCriteria: criteria }, 'priority')).toBe(points);
  });

  it('says when the cap applies', () => {
    const criteria = set('first-job', 'disability', 'domestic-violence');
    expect(line({ priorityCriteria: criteria, provenPriorityCriteria: criteria }, 'priority').detail).toBe(
      'Ménage prioritaire (handicap dans le ménage, victime de violences conjugales, premier emploi) : 3 × 20, plafonné à 40 : 40 points',
    );
  });

  it('counts a disability of any member of the household', () => {
    const members = [{ disability: false }, { disability: true }];
    expect([...priorityCriteriaOf(['first-job'], members)].sort()).toEqual(['disability', 'first-job']);
    expect([...priorityCriteriaOf([], [{ disability: false }])]).toEqual([]);
  });
});

describe('a full example', () => {
  it('lists every criterion, sums to the total and carries the grid version', () => {
    const score = scoreApplication(
      {
        contract: { kind: 'CDD', startDate: '2026-03-01', endDate: '2027-02-28', trialPeriod: { ongoing: true, endsOn: '2026-06-30' } },
        retainedIncomeEuros: 21_000, // 70 % of 30 000 €
        ceilingEuros: 30_000,
        employerContributionPerEmployeeEuros: 120,
        applicantBirthDate: '1998-02-10', // 28
        spouseBirthDates: ['1995-09-01'], // 30
        nudFirstRegisteredOn: '2022-01-10', // 53 whole months
        recommended: true,
        previouslySelectedWithoutAttribution: true,
        priorityCriteria: new Set<PriorityCriterion>(['first-job']),
        provenPriorityCriteria: new Set<PriorityCriterion>(['first-job']),
        nudCertificateReceived: true,
      },
      grid,
      now,
    );
    expect(score.gridVersion).toBe('v1');
    expect(score.breakdown.map((l) => [l.criterion, l.points])).toEqual([
      ['contract', 15],
      ['trial-period', -5],
      ['income', 10],
      ['employer-contribution', 10],
      ['age-applicant', 10],
      ['age-spouses', 0],
      ['seniority', 53],
      ['seniority-bonus', 20],
      ['recommendation', 10],
      ['previous-selection', 5],
      ['priority', 20],
    ]);
    expect(score.total).toBe(148);
    expect(score.breakdown.reduce((sum, l) => sum + l.points, 0)).toBe(score.total);
    expect(score.breakdown.every((l) => /: -?\d+ points?$/.test(l.detail))).toBe(true);
  });
});
