import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import type { NudCorrectionDeps } from './nud-correction.ts';
import { nudCorrectionStore } from './nud-correction-store.ts';
import { documentStore } from './document-store.ts';
import { situationRules } from './situation-rules.ts';
import { situationStore } from './situation-store.ts';
import type { SituationDeps } from './situation-use-cases.ts';

/** Dependencies of "Ma situation" and the NUD renewal, wired once per execution environment. */
export const situationDeps: SituationDeps = {
  situations: situationStore(dynamodb, config.tableName),
  documents: documentStore(dynamodb, config.tableName),
  rules: situationRules,
  now: () => new Date(),
};

/** Dependencies of the operator's NUD correction. */
export const nudCorrectionDeps: NudCorrectionDeps = {
  corrections: nudCorrectionStore(dynamodb, config.tableName),
  rules: situationRules,
  appUrl: config.appUrl,
  now: () => new Date(),
};
