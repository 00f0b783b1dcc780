import { publishableGridSchema, scoringGridSchema } from './grid.ts';
import { scoringGridsViewSchema } from './scoring-grid-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';
import { roles } from '#shared/roles.ts';

export const listScoringGrids = {
  method: 'GET',
  path: '/operator/scoring-grids',
  handler: 'scoring/handlers/list-scoring-grids.ts',
  needs: { table: ['Query'] },
  access: ['operator'],
  summary: 'Lire toutes les versions de la grille de cotation, celle en vigueur marquée (opérateur)',
  tag: 'scoring',
  request: {},
  response: { status: 200, description: 'Les grilles et leur statut', body: scoringGridsViewSchema },
  errors: [401, 403],
} as const satisfies RouteDefinition;

export const publishScoringGrid = {
  method: 'POST',
  path: '/operator/scoring-grids',
  handler: 'scoring/handlers/publish-scoring-grid.ts',
  needs: { table: ['Query', 'PutItem'] },
  access: ['operator'],
  summary:
    'Publier une nouvelle version de la grille de cotation, à effet au plus tôt le lendemain, ancienneté plafonnée sous la somme des autres critères (opérateur)',
  tag: 'scoring',
  request: { body: publishableGridSchema },
  response: { status: 201, description: 'La grille publiée', body: scoringGridSchema },
  errors: [400, 401, 403, 409, 422],
} as const satisfies RouteDefinition;

export const getScoringGrid = {
  method: 'GET',
  path: '/scoring-grid',
  handler: 'scoring/handlers/get-scoring-grid.ts',
  needs: { table: ['Query'] },
  access: roles,
  summary: 'Lire la grille de cotation en vigueur : chaque critère et ses points',
  tag: 'scoring',
  request: {},
  response: { status: 200, description: 'La grille en vigueur aujourd’hui', body: scoringGridSchema },
  errors: [401],
} as const satisfies RouteDefinition;

/** The scoring grid (rule R9): versioned, published by the operator, readable by everyone signed in. */
export const scoringRoutes = { listScoringGrids, publishScoringGrid, getScoringGrid } as const satisfies Record<string, RouteDefinition>;
