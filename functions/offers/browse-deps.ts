import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { situationStore } from '#housing-file/situation-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import type { BrowseDeps } from './browse-use-cases.ts';
import { offerStore } from './offer-store.ts';

/** What the employee's offer routes need, wired once per execution environment. */
export const browseDeps: BrowseDeps = {
  offers: offerStore(dynamodb, config.tableName),
  situations: situationStore(dynamodb, config.tableName),
  geography: loadGeography,
  now: () => new Date(),
};
