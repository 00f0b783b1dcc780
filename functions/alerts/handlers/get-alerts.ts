import { getAlerts as route } from '../alert-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { alertDeps } from '../alert-deps.ts';
import { getAlerts } from '../alert-use-cases.ts';

export const handler = httpHandler(route, ({ principal }) => getAlerts(alertDeps, principal.userId));
