import { login as route } from '../identity-routes.ts';
import { httpHandler } from '#shared/http.ts';
import { logIn } from '../authentication.ts';
import { sessionDeps } from '../session-deps.ts';
import { refreshCookie } from '../sessions.ts';

export const handler = httpHandler(route, async ({ body, setCookie }) => {
  const tokens = await logIn(sessionDeps, body);
  if (tokens.refreshToken) setCookie(refreshCookie(tokens.refreshToken));
  return tokens;
});
