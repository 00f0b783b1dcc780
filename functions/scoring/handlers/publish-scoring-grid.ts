import { publishScoringGrid as route } from '../scoring-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { scoringGridDeps } from '../scoring-grid-deps.ts';
import { publishScoringGrid } from '../scoring-grids.ts';

export const handler = httpHandler(route, ({ body, principal }) =>
  publishScoringGrid(scoringGridDeps, { grid: body, by: principal.userId }),
);
