import { logout as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { sessionDeps } from '../session-deps.ts';
import { clearedRefreshCookie, endSession, refreshTokenOf } from '../sessions.ts';

export const handler = httpHandler(route, async ({ body, cookies, setCookie }) => {
  setCookie(clearedRefreshCookie);
  return endSession(sessionDeps, refreshTokenOf(body, cookies));
});
