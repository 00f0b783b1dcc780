import { applicationStore } from '#applications/application-store.ts';
import { verdictRules } from '#applications/apply-verdict.ts';
import { jobRunStore } from '#jobs/job-run-store.ts';
import { offerStore } from '#offers/offer-store.ts';
import { loadGeography } from '#offers/reference/geography.ts';
import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { alertRules } from './alert-schemas.ts';
import { alertStore } from './alert-store.ts';
import type { NewOfferAlertsDeps } from './new-offer-alerts-job.ts';

export const newOfferAlertsDeps: NewOfferAlertsDeps = {
  alerts: alertStore(dynamodb, config.tableName),
  offers: offerStore(dynamodb, config.tableName),
  files: applicationStore(dynamodb, config.tableName),
  verdictRules,
  geography: loadGeography,
  runs: jobRunStore(dynamodb, config.tableName),
  rules: alertRules,
  appUrl: config.appUrl,
};
