import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

export interface LocalUser {
  readonly poolId: string;
  readonly email: string;
  readonly password: string;
  readonly groups?: readonly string[];
  /** Extra attributes, e.g. `{ 'custom:siret': '...' }`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Creates a confirmed user who can log in at once with `password` (seed data, demo accounts,
 * tests). Running it again for an existing user resets the password and adds missing groups,
 * so a restart over persisted data still ends with the advertised credentials.
 */
export async function createLocalUser(client: CognitoIdentityProviderClient, user: LocalUser): Promise<void> {
  const attributes = { email: user.email, email_verified: 'true', ...user.attributes };
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: user.poolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: user.poolId,
      Username: user.email,
      Password: user.password,
      Permanent: true,
    }),
  );
  for (const group of user.groups ?? []) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: user.poolId, Username: user.email, GroupName: group }));
  }
}
