import { roles } from '#shared/roles.ts';
import type { RouteDefinition } from '#shared/route.ts';
import { communeSearchQuerySchema, communeSearchResultSchema } from './commune-schemas.ts';

/**
 * Typed-ahead by every signed-in person (the employee's search criteria, a landlord's offer): a
 * read of bundled reference data, no table. Limited like the other signed-in reads, by the
 * authorizer and the stage throttle: counters in the table would cost a write per keystroke, and
 * the web asks only after a pause in typing.
 */
export const searchCommunes = {
  method: 'GET',
  path: '/communes',
  handler: 'housing-file/handlers/search-communes.ts',
  needs: {},
  access: roles,
  summary: 'Trouver une commune par le début de son nom, son code postal ou son code INSEE (COG 2026)',
  tag: 'housing-file',
  request: { query: communeSearchQuerySchema },
  response: { status: 200, description: 'Les communes trouvées, les plus proches de la saisie d’abord', body: communeSearchResultSchema },
  errors: [400, 401, 403],
} as const satisfies RouteDefinition;

/** The commune reference, searched by name for the pickers of the web app. */
export const communeRoutes = { searchCommunes } as const satisfies Record<string, RouteDefinition>;
