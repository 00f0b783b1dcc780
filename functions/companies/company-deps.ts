import { companyEligibilityRules } from '#shared/business-rules.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { companyStore } from './company-store.ts';
import type { CompanyDeps } from './company-use-cases.ts';

/** The companies area's dependencies, wired once per execution environment. */
export const companyDeps: CompanyDeps = {
  companies: companyStore(dynamodb, config.tableName),
  rules: companyEligibilityRules,
  now: () => new Date(),
};
