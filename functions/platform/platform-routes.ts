import { healthSchema, openApiDocumentSchema } from './platform-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const health = {
  method: 'GET',
  path: '/health',
  handler: 'platform/handlers/health.ts',
  needs: { describeDependencies: true },
  access: 'public',
  summary: 'État du service et de chacune de ses dépendances',
  tag: 'platform',
  request: {},
  response: { status: 200, description: 'État des dépendances', body: healthSchema },
  errors: [],
} as const satisfies RouteDefinition;

export const openApi = {
  method: 'GET',
  path: '/openapi.json',
  handler: 'platform/handlers/open-api.ts',
  needs: {},
  access: 'public',
  summary: 'Ce document OpenAPI 3.1',
  tag: 'platform',
  request: {},
  response: { status: 200, description: 'Document OpenAPI', body: openApiDocumentSchema },
  errors: [],
} as const satisfies RouteDefinition;

/** Health and the API's own description. */
export const platformRoutes = { health, openApi } as const satisfies Record<string, RouteDefinition>;
