/**
 * Business numbers in one place. They are defaults of the platform's rules (DESIGN §2); code
 * receives them as arguments so that tests and operators can use other values.
 */
export const companyEligibilityRules = {
  /** Rule R1: minimum headcount by sector. */
  minimumHeadcount: { private: 10, agricultural: 50 },
  /** Rule R1: the company must pay the employers' housing contribution (PEEC). */
  contributionRequired: true,
} as const;

export type CompanyEligibilityRules = typeof companyEligibilityRules;
