import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  UpdateUserAttributesCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { employeeKey } from '#identity/employee-store.ts';
import { localCognitoClientConfig } from '#local/cognito.ts';
import { api, cloud } from '../support/api.ts';
import { linkTokenFor, registeredEmployee, registration, subOf, unique } from '../support/registration.ts';
import { localTable } from '../support/table.ts';

const env = cloud().environment;
const poolId = env.USER_POOL_ID!;
const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER!));
afterAll(() => cognito.destroy());

async function accountExists(username: string) {
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

describe('account takeover through a changed e-mail (issue 12, §4)', () => {
  it('lets no attacker keep an account that a victim’s later registration would adopt', async () => {
    const attacker = await registeredEmployee({ firstName: 'Mallory' });
    const victimEmail = `victime.${unique()}@example.org`;

    // 1. The attacker cannot rename his account to the victim's address.
    const login = await api('POST', '/auth/login', { body: { email: attacker.email, password: attacker.password } });
    const rename = cognito.send(
      new UpdateUserAttributesCommand({ AccessToken: login.body.accessToken, UserAttributes: [{ Name: 'email', Value: victimEmail }] }),
    );
    await expect(rename).rejects.toBeInstanceOf(NotAuthorizedException);
    expect(await accountExists(victimEmail)).toBe(false);

    // 2. Erasing deletes his own Cognito user, found by its sub.
    expect((await api('DELETE', '/me', { token: attacker.idToken })).status).toBe(200);
    expect(await accountExists(attacker.employeeId)).toBe(false);
    expect(await accountExists(attacker.email)).toBe(false);

    // 3. The victim registers and chooses a password: a new account, hers.
    const victim = registration({ email: victimEmail, firstName: 'Alice' });
    expect((await api('POST', '/registrations', { body: victim })).status).toBe(202);
    const token = await linkTokenFor(victimEmail);
    expect((await api('POST', '/auth/password', { body: { token, password: 'Victime2026' } })).status).toBe(200);
    const victimLogin = await api('POST', '/auth/login', { body: { email: victimEmail, password: 'Victime2026' } });
    expect(victimLogin.status).toBe(200);
    const victimId = subOf(victimLogin.body.idToken);
    expect(victimId).not.toBe(attacker.employeeId);
    expect(await localTable().get(employeeKey(victimId))).toMatchObject({ email: victimEmail, firstName: 'Alice' });

    // 4. The attacker's password opens nothing.
    expect((await api('POST', '/auth/login', { body: { email: victimEmail, password: attacker.password } })).status).toBe(401);
    expect((await api('POST', '/auth/login', { body: { email: attacker.email, password: attacker.password } })).status).toBe(401);
  });

  it('never adopts, when the link is used, an account with the address that this registration did not create', async () => {
    const body = registration();
    expect((await api('POST', '/registrations', { body })).status).toBe(202);
    const token = await linkTokenFor(body.email);
    // An account appears for the address meanwhile (left over, or made by someone else), with a password someone knows.
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: body.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: body.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: body.email, Password: 'Intrus2026x', Permanent: true }),
    );

    const chosen = await api('POST', '/auth/password', { body: { token, password: 'Victime2026' } });
    expect(chosen.status).toBe(409);
    expect(chosen.body.error.message).toContain('mot de passe');
    // The foreign account got neither the password, nor a file, nor the employee group.
    expect((await api('POST', '/auth/login', { body: { email: body.email, password: 'Victime2026' } })).status).toBe(401);
    const intruder = await api('POST', '/auth/login', { body: { email: body.email, password: 'Intrus2026x' } });
    expect(intruder.status).toBe(200);
    const claims = JSON.parse(Buffer.from(intruder.body.idToken.split('.')[1], 'base64url').toString());
    expect(claims['cognito:groups'] ?? []).not.toContain('employee');
    expect(await localTable().get(employeeKey(claims.sub))).toBeUndefined();
  });
});
