import { randomUUID } from 'node:crypto';
import { dynamodb, sfn } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { lifecycleStarter } from './lifecycle-starter.ts';
import { offerRules } from './offer-rules.ts';
import { offerStore } from './offer-store.ts';
import type { OfferDeps } from './offer-use-cases.ts';

/** What the landlord's offer routes need, wired once per execution environment. */
export const offerDeps: OfferDeps = {
  offers: offerStore(dynamodb, config.tableName),
  rules: { ...offerRules, applicationWindow: config.lifecycleDurations.applicationWindow },
  lifecycle: lifecycleStarter(sfn, config.offerLifecycleArn, config.lifecycleDurations, config.selectionRounds),
  now: () => new Date(),
  newId: randomUUID,
};
