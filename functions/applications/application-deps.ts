import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { documentRules } from '#housing-file/document-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { companyStore } from '#companies/company-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { applicationRules } from './application-rules.ts';
import { applicationStore } from './application-store.ts';
import type { ApplicationDeps } from './application-use-cases.ts';

/** What the application routes need, wired once per execution environment. */
export const applicationDeps: ApplicationDeps = {
  applications: applicationStore(dynamodb, config.tableName),
  rules: applicationRules,
  documentRules,
  situationRules,
  companies: companyStore(dynamodb, config.tableName),
  grids: scoringGridStore(dynamodb, config.tableName),
  geography: loadGeography,
  appUrl: config.appUrl,
  now: () => new Date(),
};
