import { describe, expect, it } from 'vitest';
import { evaluateCompanyEligibility, type EligibilityFacts } from '#companies/eligibility.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';

const evaluate = (facts: EligibilityFacts) => evaluateCompanyEligibility(facts, companyEligibilityRules);

describe('company eligibility (rule R1)', () => {
  it.each([
    ['private', 9, false],
    ['private', 10, true],
    ['agricultural', 49, false],
    ['agricultural', 50, true],
    ['agricultural', 10, false],
  ] as const)('a %s company with %i employees that contributes is eligible: %s', (sector, headcount, eligible) => {
    expect(evaluate({ sector, headcount, contributor: true }).eligible).toBe(eligible);
  });

  it('a large private company that does not pay the contribution is not eligible, and says why', () => {
    const result = evaluate({ sector: 'private', headcount: 500, contributor: false });
    expect(result.eligible).toBe(false);
    expect(result.reasons).toEqual([
      expect.objectContaining({ criterion: 'headcount', met: true }),
      expect.objectContaining({ criterion: 'contribution', met: false }),
    ]);
  });

  it('reports the unmet headcount with the sector minimum in the message', () => {
    const result = evaluate({ sector: 'agricultural', headcount: 49, contributor: true });
    const headcount = result.reasons.find((reason) => reason.criterion === 'headcount');
    expect(headcount).toMatchObject({ met: false });
    expect(headcount?.message).toContain('minimum de 50');
  });

  it('uses the thresholds it is given, not literals', () => {
    const rules = { ...companyEligibilityRules, minimumHeadcount: { private: 20, agricultural: 50 } };
    expect(evaluateCompanyEligibility({ sector: 'private', headcount: 15, contributor: true }, rules).eligible).toBe(false);
  });
});
