import { dynamodb } from '#shared/clients.ts';
import { config } from '#shared/config.ts';
import { scoringGridStore } from './grid-store.ts';
import type { ScoringGridDeps } from './scoring-grids.ts';

export const scoringGridDeps: ScoringGridDeps = {
  grids: scoringGridStore(dynamodb, config.tableName),
  now: () => new Date(),
};
