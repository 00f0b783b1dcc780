import type { CompanyEligibilityRules } from '#shared/business-rules.ts';

type Sector = 'private' | 'agricultural';

export interface EligibilityFacts {
  readonly sector: Sector;
  readonly headcount: number;
  readonly contributor: boolean;
}

interface EligibilityReason {
  readonly criterion: 'headcount' | 'contribution';
  readonly met: boolean;
  readonly message: string;
}

export interface Eligibility {
  readonly eligible: boolean;
  readonly reasons: EligibilityReason[];
}

const sectorLabel: Record<Sector, string> = { private: 'secteur privé', agricultural: 'secteur agricole' };

/**
 * Rule R1: a private company with at least 10 employees, or an agricultural one with at least
 * 50, that pays the housing contribution. Every criterion is reported, met or not, so the
 * operator sees why.
 */
export function evaluateCompanyEligibility(facts: EligibilityFacts, rules: CompanyEligibilityRules): Eligibility {
  const minimum = rules.minimumHeadcount[facts.sector];
  const headcountMet = facts.headcount >= minimum;
  const contributionMet = !rules.contributionRequired || facts.contributor;
  const reasons: EligibilityReason[] = [
    {
      criterion: 'headcount',
      met: headcountMet,
      message: `${facts.headcount} salarié(s) pour un minimum de ${minimum} dans le ${sectorLabel[facts.sector]}.`,
    },
    {
      criterion: 'contribution',
      met: contributionMet,
      message: facts.contributor
        ? 'L’entreprise verse la participation des employeurs à l’effort de construction (PEEC).'
        : 'L’entreprise ne verse pas la participation des employeurs à l’effort de construction (PEEC).',
    },
  ];
  return { eligible: headcountMet && contributionMet, reasons };
}

/**
 * The employer's contribution per employee (the robot's employer criterion, R9): the company's
 * last yearly contribution divided by its headcount, 0 € for a company with no declared employee.
 */
export function contributionPerEmployeeEuros(company: { readonly lastContributionEuros: number; readonly headcount: number }): number {
  return company.headcount > 0 ? company.lastContributionEuros / company.headcount : 0;
}
