import { renewNud as route } from '../situation-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { situationDeps } from '../situation-deps.ts';
import { renewNud } from '../situation-use-cases.ts';

export const handler = httpHandler(route, ({ body, principal }) => renewNud(situationDeps, principal.userId, body));
