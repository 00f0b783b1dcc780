import { alertSettingsInputSchema, alertSettingsViewSchema } from './alert-schemas.ts';
import type { RouteDefinition } from '#shared/route.ts';

export const getAlerts = {
  method: 'GET',
  path: '/me/alerts',
  handler: 'alerts/handlers/get-alerts.ts',
  needs: { table: ['BatchGetItem', 'Query'], indexes: ['GSI3'] },
  access: ['employee'],
  summary: 'Lire mes alertes de nouvelles offres',
  tag: 'alerts',
  request: {},
  response: { status: 200, description: 'Mes alertes', body: alertSettingsViewSchema },
  errors: [401, 403, 404],
} as const satisfies RouteDefinition;

export const putAlerts = {
  method: 'PUT',
  path: '/me/alerts',
  handler: 'alerts/handlers/put-alerts.ts',
  needs: { table: ['BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: ['GSI3'] },
  access: ['employee'],
  summary: 'Recevoir (ou ne plus recevoir) chaque jour les nouvelles offres qui correspondent à « Ma situation »',
  tag: 'alerts',
  request: { body: alertSettingsInputSchema },
  response: { status: 200, description: 'Mes alertes enregistrées', body: alertSettingsViewSchema },
  errors: [400, 401, 403, 404, 409],
} as const satisfies RouteDefinition;

/** New-offer alerts: the employee opts in to a daily digest of the new offers that match "Ma situation". */
export const alertRoutes = { getAlerts, putAlerts } as const satisfies Record<string, RouteDefinition>;
