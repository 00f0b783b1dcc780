import {
  AdminInitiateAuthCommand,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  TooManyFailedAttemptsException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { TooManyRequestsError, UnauthorizedError } from '#shared/errors.ts';
import type { LoginRequest } from './identity-schemas.ts';

export interface LogInDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Exchanges an e-mail and password for Cognito tokens.
 * 1. ADMIN_USER_PASSWORD_AUTH, a server-side call: the public app client does not allow
 *    USER_PASSWORD_AUTH, so passwords are tried only here, behind the route's limits (docs/decisions.md).
 * 2. Unknown user and wrong password get the same 401, so e-mails cannot be probed.
 */
export async function logIn(deps: LogInDeps, request: LoginRequest) {
  try {
    const { AuthenticationResult: result } = await deps.cognito.send(
      new AdminInitiateAuthCommand({
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        UserPoolId: deps.userPoolId,
        ClientId: deps.clientId,
        AuthParameters: { USERNAME: request.email, PASSWORD: request.password },
      }),
    );
    if (!result?.IdToken || !result.AccessToken) {
      throw new UnauthorizedError('Une étape de connexion supplémentaire est requise pour ce compte.');
    }
    return {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken,
      expiresIn: result.ExpiresIn ?? 3600,
    };
  } catch (error) {
    throw loginFailure(error);
  }
}

/** How long a caller refused by Cognito's own throttling is asked to wait. */
export const cognitoRetryAfterSeconds = 30;

/**
 * The answer to a Cognito error met at login: what the caller can act on is a 4xx with a French
 * message; anything else (the pool's configuration, Cognito down) stays a server error.
 * - unknown user and wrong password: the same 401, so e-mails cannot be probed;
 * - an account not confirmed, or whose password must be reset: 401 saying what to do;
 * - Cognito's throttling (requests, limits, failed attempts): 429 with `Retry-After`.
 */
export function loginFailure(error: unknown): unknown {
  if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) {
    return new UnauthorizedError('E-mail ou mot de passe incorrect.');
  }
  if (error instanceof UserNotConfirmedException) {
    return new UnauthorizedError('Compte non confirmé : utilisez le lien reçu par e-mail.');
  }
  if (error instanceof PasswordResetRequiredException) {
    return new UnauthorizedError('Votre mot de passe doit être réinitialisé : choisissez-en un nouveau avec « Mot de passe oublié ».');
  }
  if (
    error instanceof TooManyRequestsException ||
    error instanceof LimitExceededException ||
    error instanceof TooManyFailedAttemptsException
  ) {
    return new TooManyRequestsError('Trop de tentatives de connexion : réessayez dans quelques instants.', cognitoRetryAfterSeconds);
  }
  return error;
}
