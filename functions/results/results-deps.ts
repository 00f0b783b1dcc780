import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { ResultsDeps } from './results-use-cases.ts';
import { resultsStore } from './results-store.ts';

/** What the published results need, wired once per execution environment. */
export const resultsDeps: ResultsDeps = {
  results: resultsStore(dynamodb, config.tableName),
  now: () => new Date(),
};
