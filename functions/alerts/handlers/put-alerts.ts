import { putAlerts as route } from '../alert-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { alertDeps } from '../alert-deps.ts';
import { putAlerts } from '../alert-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => putAlerts(alertDeps, principal.userId, body));
