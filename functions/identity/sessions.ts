import {
  AdminInitiateAuthCommand,
  NotAuthorizedException,
  RevokeTokenCommand,
  UnsupportedTokenTypeException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { UnauthorizedError } from '#shared/errors.ts';
import { loginFailure, type LogInDeps } from './authentication.ts';

/**
 * Sessions after login: new ID and access tokens from the refresh token, and logout (the refresh
 * token revoked). The web app keeps no token in storage: login also sets the refresh token as an
 * `HttpOnly` cookie scoped to `/auth`, which these routes read when the body carries no token
 * (docs/decisions.md, "sessions without localStorage").
 */

const refreshCookieName = 'alin_refresh';
/** Sent only to the `/auth` routes, never readable by scripts; a session cookie (gone when the browser closes). */
const cookieAttributes = 'HttpOnly; Secure; SameSite=Strict; Path=/auth';

/** The `Set-Cookie` value that keeps the refresh token for `POST /auth/refresh` and `POST /auth/logout`. */
export const refreshCookie = (refreshToken: string) => `${refreshCookieName}=${refreshToken}; ${cookieAttributes}`;
/** The `Set-Cookie` value that removes it. */
export const clearedRefreshCookie = `${refreshCookieName}=; ${cookieAttributes}; Max-Age=0`;

/** The refresh token: the body's, else the cookie's (API Gateway hands cookies over as `name=value` strings). */
export function refreshTokenOf(body: { refreshToken?: string }, cookies: readonly string[]): string | undefined {
  if (body.refreshToken) return body.refreshToken;
  const prefix = `${refreshCookieName}=`;
  const value = cookies.find((cookie) => cookie.startsWith(prefix))?.slice(prefix.length);
  return value || undefined;
}

const sessionEnded = () => new UnauthorizedError('Votre session a expiré ou a été fermée : reconnectez-vous.');

/**
 * New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH, server-side like login).
 * 1. No token (neither body nor cookie): 401.
 * 2. A token Cognito refuses (expired, revoked, unknown): 401 asking to log in again; Cognito's
 *    throttling: 429, as at login.
 */
export async function refreshSession(deps: LogInDeps, refreshToken: string | undefined) {
  if (!refreshToken) throw sessionEnded();
  try {
    const { AuthenticationResult: result } = await deps.cognito.send(
      new AdminInitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        UserPoolId: deps.userPoolId,
        ClientId: deps.clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    if (!result?.IdToken || !result.AccessToken) throw sessionEnded();
    return { idToken: result.IdToken, accessToken: result.AccessToken, expiresIn: result.ExpiresIn ?? 3600 };
  } catch (error) {
    if (error instanceof NotAuthorizedException) throw sessionEnded();
    throw loginFailure(error);
  }
}

/**
 * Logout: the refresh token is revoked (RevokeToken, with the tokens issued from it), so neither it
 * nor a stolen copy gives new tokens. Already revoked, expired or unknown: the session is over all
 * the same, and the answer is the same. ID tokens already issued stay valid until they expire (1 h).
 */
export async function endSession(deps: { cognito: CognitoIdentityProviderClient; clientId: string }, refreshToken: string | undefined) {
  if (refreshToken) {
    try {
      await deps.cognito.send(new RevokeTokenCommand({ ClientId: deps.clientId, Token: refreshToken }));
    } catch (error) {
      if (!(error instanceof NotAuthorizedException || error instanceof UnsupportedTokenTypeException)) throw error;
    }
  }
  return { message: 'Vous êtes déconnecté(e).' };
}
