import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankingSortKey } from '#applications/provisional-score.ts';
import { compareScored, type Scored } from '#scoring/select.ts';

/**
 * The live position counts the ranking keys that sort before an application's (one Query on
 * GSI2): that count is its rank only if the text order of the keys is the robot's order.
 */
const scoredArbitrary: fc.Arbitrary<Scored> = fc.record({
  employeeId: fc.uuid(),
  appliedAt: fc
    .integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2026-11-08T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString()),
  nudFirstRegisteredOn: fc.option(
    fc
      .integer({ min: 0, max: 4_000 })
      .map((days) => new Date(Date.parse('2015-01-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10)),
    { nil: null },
  ),
  // Few distinct totals, so that the tie-breaks decide often; negative ones too (a trial-period penalty).
  score: fc.integer({ min: -20, max: 400 }).map((total) => ({ total: total % 7 === 0 ? 100 : total, breakdown: [], gridVersion: 'v1' })),
});

const keyOf = (scored: Scored) =>
  rankingSortKey({
    total: scored.score.total,
    nudFirstRegisteredOn: scored.nudFirstRegisteredOn,
    appliedAt: scored.appliedAt,
    employeeId: scored.employeeId,
  });

describe('the ranking key of the live position', () => {
  it('sorts as the robot ranks (compareScored), ties included', () => {
    fc.assert(
      fc.property(fc.array(scoredArbitrary, { minLength: 2, maxLength: 40 }), (applications) => {
        const byRobot = [...applications].sort(compareScored).map((scored) => scored.employeeId);
        const byKey = [...applications].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0)).map((s) => s.employeeId);
        expect(byKey).toEqual(byRobot);
      }),
      { numRuns: 500, seed: 8 },
    );
  });

  it('keeps hundredths and refuses a score beyond its range', () => {
    const base = { nudFirstRegisteredOn: null, appliedAt: '2026-11-02T10:00:00.000Z', employeeId: 'e' };
    expect(rankingSortKey({ ...base, total: 10.25 }) < rankingSortKey({ ...base, total: 10.2 })).toBe(true);
    expect(() => rankingSortKey({ ...base, total: 2_000_000 })).toThrow(RangeError);
  });
});
