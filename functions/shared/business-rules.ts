/**
 * Business numbers in one place. They are defaults of the platform's rules (DESIGN §2); code
 * receives them as arguments so that tests and operators can use other values.
 */
export interface CompanyEligibilityRules {
  /** Rule R1: minimum headcount by sector. */
  readonly minimumHeadcount: { readonly private: number; readonly agricultural: number };
  /** Rule R1: the company must pay the employers' housing contribution (PEEC). */
  readonly contributionRequired: boolean;
}

export const companyEligibilityRules: CompanyEligibilityRules = {
  minimumHeadcount: { private: 10, agricultural: 50 },
  contributionRequired: true,
};
