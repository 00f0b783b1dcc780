import { refreshSession as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { sessionDeps } from '../session-deps.ts';
import { refreshSession, refreshTokenOf } from '../sessions.ts';

export const handler = httpHandler(route, ({ body, cookies }) => refreshSession(sessionDeps, refreshTokenOf(body, cookies)));
