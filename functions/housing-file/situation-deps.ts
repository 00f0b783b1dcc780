import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { situationRules } from './situation-rules.ts';
import { situationStore } from './situation-store.ts';
import type { SituationDeps } from './situation-use-cases.ts';

/** Dependencies of "Ma situation" and the NUD renewal, wired once per execution environment. */
export const situationDeps: SituationDeps = {
  situations: situationStore(dynamodb, config.tableName),
  rules: situationRules,
  now: () => new Date(),
};
