import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { criteria, gridInForce, maxPoints, publishableGridSchema, scoringGrids, seniorityBounds, type ScoringGrid } from '#scoring/grid.ts';
import { priorityCriteria, scoreApplication, type Criterion, type PriorityCriterion, type ScoringInput } from '#scoring/score.ts';
import { addMonths, calendarDayIn, timeZone } from '#shared/calendar.ts';

const grid = (version: string): ScoringGrid => {
  const found = scoringGrids.find((g) => g.version === version);
  if (!found) throw new Error(`no shipped grid ${version}`);
  return found;
};
const v1 = grid('v1');
const v2 = grid('v2');
// Noon in Paris on 15 March 2027, when v2 is in force.
const now = new Date('2027-03-15T11:00:00Z');
const today = calendarDayIn(timeZone, now);

const nobody: ScoringInput = {
  contract: null,
  retainedIncomeEuros: null,
  ceilingEuros: null,
  employerContributionPerEmployeeEuros: 0,
  applicantBirthDate: null,
  spouseBirthDates: [],
  nudFirstRegisteredOn: null,
  recommended: false,
  previouslySelectedWithoutAttribution: false,
  priorityCriteria: new Set(),
  provenPriorityCriteria: new Set(),
  nudCertificateReceived: true,
};

/** Every other criterion at its best: CDI, low income, top contribution band, young couple, recommended, earlier selection, two priorities proven. */
const bestOfTheRest: ScoringInput = {
  contract: { kind: 'CDI', startDate: '2020-01-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
  retainedIncomeEuros: 10_000,
  ceilingEuros: 40_000,
  employerContributionPerEmployeeEuros: 250,
  applicantBirthDate: '2000-01-01',
  spouseBirthDates: ['2001-01-01'],
  nudFirstRegisteredOn: null,
  recommended: true,
  previouslySelectedWithoutAttribution: true,
  priorityCriteria: new Set(['first-job', 'professional-mobility']),
  provenPriorityCriteria: new Set(['first-job', 'professional-mobility']),
  nudCertificateReceived: true,
};

const points = (score: ReturnType<typeof scoreApplication>, ...which: Criterion[]) =>
  score.breakdown.filter((line) => which.includes(line.criterion)).reduce((sum, line) => sum + line.points, 0);

const day = fc
  .integer({ min: 0, max: 365 * 60 })
  .map((days) => new Date(Date.UTC(1965, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));
const criterionSet = fc.subarray([...priorityCriteria]).map((list) => new Set<PriorityCriterion>(list));
const input: fc.Arbitrary<ScoringInput> = fc.record({
  contract: fc.option(
    fc.record({
      kind: fc.constantFrom('CDI' as const, 'CDD' as const, 'other' as const),
      startDate: day,
      endDate: fc.option(day, { nil: null }),
      trialPeriod: fc.record({ ongoing: fc.boolean(), endsOn: fc.option(day, { nil: null }) }),
    }),
    { nil: null },
  ),
  retainedIncomeEuros: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
  ceilingEuros: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
  employerContributionPerEmployeeEuros: fc.double({ min: 0, max: 10_000, noNaN: true }),
  applicantBirthDate: fc.option(day, { nil: null }),
  spouseBirthDates: fc.array(day, { maxLength: 4 }),
  nudFirstRegisteredOn: fc.option(day, { nil: null }),
  recommended: fc.boolean(),
  previouslySelectedWithoutAttribution: fc.boolean(),
  priorityCriteria: criterionSet,
  provenPriorityCriteria: criterionSet,
  nudCertificateReceived: fc.boolean(),
});

describe('grid v2: caps are data, seniority cannot outweigh everything else', () => {
  it('ships v2 as the default from 1 January 2027 (Paris day), v1 before', () => {
    expect(gridInForce(new Date('2026-12-31T22:59:59Z')).version).toBe('v1');
    expect(gridInForce(new Date('2026-12-31T23:00:00Z')).version).toBe('v2');
    expect(v2.caps).toEqual({ seniority: 60, 'age-spouses': 5 });
  });

  it('v1 lets 10 years of seniority (140 points) beat every other criterion combined (135); v2 does not', () => {
    const tenYears = { ...nobody, nudFirstRegisteredOn: addMonths(today, -120) };
    expect(points(scoreApplication(tenYears, v1, now), 'seniority', 'seniority-bonus')).toBe(140);
    expect(scoreApplication(bestOfTheRest, v1, now).total).toBe(135);
    expect(seniorityBounds(v1)).toEqual({ seniority: Number.POSITIVE_INFINITY, others: 135 });

    expect(scoreApplication(tenYears, v2, now).total).toBe(80);
    expect(scoreApplication(bestOfTheRest, v2, now).total).toBe(135);
    expect(seniorityBounds(v2)).toEqual({ seniority: 80, others: 135 });
  });

  it('property: under v2, no line exceeds its maximum, and seniority with its bonus stays below the others’ best together', () => {
    const max = maxPoints(v2);
    const { others } = seniorityBounds(v2);
    fc.assert(
      fc.property(input, (candidate) => {
        const score = scoreApplication(candidate, v2, now);
        for (const line of score.breakdown) expect(line.points).toBeLessThanOrEqual(max[line.criterion]);
        expect(points(score, 'seniority', 'seniority-bonus')).toBeLessThan(others);
        expect(score.total).toBe(score.breakdown.reduce((sum, line) => sum + line.points, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('property: under v2, a file with no seniority and every other criterion at its best outranks any seniority alone', () => {
    const best = scoreApplication(bestOfTheRest, v2, now).total;
    fc.assert(
      fc.property(day, (firstRegisteredOn) => {
        const seniorityOnly = scoreApplication({ ...nobody, nudFirstRegisteredOn: firstRegisteredOn }, v2, now).total;
        expect(seniorityOnly).toBeLessThan(best);
      }),
      { numRuns: 300 },
    );
  });

  it('caps a line and says so: 7 years give 60 points, two young spouses 5', () => {
    const score = scoreApplication(
      { ...nobody, nudFirstRegisteredOn: addMonths(today, -84), spouseBirthDates: ['2001-01-01', '2002-01-01'] },
      v2,
      now,
    );
    const seniority = score.breakdown.find((line) => line.criterion === 'seniority');
    expect(seniority).toMatchObject({ points: 60 });
    expect(seniority?.detail).toMatch(/84 mois entier\(s\) × 1, plafonné à 60 : 60 points$/);
    expect(score.breakdown.find((line) => line.criterion === 'age-spouses')).toMatchObject({ points: 5 });
    expect(
      scoreApplication({ ...nobody, spouseBirthDates: ['2001-01-01', '2002-01-01'] }, v1, now).breakdown.find(
        (l) => l.criterion === 'age-spouses',
      ),
    ).toMatchObject({ points: 10 });
  });
});

describe('every grid: a priority criterion or the seniority counts only with its proof', () => {
  const declared = { ...nobody, priorityCriteria: new Set<PriorityCriterion>(['first-job', 'domestic-violence']) };

  it('counts only the proven criteria and names the others', () => {
    const line = scoreApplication({ ...declared, provenPriorityCriteria: new Set(['first-job']) }, v2, now).breakdown.find(
      (l) => l.criterion === 'priority',
    );
    expect(line).toMatchObject({ points: 20 });
    expect(line?.detail).toContain('sans justificatif reçu, non compté(s) : victime de violences conjugales');
    expect(scoreApplication(declared, v2, now).breakdown.find((l) => l.criterion === 'priority')?.points).toBe(0);
    expect(scoreApplication(declared, v1, now).breakdown.find((l) => l.criterion === 'priority')?.points).toBe(0);
    expect(
      scoreApplication({ ...declared, provenPriorityCriteria: declared.priorityCriteria }, v1, now).breakdown.find(
        (l) => l.criterion === 'priority',
      )?.points,
    ).toBe(40);
  });

  it('counts the seniority only with the NUD certificate received', () => {
    const fiveYears = { ...nobody, nudFirstRegisteredOn: addMonths(today, -60) };
    expect(scoreApplication(fiveYears, v2, now).total).toBe(80);
    const without = scoreApplication({ ...fiveYears, nudCertificateReceived: false }, v2, now);
    expect(without.total).toBe(0);
    expect(without.breakdown.find((l) => l.criterion === 'seniority')?.detail).toContain(
      'Attestation d’enregistrement de la demande (NUD) non reçue',
    );
    expect(scoreApplication({ ...fiveYears, nudCertificateReceived: false }, v1, now).total).toBe(0);
  });
});

describe('a grid the operator publishes', () => {
  const future = (changes: Partial<ScoringGrid>) => ({ ...v2, version: 'v3', effectiveFrom: '2090-01-01', ...changes });

  it('accepts v2’s figures', () => {
    expect(publishableGridSchema.safeParse(future({})).success).toBe(true);
  });

  it('refuses a grid without a seniority cap, or one that lets seniority weigh as much as the rest', () => {
    const uncapped = publishableGridSchema.safeParse(future({ caps: {} }));
    expect(uncapped.error?.issues).toEqual([
      expect.objectContaining({ path: ['caps', 'seniority'], message: 'Plafond de l’ancienneté obligatoire (en points).' }),
    ]);
    // 115 + 20 = 135, as much as all the others: refused; 114 + 20 is accepted.
    expect(publishableGridSchema.safeParse(future({ caps: { seniority: 115 } })).error?.issues[0]?.message).toBe(
      'L’ancienneté (au plus 135 points avec son bonus) doit peser moins que tous les autres critères réunis (135 points).',
    );
    expect(publishableGridSchema.safeParse(future({ caps: { seniority: 114 } })).success).toBe(true);
  });

  it('knows every criterion’s maximum under v2', () => {
    expect(Object.keys(maxPoints(v2))).toEqual([...criteria]);
    expect(maxPoints(v2)).toMatchObject({ seniority: 60, 'seniority-bonus': 20, priority: 40, 'age-spouses': 5, contract: 30 });
  });
});

describe('the worked example of the scoring README', () => {
  it('ranks A (ten years of seniority) first under v1 and B (proven priorities) first under v2: 190/148, then 130/148', () => {
    const A: ScoringInput = {
      ...nobody,
      contract: { kind: 'CDI', startDate: '2015-01-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
      retainedIncomeEuros: 21_000,
      ceilingEuros: 30_000,
      employerContributionPerEmployeeEuros: 120,
      applicantBirthDate: '1982-05-02',
      nudFirstRegisteredOn: '2017-03-01',
    };
    const B: ScoringInput = {
      ...nobody,
      contract: { kind: 'CDI', startDate: '2025-06-01', endDate: null, trialPeriod: { ongoing: false, endsOn: null } },
      retainedIncomeEuros: 15_000,
      ceilingEuros: 30_000,
      employerContributionPerEmployeeEuros: 250,
      applicantBirthDate: '1999-10-10',
      spouseBirthDates: ['1998-04-04'],
      nudFirstRegisteredOn: '2025-09-10',
      recommended: true,
      priorityCriteria: new Set(['first-job', 'professional-mobility', 'domestic-violence']),
      provenPriorityCriteria: new Set(['first-job', 'professional-mobility']),
    };
    expect([v1, v2].map((g) => [scoreApplication(A, g, now).total, scoreApplication(B, g, now).total])).toEqual([
      [190, 148],
      [130, 148],
    ]);
    // Every line of the README's table (A v1, A v2, B v1, B v2), as the robot computes it.
    const readmeLines: [string, Criterion[], number[]][] = [
      ['Contract', ['contract', 'trial-period'], [30, 30, 30, 30]],
      ['Income', ['income'], [10, 10, 20, 20]],
      ['Employer contribution', ['employer-contribution'], [10, 10, 15, 15]],
      ['Ages', ['age-applicant', 'age-spouses'], [0, 0, 15, 15]],
      ['Seniority', ['seniority'], [120, 60, 18, 18]],
      ['Seniority bonus', ['seniority-bonus'], [20, 20, 0, 0]],
      ['Recommendation', ['recommendation', 'previous-selection'], [0, 0, 10, 10]],
      ['Priority household', ['priority'], [0, 0, 40, 40]],
    ];
    const scores = [scoreApplication(A, v1, now), scoreApplication(A, v2, now), scoreApplication(B, v1, now), scoreApplication(B, v2, now)];
    expect(readmeLines.map(([name, which]) => [name, scores.map((score) => points(score, ...which))])).toEqual(
      readmeLines.map(([name, , expected]) => [name, expected]),
    );
    // Every criterion is in one row of the table.
    expect(readmeLines.flatMap(([, which]) => which).sort()).toEqual([...criteria].sort());
  });
});
