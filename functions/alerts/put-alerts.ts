import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { alertDeps } from './alert-deps.ts';
import { putAlerts } from './alert-use-cases.ts';

export const handler = httpHandler(routes.putAlerts, ({ body, principal }) => putAlerts(alertDeps, principal.userId, body));
