import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  AdminSetUserPasswordCommand,
  InvalidPasswordException,
  ListUsersCommand,
  NotAuthorizedException,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '#shared/roles.ts';
import { localCognitoClientConfig, localJwksCache, startCognito, type CognitoLocal } from '#local/cognito.ts';
import { createLocalUser } from '#local/cognito-users.ts';

const operator = {
  email: 'operateur@alin.local',
  password: 'Operat3ur',
  groups: ['operator'],
  attributes: { 'custom:siret': '73282932000074' },
};

function decodePayload(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('Cognito stand-in', () => {
  let dataDir: string;
  let cognito: CognitoLocal;
  let client: CognitoIdentityProviderClient;

  const logIn = (email: string, password: string) =>
    client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: cognito.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'cognito-test-'));
    cognito = await startCognito({ port: 0, dataDir });
    client = new CognitoIdentityProviderClient(localCognitoClientConfig(cognito.url));
    await createLocalUser(client, { poolId: cognito.userPoolId, ...operator });
  }, 20_000);

  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provisions the pool as the stateful stack: R3 policy, custom attributes, one group per role', async () => {
    const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: cognito.userPoolId }));
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
    });
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    const attributeNames = (UserPool?.SchemaAttributes ?? []).map((attribute) => attribute.Name);
    expect(attributeNames).toEqual(expect.arrayContaining(['custom:siret', 'custom:landlordId', 'custom:registrationId']));
    const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: cognito.userPoolId }));
    expect(Groups.map((group) => group.GroupName).sort()).toEqual([...roles].sort());
  });

  it('logs a created user in with an ID token carrying groups, SIRET, audience and issuer', async () => {
    const { AuthenticationResult } = await logIn(operator.email, operator.password);
    const claims = decodePayload(AuthenticationResult?.IdToken ?? '');
    expect(claims).toMatchObject({
      'cognito:groups': ['operator'],
      'custom:siret': operator.attributes['custom:siret'],
      email: operator.email,
      email_verified: true,
      token_use: 'id',
      aud: cognito.clientId,
      iss: cognito.issuer,
    });
    expect(cognito.issuer).toBe(`${cognito.url}/${cognito.userPoolId}`);
  });

  it('signs tokens that verify against the advertised issuer and JWKS URL', async () => {
    const { AuthenticationResult } = await logIn(operator.email, operator.password);
    const verifier = JwtRsaVerifier.create(
      { issuer: cognito.issuer, audience: cognito.clientId, jwksUri: cognito.jwksUri },
      { jwksCache: localJwksCache() },
    );
    await expect(verifier.verify(AuthenticationResult?.IdToken ?? '')).resolves.toMatchObject({
      'cognito:groups': ['operator'],
    });
    const other = JwtRsaVerifier.create(
      { issuer: `${cognito.url}/local_other`, audience: cognito.clientId, jwksUri: cognito.jwksUri },
      { jwksCache: localJwksCache() },
    );
    await expect(other.verify(AuthenticationResult?.IdToken ?? '')).rejects.toThrow(/iss/i);
  });

  it('refuses a wrong password with NotAuthorizedException, as Cognito does', async () => {
    await expect(logIn(operator.email, 'Wrong-Passw0rd')).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(logIn('personne@alin.local', operator.password)).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it.each([
    ['Sh0rt', 'not long enough'],
    ['lowercase1', 'uppercase'],
    ['UPPERCASE1', 'lowercase'],
    ['NoDigitsHere', 'numeric'],
  ])('refuses the new password %s that breaks the R3 policy (%s)', async (password, rule) => {
    const attempt = client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: cognito.userPoolId, Username: operator.email, Password: password, Permanent: true }),
    );
    await expect(attempt).rejects.toBeInstanceOf(InvalidPasswordException);
    await expect(attempt).rejects.toThrow(rule);
  });

  it('takes accented letters for upper and lower case and refuses spaces at either end, as the shared R3 check does', async () => {
    const user = { poolId: cognito.userPoolId, email: 'accents@alin.local', password: 'Éléphant1' };
    await createLocalUser(client, user);
    await expect(logIn(user.email, user.password)).resolves.toMatchObject({ AuthenticationResult: { IdToken: expect.any(String) } });
    const spaced = client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: cognito.userPoolId, Username: user.email, Password: ' Éléphant1 ', Permanent: true }),
    );
    await expect(spaced).rejects.toBeInstanceOf(InvalidPasswordException);
  });

  it('refuses a user rewriting its own custom:siret, as the deployed app client does', async () => {
    const { AuthenticationResult } = await logIn(operator.email, operator.password);
    const attempt = client.send(
      new UpdateUserAttributesCommand({
        AccessToken: AuthenticationResult?.AccessToken ?? '',
        UserAttributes: [{ Name: 'custom:siret', Value: '51234567800019' }],
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(NotAuthorizedException);
    const again = decodePayload((await logIn(operator.email, operator.password)).AuthenticationResult?.IdToken ?? '');
    expect(again['custom:siret']).toBe(operator.attributes['custom:siret']);
  });

  it('refuses a user rewriting its own e-mail, as the deployed app client does, and keeps the name writable', async () => {
    const { AuthenticationResult } = await logIn(operator.email, operator.password);
    const accessToken = AuthenticationResult?.AccessToken ?? '';
    const attempt = client.send(
      new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: 'victime@alin.local' }] }),
    );
    await expect(attempt).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(logIn('victime@alin.local', operator.password)).rejects.toBeInstanceOf(NotAuthorizedException);
    await client.send(
      new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'given_name', Value: 'Camille' }] }),
    );
    const { UserAttributes = [] } = await client.send(
      new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: operator.email }),
    );
    const attributes = Object.fromEntries(UserAttributes.map((attribute) => [attribute.Name, attribute.Value]));
    expect(attributes).toMatchObject({ email: operator.email, given_name: 'Camille' });
  });

  it('lists a user’s groups by e-mail and by sub, as Cognito does', async () => {
    const { UserAttributes = [] } = await client.send(
      new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: operator.email }),
    );
    const sub = UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
    for (const username of [operator.email, sub]) {
      const { Groups = [] } = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: cognito.userPoolId, Username: username }));
      expect(Groups.map((group) => group.GroupName)).toEqual(operator.groups);
    }
  });

  it('publishes OpenID discovery naming its own issuer and JWKS URL', async () => {
    const response = await fetch(`${cognito.issuer}/.well-known/openid-configuration`);
    expect(await response.json()).toMatchObject({ issuer: cognito.issuer, jwks_uri: cognito.jwksUri });
    const jwks = await (await fetch(cognito.jwksUri)).json();
    expect(jwks).toMatchObject({ keys: [expect.objectContaining({ kty: 'RSA', alg: 'RS256' })] });
  });

  it('creating an existing user again keeps one user and applies the new password', async () => {
    await createLocalUser(client, { poolId: cognito.userPoolId, ...operator, password: 'N0uveau-mdp' });
    const { Users = [] } = await client.send(
      new ListUsersCommand({ UserPoolId: cognito.userPoolId, Filter: `email = "${operator.email}"` }),
    );
    expect(Users).toHaveLength(1);
    await expect(logIn(operator.email, 'N0uveau-mdp')).resolves.toMatchObject({
      AuthenticationResult: { IdToken: expect.any(String) },
    });
  });

  it('reuses its pool and app client when restarted on the same data folder', async () => {
    await cognito.stop();
    await cognito.stop();
    const restarted = await startCognito({ port: 0, dataDir });
    try {
      expect(restarted.userPoolId).toBe(cognito.userPoolId);
      expect(restarted.clientId).toBe(cognito.clientId);
      const restartedClient = new CognitoIdentityProviderClient(localCognitoClientConfig(restarted.url));
      const { AuthenticationResult } = await restartedClient.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: restarted.clientId,
          AuthParameters: { USERNAME: operator.email, PASSWORD: 'N0uveau-mdp' },
        }),
      );
      restartedClient.destroy();
      expect(decodePayload(AuthenticationResult?.IdToken ?? '').iss).toBe(restarted.issuer);
    } finally {
      await restarted.stop();
    }
  }, 15_000);

  it('refuses to start on a port already in use, naming it', async () => {
    const blocker = await startCognito({ port: 0, dataDir });
    const port = Number(new URL(blocker.url).port);
    try {
      await expect(startCognito({ port, dataDir })).rejects.toThrow(`Port ${port}`);
    } finally {
      await blocker.stop();
    }
  }, 15_000);
});
