import { getScoringGrid as route } from '../scoring-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { scoringGridDeps } from '../scoring-grid-deps.ts';
import { scoringGridInForce } from '../scoring-grids.ts';

export const handler = httpHandler(route, () => scoringGridInForce(scoringGridDeps));
