import { getSituation as route } from '../situation-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { situationDeps } from '../situation-deps.ts';
import { getSituation } from '../situation-use-cases.ts';

export const handler = httpHandler(route, ({ principal }) => getSituation(situationDeps, principal.userId));
