import { routes } from '#definitions/routes.ts';
import { httpHandler } from '#shared/http.ts';
import { applicationDeps } from './application-deps.ts';
import { withdraw } from './application-use-cases.ts';

export const handler = httpHandler(routes.withdrawMyApplication, ({ params, principal }) => withdraw(applicationDeps, params.applicationId, principal));
