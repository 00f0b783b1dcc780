import { alertSettingsInputSchema, alertSettingsViewSchema } from '#alerts/alert-schemas.ts';
import type { RouteDefinition } from '../route.ts';

/** New-offer alerts: the employee opts in to a daily digest of the new offers that match "Ma situation". */
export const alertRoutes = {
  getAlerts: {
    method: 'GET',
    path: '/me/alerts',
    handler: 'alerts/get-alerts.ts',
    access: ['employee'],
    summary: 'Lire mes alertes de nouvelles offres',
    tag: 'alerts',
    request: {},
    response: { status: 200, description: 'Mes alertes', body: alertSettingsViewSchema },
    errors: [401, 403, 404],
  },
  putAlerts: {
    method: 'PUT',
    path: '/me/alerts',
    handler: 'alerts/put-alerts.ts',
    access: ['employee'],
    summary: 'Recevoir (ou ne plus recevoir) chaque jour les nouvelles offres qui correspondent à « Ma situation »',
    tag: 'alerts',
    request: { body: alertSettingsInputSchema },
    response: { status: 200, description: 'Mes alertes enregistrées', body: alertSettingsViewSchema },
    errors: [400, 401, 403, 404, 409],
  },
} as const satisfies Record<string, RouteDefinition>;
