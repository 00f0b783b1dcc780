import { withdrawMyApplication as route } from '../application-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { applicationDeps } from '../application-deps.ts';
import { withdraw } from '../application-use-cases.ts';

export const handler = httpHandler(route, ({ params, principal }) => withdraw(applicationDeps, params.applicationId, principal));
