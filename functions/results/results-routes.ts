import { roles } from '#shared/roles.ts';
import type { RouteDefinition } from '#shared/route.ts';
import { resultsPageSchema, resultsQuerySchema } from './results-schemas.ts';

export const listResults = {
  method: 'GET',
  path: '/results',
  handler: 'results/handlers/list-results.ts',
  needs: { table: ['BatchGetItem', 'Query'], indexes: ['GSI1'] },
  access: roles,
  summary:
    'Résultats publiés des offres attribuées d’un département (ou d’une commune) : typologie, financement, nombre de candidats, score et ancienneté du dossier attributaire, délai d’attribution ; rien qui identifie une personne',
  tag: 'results',
  request: { query: resultsQuerySchema },
  response: { status: 200, description: 'Une page de résultats', body: resultsPageSchema },
  errors: [400, 401],
} as const satisfies RouteDefinition;

/** Transparency of past attributions (issue 13, item 8), for every signed-in user. */
export const resultsRoutes = { listResults } as const satisfies Record<string, RouteDefinition>;
