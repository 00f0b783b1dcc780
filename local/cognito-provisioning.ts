import {
  AddCustomAttributesCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoPasswordPolicy } from '#identity/password-policy.ts';
import { roles } from '#shared/roles.ts';

/**
 * The user pool as the stateful stack creates it: e-mail sign-in, the R3 password policy, custom
 * attributes `siret`, `landlordId` and `registrationId`, one group per role, and an app client allowed the password
 * flows. Each step finds what a persisted run already made (by name) before creating anything.
 */

const customAttributes: SchemaAttributeType[] = [
  { Name: 'siret', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '14', MaxLength: '14' } },
  { Name: 'landlordId', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '64' } },
  { Name: 'registrationId', AttributeDataType: 'String', Mutable: false, StringAttributeConstraints: { MaxLength: '64' } },
];

export interface ProvisionedPool {
  readonly userPoolId: string;
  readonly clientId: string;
}

export async function provisionUserPool(
  client: CognitoIdentityProviderClient,
  names: { readonly poolName: string; readonly clientName: string },
): Promise<ProvisionedPool> {
  const userPoolId = await ensureUserPool(client, names.poolName);
  await ensureGroups(client, userPoolId);
  const clientId = await ensureAppClient(client, userPoolId, names.clientName);
  return { userPoolId, clientId };
}

async function ensureUserPool(client: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === poolName)?.Id;
  if (existing) {
    await ensureCustomAttributes(client, existing);
    return existing;
  }
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: cognitoPasswordPolicy },
      Schema: customAttributes,
    }),
  );
  if (!UserPool?.Id) throw new Error(`cognito-local created user pool ${poolName} without an id`);
  return UserPool.Id;
}

/** A pool persisted by an older run may lack an attribute added since. */
async function ensureCustomAttributes(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { UserPool } = await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  const present = new Set((UserPool?.SchemaAttributes ?? []).map((attribute) => attribute.Name));
  const missing = customAttributes.filter((attribute) => !present.has(`custom:${attribute.Name}`));
  if (missing.length > 0) {
    await client.send(new AddCustomAttributesCommand({ UserPoolId: userPoolId, CustomAttributes: missing }));
  }
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const present = new Set(Groups.map((group) => group.GroupName));
  for (const role of roles) {
    if (!present.has(role)) await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
  }
}

async function ensureAppClient(client: CognitoIdentityProviderClient, userPoolId: string, clientName: string) {
  const { UserPoolClients = [] } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const existing = UserPoolClients.find((appClient) => appClient.ClientName === clientName)?.ClientId;
  if (existing) return existing;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
      EnableTokenRevocation: true,
    }),
  );
  if (!UserPoolClient?.ClientId) throw new Error(`cognito-local created app client ${clientName} without an id`);
  return UserPoolClient.ClientId;
}
