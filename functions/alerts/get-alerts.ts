import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { alertDeps } from './alert-deps.ts';
import { getAlerts } from './alert-use-cases.ts';

export const handler = httpHandler(routes.getAlerts, ({ principal }) => getAlerts(alertDeps, principal.userId));
