import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { companyStore } from '#companies/company-store.ts';
import { offerStore } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { applicationStore } from './application-store.ts';
import { verdictRules } from './apply-verdict.ts';
import { recentDepartments, type BrowseDeps } from './browse-use-cases.ts';

/** What the employee's offer routes need, wired once per execution environment. */
export const browseDeps: BrowseDeps = {
  offers: offerStore(dynamodb, config.tableName),
  files: applicationStore(dynamodb, config.tableName),
  companies: companyStore(dynamodb, config.tableName),
  grids: scoringGridStore(dynamodb, config.tableName),
  rules: verdictRules,
  geography: loadGeography,
  now: () => new Date(),
  // A few thousand callers of a warm container: a few hundred kilobytes at the most.
  recentDepartments: recentDepartments(5_000),
};
