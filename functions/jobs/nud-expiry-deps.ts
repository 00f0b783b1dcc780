import { situationRules } from '#housing-file/situation-rules.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { jobRunStore } from './job-run-store.ts';
import type { NudExpiryDeps } from './nud-expiry-job.ts';
import { nudExpiryStore } from './nud-expiry-store.ts';

export const nudExpiryDeps: NudExpiryDeps = {
  expiries: nudExpiryStore(dynamodb, config.tableName),
  runs: jobRunStore(dynamodb, config.tableName),
  rules: situationRules,
  appUrl: config.appUrl,
};
