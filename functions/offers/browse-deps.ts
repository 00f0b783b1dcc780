import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { browsingEmployees } from './browse-applicants.ts';
import type { BrowseDeps } from './browse-use-cases.ts';
import { offerStore } from './offer-store.ts';

/** What the employee's offer routes need, wired once per execution environment. */
export const browseDeps: BrowseDeps = {
  offers: offerStore(dynamodb, config.tableName),
  employees: browsingEmployees(dynamodb, config.tableName),
  geography: loadGeography,
  now: () => new Date(),
};
