import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { scoringGridDeps } from './scoring-grid-deps.ts';
import { scoringGridInForce } from './scoring-grids.ts';

export const handler = httpHandler(routes.getScoringGrid, () => scoringGridInForce(scoringGridDeps));
