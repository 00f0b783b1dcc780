import { putSituation as route } from '../situation-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { situationDeps } from '../situation-deps.ts';
import { replaceSituation } from '../situation-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => replaceSituation(situationDeps, principal.userId, body));
