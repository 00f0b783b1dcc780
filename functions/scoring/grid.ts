import * as z from 'zod';
import gridV1 from '../../data/reference/scoring-grid-v1.json' with { type: 'json' };
import gridV2 from '../../data/reference/scoring-grid-v2.json' with { type: 'json' };
import { calendarDayIn, timeZone } from '#shared/calendar.ts';

/**
 * The scoring grid (rule R9) as versioned data: one file per version in
 * `data/reference/scoring-grid-<version>.json`, parsed here at load so that a malformed grid
 * fails at cold start, never in the middle of a scoring run. Every number and boundary is
 * explained in `README.md` of this folder.
 */
const points = () => z.int().min(0).max(1_000);

/** The criteria of the grid, one breakdown line each, in the order the applicant reads them. */
export const criteria = [
  'contract',
  'trial-period',
  'income',
  'employer-contribution',
  'age-applicant',
  'age-spouses',
  'seniority',
  'seniority-bonus',
  'recommendation',
  'previous-selection',
  'priority',
] as const;
export type Criterion = (typeof criteria)[number];

const contributionBandsSchema = z
  .array(z.strictObject({ fromEuros: z.number().min(0), points: points() }))
  .min(1)
  .refine((bands) => bands[0]?.fromEuros === 0, 'The first band must start at 0 €.')
  .refine(
    (bands) => bands.every((band, index) => index === 0 || band.fromEuros > (bands[index - 1]?.fromEuros ?? 0)),
    'Bands must be in strictly increasing order of their lower bound.',
  );

export const scoringGridSchema = z.strictObject({
  version: z.string().min(1),
  effectiveFrom: z.iso.date(),
  description: z.string().optional(),
  contract: z.strictObject({
    cdi: points(),
    cddLong: points(),
    cddLongMinMonths: z.int().min(1),
    other: points(),
    /** A penalty: zero or negative. */
    trialPeriod: z.int().max(0).min(-1_000),
  }),
  income: z
    .strictObject({
      lowShareBelowPercent: z.int().min(1).max(100),
      highShareAbovePercent: z.int().min(1).max(100),
      low: points(),
      middle: points(),
      high: points(),
    })
    .refine(
      (income) => income.lowShareBelowPercent <= income.highShareAbovePercent,
      'The low-share bound must not exceed the high-share bound.',
    ),
  employerContribution: z.strictObject({ bands: contributionBandsSchema }),
  age: z.strictObject({ underAge: z.int().min(1), applicant: points(), eachSpouse: points() }),
  seniority: z.strictObject({ pointsPerMonth: points(), bonusAfterMonths: z.int().min(1), bonus: points() }),
  recommendation: points(),
  previousSelection: points(),
  priority: z.strictObject({ pointsEach: points(), cap: points() }),
  /**
   * Most points a criterion's line may give (from v2): a line above its cap gives the cap.
   * Criteria left out are bounded by their own figures only.
   */
  caps: z.partialRecord(z.enum(criteria), points()).optional(),
});
export type ScoringGrid = z.output<typeof scoringGridSchema>;

/** How many priority criteria a household can meet (the five of the agreement with the State). */
const priorityCriteriaCount = 5;

const capped = (grid: ScoringGrid, criterion: Criterion, points: number) => Math.min(points, grid.caps?.[criterion] ?? points);

/**
 * The most points each line can give under a grid. Spouses without a cap count as one spouse
 * (a household declares one), the trial period as 0 (it only takes points away).
 */
export function maxPoints(grid: ScoringGrid): Record<Criterion, number> {
  const max: Record<Criterion, number> = {
    contract: Math.max(grid.contract.cdi, grid.contract.cddLong, grid.contract.other),
    'trial-period': 0,
    income: Math.max(grid.income.low, grid.income.middle, grid.income.high),
    'employer-contribution': Math.max(...grid.employerContribution.bands.map((band) => band.points)),
    'age-applicant': grid.age.applicant,
    'age-spouses': grid.age.eachSpouse,
    seniority: grid.caps?.seniority ?? Number.POSITIVE_INFINITY,
    'seniority-bonus': grid.seniority.bonus,
    recommendation: grid.recommendation,
    'previous-selection': grid.previousSelection,
    priority: Math.min(grid.priority.cap, priorityCriteriaCount * grid.priority.pointsEach),
  };
  for (const criterion of criteria) max[criterion] = capped(grid, criterion, max[criterion]);
  return max;
}

/**
 * The seniority rule of v2: seniority and its bonus together give strictly fewer points than
 * every other criterion at its best together, so that no length of wait alone outranks a file.
 */
export function seniorityBounds(grid: ScoringGrid): { seniority: number; others: number } {
  const max = maxPoints(grid);
  const seniority = max.seniority + max['seniority-bonus'];
  const others = criteria.filter((c) => c !== 'seniority' && c !== 'seniority-bonus').reduce((sum, c) => sum + max[c], 0);
  return { seniority, others };
}

/**
 * A grid the operator publishes (from v2 on): it caps the seniority, below all the other
 * criteria together.
 */
export const publishableGridSchema = scoringGridSchema.superRefine((grid, context) => {
  const { seniority, others } = seniorityBounds(grid);
  if (grid.caps?.seniority === undefined) {
    context.addIssue({ code: 'custom', path: ['caps', 'seniority'], message: 'Plafond de l’ancienneté obligatoire (en points).' });
  } else if (seniority >= others) {
    context.addIssue({
      code: 'custom',
      path: ['caps', 'seniority'],
      message: `L’ancienneté (au plus ${seniority} points avec son bonus) doit peser moins que tous les autres critères réunis (${others} points).`,
    });
  }
});

/** The grids shipped with the platform, oldest first. */
export const scoringGrids: readonly ScoringGrid[] = [gridV1, gridV2]
  .map((grid) => scoringGridSchema.parse(grid))
  .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));

export class NoScoringGridError extends Error {
  override readonly name = 'NoScoringGridError';
}

/**
 * The grid in force at an instant: the latest whose `effectiveFrom` (a French calendar day) is
 * on or before that day. An offer is scored with the grid in force when its window closes.
 */
export function gridInForce(now: Date, grids: readonly ScoringGrid[] = scoringGrids): ScoringGrid {
  const today = calendarDayIn(timeZone, now);
  const grid = grids.filter((candidate) => candidate.effectiveFrom <= today).at(-1);
  if (!grid) throw new NoScoringGridError(`No scoring grid in force on ${today}.`);
  return grid;
}
