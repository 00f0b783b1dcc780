import type { CompanyEligibilityRules } from '#shared/business-rules.ts';
import { encodeCursor, type PageQuery } from '#shared/page-cursor.ts';
import { readPage } from '#shared/page-read.ts';
import { logger } from '#shared/powertools.ts';
import { evaluateCompanyEligibility } from './eligibility.ts';
import type { CompanyPage } from './company-schemas.ts';
import type { CompanyStore } from './company-store.ts';

export interface CompanyListDeps {
  readonly companies: Pick<CompanyStore, 'list'>;
  readonly rules: CompanyEligibilityRules;
}

/**
 * The operator's list of companies, one page at a time, by name.
 * 1. One Query on GSI1 `COMPANIES` (the route admits operators only).
 * 2. Each company with its figures and its eligibility (rule R1, computed from the figures as
 *    the company page does); an item that does not read as a company is left out, its key logged.
 * A cursor DynamoDB refuses is a 400 on `query.cursor`.
 */
export async function listCompanies(deps: CompanyListDeps, query: PageQuery): Promise<CompanyPage> {
  const page = await readPage(query.cursor, () => deps.companies.list(query.limit, query.cursor));
  if (page.unreadable.length > 0) logger.warn('Company list: unreadable items left out', { keys: page.unreadable });
  return {
    companies: page.companies.map((company) => ({
      siret: company.siret,
      name: company.name,
      sector: company.sector,
      headcount: company.headcount,
      contributor: company.contributor,
      eligible: evaluateCompanyEligibility(company, deps.rules).eligible,
      declaredAt: company.declaredAt,
      ...(company.updatedAt && { updatedAt: company.updatedAt }),
    })),
    cursor: page.cursor ? encodeCursor(page.cursor) : undefined,
  };
}
