import {
  InitiateAuthCommand,
  NotAuthorizedException,
  UserNotConfirmedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { UnauthorizedError } from '#shared/errors.ts';
import type { LoginRequest } from './identity-schemas.ts';

export interface LogInDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly clientId: string;
}

/**
 * Exchanges an e-mail and password for Cognito tokens.
 * 1. USER_PASSWORD_AUTH against the app client.
 * 2. Unknown user and wrong password get the same 401, so e-mails cannot be probed.
 */
export async function logIn(deps: LogInDeps, request: LoginRequest) {
  try {
    const { AuthenticationResult: result } = await deps.cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
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
    if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) {
      throw new UnauthorizedError('E-mail ou mot de passe incorrect.');
    }
    if (error instanceof UserNotConfirmedException) {
      throw new UnauthorizedError('Compte non confirmé : utilisez le lien reçu par e-mail.');
    }
    throw error;
  }
}
