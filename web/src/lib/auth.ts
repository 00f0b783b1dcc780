import { login, logout, refreshSession } from '#identity/identity-routes.ts';
import { ApiError, callApi, type RequestOf } from './api-client.ts';
import { type Session, sessionStore, type Tokens } from './session.ts';

/** Tokens are renewed this long before they expire, so that no call goes out with an expired one. */
const renewAheadMs = 60_000;
let renewal: ReturnType<typeof setTimeout> | undefined;

function keep(tokens: Tokens): Session {
  const session = sessionStore.signIn({ idToken: tokens.idToken, expiresIn: tokens.expiresIn });
  clearTimeout(renewal);
  renewal = setTimeout(() => void restoreSession(), Math.max(tokens.expiresIn * 1000 - renewAheadMs, renewAheadMs));
  return session;
}

/**
 * Signs in with e-mail and password. Only the ID token (this API's bearer token) is kept, in
 * memory; the refresh token lives in the HttpOnly cookie the login answer sets (`Path=/auth`),
 * out of the page's reach. A refresh token also present in the answer's body is dropped.
 */
export async function signIn(credentials: RequestOf<typeof login>['body']): Promise<Session> {
  const tokens = await callApi(login, { body: credentials });
  return keep(tokens);
}

/**
 * After a reload or in a new tab, and before the tokens expire: new tokens from the refresh
 * route, which reads the session cookie. No cookie, or a revoked one: signed out.
 */
async function restoreSession(): Promise<void> {
  try {
    keep(await callApi(refreshSession, { body: {} }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    clearTimeout(renewal);
    sessionStore.signOut();
  }
}

let restoring: Promise<void> | undefined;

/**
 * Restores the session once, when a signed-in page is first shown. Public pages never ask: a
 * visitor without a session would only add failed attempts to the refresh route's per-address limit.
 */
export function restoreSessionOnce(): Promise<void> {
  restoring ??= restoreSession().finally(() => {
    restoring = undefined;
  });
  return restoring;
}

/** Revokes the session (the API clears its cookie), then forgets it in this page, even if the API could not be reached. */
export async function signOut(): Promise<void> {
  clearTimeout(renewal);
  try {
    await callApi(logout, { body: {} });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  } finally {
    sessionStore.signOut();
  }
}
