import { listScoringGrids as route } from '../scoring-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { scoringGridDeps } from '../scoring-grid-deps.ts';
import { listScoringGrids } from '../scoring-grids.ts';

export const handler = httpHandler(route, () => listScoringGrids(scoringGridDeps));
