import type { Principal } from '#shared/auth.ts';
import type { CompanyEligibilityRules } from '#shared/business-rules.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/errors.ts';
import { contributionPerEmployeeEuros, evaluateCompanyEligibility } from './eligibility.ts';
import { CompanyAlreadyDeclared, type Company, type CompanyStore } from './company-store.ts';
import type { CompanyDeclaration, CompanyView } from './company-schemas.ts';

export interface CompanyDeps {
  readonly companies: CompanyStore;
  readonly rules: CompanyEligibilityRules;
  readonly now: () => Date;
}

export const toView = (company: Company, rules: CompanyEligibilityRules): CompanyView => ({
  siret: company.siret,
  name: company.name,
  sector: company.sector,
  headcount: company.headcount,
  contributor: company.contributor,
  lastContributionEuros: company.lastContributionEuros,
  lastContributionYear: company.lastContributionYear,
  contributionPerEmployeeEuros: Math.round(contributionPerEmployeeEuros(company) * 100) / 100,
  declaredAt: company.declaredAt,
  ...(company.updatedAt && { updatedAt: company.updatedAt }),
  eligibility: evaluateCompanyEligibility(company, rules),
});

/**
 * An operator declares a company.
 * 1. Build the company record, stamped with the declaration time and the operator.
 * 2. Store it, with the HR contact's welcome notification, in one transaction; a SIRET
 *    already declared is a conflict.
 * 3. Answer the company with its eligibility.
 */
export async function declareCompany(deps: CompanyDeps, declaration: CompanyDeclaration, operator: Principal) {
  const { hrContactEmail, ...facts } = declaration;
  const company: Company = { ...facts, declaredAt: deps.now().toISOString(), declaredBy: operator.userId };
  try {
    await deps.companies.create(company, hrContactEmail);
  } catch (error) {
    if (error instanceof CompanyAlreadyDeclared) {
      throw new ConflictError('COMPANY_EXISTS', `L’entreprise de SIRET ${company.siret} est déjà déclarée.`);
    }
    throw error;
  }
  return toView(company, deps.rules);
}

/**
 * Reads a company with its eligibility: operators read any company, company users only their own.
 * 1. Check ownership from the caller's token (no read needed to refuse).
 * 2. Read the company by SIRET; unknown is a 404.
 */
export async function getCompany(deps: CompanyDeps, siret: string, caller: Principal) {
  return toView(await ownCompany(deps, siret, caller, 'consulter'), deps.rules);
}

/** The company of the caller's SIRET (operators: any), 403 another's, 404 unknown. */
export async function ownCompany(deps: Pick<CompanyDeps, 'companies'>, siret: string, caller: Principal, verb: string): Promise<Company> {
  const isOperator = caller.roles.includes('operator');
  if (!isOperator && caller.siret !== siret) {
    throw new ForbiddenError(`Vous ne pouvez ${verb} que votre propre entreprise.`);
  }
  const company = await deps.companies.get(siret);
  if (!company) throw new NotFoundError(`Aucune entreprise déclarée avec le SIRET ${siret}.`);
  return company;
}

/** Public eligibility check: eligible or not, nothing more; an unknown company is not eligible. */
export async function checkEligibility(deps: CompanyDeps, siret: string) {
  const company = await deps.companies.get(siret);
  const eligible = company ? evaluateCompanyEligibility(company, deps.rules).eligible : false;
  return { siret, eligible };
}
