import { scoringGridSchema } from '#lifecycle/scoring/grid.ts';
import { scoringGridsViewSchema } from '#lifecycle/scoring/scoring-grid-schemas.ts';
import type { RouteDefinition } from '../route.ts';
import { roles } from '../roles.ts';

/** The scoring grid (rule R9): versioned, published by the operator, readable by everyone signed in. */
export const scoringRoutes = {
  listScoringGrids: {
    method: 'GET',
    path: '/operator/scoring-grids',
    handler: 'lifecycle/scoring/list-scoring-grids.ts',
    access: ['operator'],
    summary: 'Lire toutes les versions de la grille de cotation, celle en vigueur marquée (opérateur)',
    tag: 'scoring',
    request: {},
    response: { status: 200, description: 'Les grilles et leur statut', body: scoringGridsViewSchema },
    errors: [401, 403],
  },
  publishScoringGrid: {
    method: 'POST',
    path: '/operator/scoring-grids',
    handler: 'lifecycle/scoring/publish-scoring-grid.ts',
    access: ['operator'],
    summary: 'Publier une nouvelle version de la grille de cotation, à effet au plus tôt le lendemain (opérateur)',
    tag: 'scoring',
    request: { body: scoringGridSchema },
    response: { status: 201, description: 'La grille publiée', body: scoringGridSchema },
    errors: [400, 401, 403, 409, 422],
  },
  getScoringGrid: {
    method: 'GET',
    path: '/scoring-grid',
    handler: 'lifecycle/scoring/get-scoring-grid.ts',
    access: roles,
    summary: 'Lire la grille de cotation en vigueur : chaque critère et ses points',
    tag: 'scoring',
    request: {},
    response: { status: 200, description: 'La grille en vigueur aujourd’hui', body: scoringGridSchema },
    errors: [401],
  },
} as const satisfies Record<string, RouteDefinition>;
