import type { Principal } from '#shared/auth.ts';
import { ConflictError } from '#shared/errors.ts';
import { evaluateCompanyEligibility } from './eligibility.ts';
import { companyFigureFields, type CompanyHistoryView, type CompanyUpdate, type CompanyUpdateView } from './company-schemas.ts';
import { CompanyChanged, type Company, type CompanyHistoryEntry } from './company-store.ts';
import { type CompanyDeps, ownCompany, toView } from './company-use-cases.ts';

const eligibilityMessage = (before: boolean, after: boolean) =>
  before === after
    ? `L’entreprise ${after ? 'reste éligible' : 'reste non éligible'} : ses salariés ${after ? 'peuvent' : 'ne peuvent pas'} candidater.`
    : after
      ? 'L’entreprise devient éligible : ses salariés peuvent candidater.'
      : 'L’entreprise n’est plus éligible : ses salariés ne peuvent plus candidater tant que ses chiffres ne remplissent pas les conditions.';

/**
 * The company's HR (or an operator) keeps its figures current: headcount, sector (agricultural
 * or not), PEEC contributor status, last contribution and its year.
 * 1. The caller's own company (operators: any): 403 another's, 404 unknown.
 * 2. Only the fields that differ are changes; none: the company as it is, nothing written.
 * 3. The new figures are in force from now; the former ones are kept with the instant they
 *    stopped (`previousFigures`), so the robot scores a window closed before with them.
 * 4. One transaction: the company, over the revision read (a concurrent change: 409), and its
 *    history entry (who, when, each field from → to, eligibility before and after).
 * 5. Answer the company, its eligibility recomputed and the change explained.
 */
export async function updateCompany(
  deps: CompanyDeps,
  siret: string,
  update: CompanyUpdate,
  caller: Principal,
): Promise<CompanyUpdateView> {
  const company = await ownCompany(deps, siret, caller, 'mettre à jour');
  const changes = companyFigureFields.flatMap((field) => {
    const to = update[field];
    return to === undefined || to === company[field] ? [] : [{ field, from: company[field], to }];
  });
  const eligibleBefore = evaluateCompanyEligibility(company, deps.rules).eligible;
  if (changes.length === 0) {
    return {
      ...toView(company, deps.rules),
      eligibilityChange: { before: eligibleBefore, after: eligibleBefore, message: eligibilityMessage(eligibleBefore, eligibleBefore) },
    };
  }
  const at = deps.now().toISOString();
  const { sector, headcount, contributor, lastContributionEuros, lastContributionYear } = company;
  const updated: Company = {
    ...company,
    ...Object.fromEntries(changes.map((change) => [change.field, change.to])),
    updatedAt: at,
    revision: (company.revision ?? 0) + 1,
    previousFigures: [
      ...(company.previousFigures ?? []),
      { sector, headcount, contributor, lastContributionEuros, lastContributionYear, until: at },
    ],
  };
  const eligibleAfter = evaluateCompanyEligibility(updated, deps.rules).eligible;
  const entry: CompanyHistoryEntry = {
    siret,
    at,
    by: caller.userId,
    role: caller.roles.includes('operator') ? 'operator' : 'company',
    changes,
    eligibleBefore,
    eligibleAfter,
  };
  try {
    await deps.companies.update(updated, company.revision, entry);
  } catch (error) {
    if (error instanceof CompanyChanged) {
      throw new ConflictError(
        'COMPANY_CHANGED',
        'Les chiffres de l’entreprise ont été modifiés en même temps par une autre requête ; relisez-les et réessayez.',
      );
    }
    throw error;
  }
  return {
    ...toView(updated, deps.rules),
    eligibilityChange: { before: eligibleBefore, after: eligibleAfter, message: eligibilityMessage(eligibleBefore, eligibleAfter) },
  };
}

/**
 * The history of a company's figures, for the operator: each change, oldest first.
 * 1. The company must exist (404).
 * 2. One Query of its history items.
 */
export async function companyHistory(deps: CompanyDeps, siret: string, caller: Principal): Promise<CompanyHistoryView> {
  await ownCompany(deps, siret, caller, 'consulter');
  const entries = await deps.companies.history(siret);
  return { siret, entries: entries.map(({ siret: _siret, ...entry }) => entry) };
}
