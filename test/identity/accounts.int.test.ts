import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountOfAnotherKind, cognitoAccounts } from '#identity/accounts.ts';
import { localCognitoClientConfig } from '#local/cognito.ts';
import { cloud } from '../support/api.ts';

const env = cloud().environment;
const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER!));
const accounts = cognitoAccounts(cognito, env.USER_POOL_ID!);
afterAll(() => cognito.destroy());

describe('accounts bound to an organisation', () => {
  it('refuses to bind an e-mail already bound to another organisation', async () => {
    const email = `rh-${randomUUID()}@example.org`;
    await accounts.ensureBound(email, 'company', 'custom:siret', '43219876500013');
    await expect(accounts.ensureBound(email, 'company', 'custom:siret', '51234567800019')).rejects.toBeInstanceOf(AccountOfAnotherKind);
    // The same binding again is the same account.
    await expect(accounts.ensureBound(email, 'company', 'custom:siret', '43219876500013')).resolves.toEqual(expect.any(String));
  });

  it('lets exactly one of two concurrent bindings of one e-mail to two organisations succeed', async () => {
    const email = `rh-${randomUUID()}@example.org`;
    const outcomes = await Promise.allSettled([
      accounts.ensureBound(email, 'company', 'custom:siret', '43219876500013'),
      accounts.ensureBound(email, 'company', 'custom:siret', '51234567800019'),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([
      expect.any(AccountOfAnotherKind),
    ]);
  });

  it('refuses to give an employee account the company group', async () => {
    const email = `salarie-${randomUUID()}@example.org`;
    await accounts.ensure(email, 'employee');
    await expect(accounts.ensureBound(email, 'company', 'custom:siret', '43219876500013')).rejects.toBeInstanceOf(AccountOfAnotherKind);
  });

  it('deletes an account by its sub, and a second deletion is not an error', async () => {
    const email = `salarie-${randomUUID()}@example.org`;
    const sub = await accounts.ensure(email, 'employee');
    expect(await accounts.exists(email)).toBe(true);
    await accounts.remove(sub);
    expect(await accounts.exists(email)).toBe(false);
    await expect(accounts.remove(sub)).resolves.toBeUndefined();
  });
});
