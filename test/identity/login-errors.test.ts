import {
  InternalErrorException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  TooManyFailedAttemptsException,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoRetryAfterSeconds, loginFailure } from '#identity/authentication.ts';
import { HttpError, TooManyRequestsError } from '#shared/errors.ts';

const meta = { message: 'from Cognito', $metadata: {} };

describe('login errors met at Cognito', () => {
  it('answers a wrong password and an unknown user alike, with 401', () => {
    const wrong = loginFailure(new NotAuthorizedException(meta));
    const unknown = loginFailure(new UserNotFoundException(meta));
    expect(wrong).toBeInstanceOf(HttpError);
    expect(wrong).toMatchObject({ statusCode: 401, message: 'E-mail ou mot de passe incorrect.' });
    expect(unknown).toEqual(wrong);
  });

  it('tells an unconfirmed account, or one whose password must be reset, what to do, with 401', () => {
    expect(loginFailure(new UserNotConfirmedException(meta))).toMatchObject({ statusCode: 401, message: expect.stringContaining('lien') });
    expect(loginFailure(new PasswordResetRequiredException(meta))).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining('Mot de passe oublié'),
    });
  });

  it('turns Cognito’s throttling into 429 with a delay to wait', () => {
    for (const error of [new TooManyRequestsException(meta), new LimitExceededException(meta), new TooManyFailedAttemptsException(meta)]) {
      const answer = loginFailure(error);
      expect(answer, error.name).toBeInstanceOf(TooManyRequestsError);
      expect(answer).toMatchObject({ statusCode: 429, retryAfterSeconds: cognitoRetryAfterSeconds });
      expect((answer as Error).message).toContain('réessayez');
    }
  });

  it('leaves a failure of Cognito itself a server error', () => {
    const failure = new InternalErrorException(meta);
    expect(loginFailure(failure)).toBe(failure);
  });
});
