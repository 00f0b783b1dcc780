import { z } from 'zod';
import gridV1 from '../../data/reference/scoring-grid-v1.json' with { type: 'json' };
import { calendarDayIn, timeZone } from '#shared/calendar.ts';

/**
 * The scoring grid (rule R9) as versioned data: one file per version in
 * `data/reference/scoring-grid-<version>.json`, parsed here at load so that a malformed grid
 * fails at cold start, never in the middle of a scoring run. Every number and boundary is
 * explained in `README.md` of this folder.
 */
const points = () => z.int().min(0).max(1_000);

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
});
export type ScoringGrid = z.output<typeof scoringGridSchema>;

/** The grids shipped with the platform, oldest first. */
export const scoringGrids: readonly ScoringGrid[] = [gridV1]
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
