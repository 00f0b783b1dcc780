import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { roles } from '#shared/roles.ts';
import { table } from '#definitions/table.ts';
import { onlyResource, resourcesOf, synthesize } from './synth.ts';

const { stateful } = synthesize();

describe('the table', () => {
  it('has the keys of the table definition', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('has every index of the definition, projecting all attributes', () => {
    const [, resource] = onlyResource(stateful, 'AWS::DynamoDB::Table');
    const indexes = resource.Properties.GlobalSecondaryIndexes;
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(table.globalSecondaryIndexes.map((i) => i.name).sort());
    for (const definition of table.globalSecondaryIndexes) {
      expect(indexes.find((index) => index.IndexName === definition.name)).toEqual({
        IndexName: definition.name,
        KeySchema: [
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: definition.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
    }
  });

  it('is recoverable to a point in time, encrypted, streamed and expires items', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: table.stream },
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
    });
  });

  it('outlives the stack', () => {
    stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the uploads bucket', () => {
  it('blocks public access and is encrypted and versioned', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } })]),
      },
    });
  });

  it('refuses requests that are not over TLS', () => {
    stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('accepts presigned PUT uploads from a browser', () => {
    stateful.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'] })] },
    });
  });
});

describe('the user pool', () => {
  it('enforces the password rule R3 and signs in by email, without self sign-up', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireNumbers: true,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireSymbols: false,
        },
      },
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('is on the Lite feature plan, which has every Cognito feature the platform calls', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'LITE' });
  });

  it('carries the SIRET and the landlord id as mutable string attributes', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'siret', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'landlordId', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('has one group per role', () => {
    const groups = resourcesOf(stateful, 'AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
  });

  it('has a secretless client for password logins that cannot rewrite authorization attributes', () => {
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      // Passwords go through the login route only (AdminInitiateAuth, behind its limits): no
      // USER_PASSWORD_AUTH nor SRP for whoever holds the public client id.
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      // Logout revokes the refresh token.
      EnableTokenRevocation: true,
    });
    const [, client] = onlyResource(stateful, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.WriteAttributes).not.toContain('custom:siret');
    expect(client.Properties.WriteAttributes).not.toContain('custom:landlordId');
    expect(client.Properties.WriteAttributes).not.toContain('custom:registrationId');
    // The e-mail names the account: a user who could rewrite it could take over another's registration.
    expect(client.Properties.WriteAttributes).not.toContain('email');
    expect(client.Properties.WriteAttributes).toEqual(expect.arrayContaining(['given_name']));
  });
});
