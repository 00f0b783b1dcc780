import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { passwordPolicy } from '#identity/password-policy.ts';
import { roles } from '#shared/roles.ts';
import { table as tableDefinition, type KeyAttribute } from '#definitions/table.ts';

/** What the stateless stack needs from this one; resources are passed in, never looked up by name. */
export interface StatefulResources {
  readonly table: dynamodb.ITable;
  readonly bucket: s3.IBucket;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
}

export interface StatefulStackProps extends StackProps {
  /** Origins allowed to PUT to presigned upload URLs from a browser. */
  readonly corsOrigins: readonly string[];
}

const attributeTypes: Record<KeyAttribute['type'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
};
const attribute = (key: KeyAttribute): dynamodb.Attribute => ({ name: key.name, type: attributeTypes[key.type] });

/**
 * Everything that holds data and must outlive a redeployment of the code: the table, the
 * uploads bucket and the user pool. All are retained when the stack is deleted.
 */
export class StatefulStack extends Stack implements StatefulResources {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    // Access logs are delivered under a bucket policy (logging.s3.amazonaws.com), not an ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.table = this.createTable();
    this.bucket = this.createUploadsBucket(props.corsOrigins);
    this.userPool = this.createUserPool();
    this.userPoolClient = this.createAppClient(this.userPool);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  /** Built from the same definition as the local cloud's table, so both have the same keys. */
  private createTable(): dynamodb.Table {
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(tableDefinition.partitionKey),
      sortKey: attribute(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS-managed KMS key: encryption at rest without a key policy to keep in sync with the
      // grants of the other stack (a customer key would need cross-stack key-policy edits).
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType[tableDefinition.stream],
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  /** Landlords' import files and employees' supporting documents, uploaded with presigned PUTs. */
  private createUploadsBucket(corsOrigins: readonly string[]): s3.Bucket {
    // Who read or wrote which document, kept a year: the uploads bucket holds identity documents.
    const accessLogs = new s3.Bucket(this, 'UploadsAccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: "This bucket receives the uploads bucket's server access logs; logging it would log the logging",
    });
    return new s3.Bucket(this, 'Uploads', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'uploads/',
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Versions protect documents against an overwrite; old versions are kept a month only.
      versioned: true,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT],
          allowedOrigins: [...corsOrigins],
          // Presigned PUTs carry Content-Type and the signed x-amz-* headers.
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private createUserPool(): cognito.UserPool {
    const pool = new cognito.UserPool(this, 'Users', {
      // Accounts are created by the platform (registration route, operator), never by a
      // self-service sign-up that would skip the SIRET and NUD checks.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      userVerification: {
        emailSubject: 'Vérification de votre adresse e-mail',
        emailBody: 'Votre code de vérification est {####}.',
      },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        siret: new cognito.StringAttribute({ mutable: true, minLen: 14, maxLen: 14 }),
        landlordId: new cognito.StringAttribute({ mutable: true, maxLen: 64 }),
        // Binds an employee's account to the registration that created it (set once, at creation).
        registrationId: new cognito.StringAttribute({ mutable: false, maxLen: 64 }),
      },
      passwordPolicy,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Lite: the platform uses none of the Essentials features (managed login, passwordless,
      // token customization, password history), and Cognito is its largest cost (docs/scale.md).
      featurePlan: cognito.FeaturePlan.LITE,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(pool).acknowledge(
      {
        id: 'AwsSolutions-COG1',
        reason:
          'Password policy is business rule R3 (8 characters, digits, lower and upper case, no symbol required), read by the pool, ' +
          'the local Cognito and the API check alike; guessing is bounded by the login limits per e-mail and per address',
      },
      {
        id: 'AwsSolutions-COG2',
        reason:
          'No MFA: logins go through POST /auth/login, which has no second-factor step, for employees who sign in a few times a year; ' +
          'accounts hold no payment means and the login route is rate-limited (docs/decisions.md 2026-12-03)',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'No Plus feature plan (threat protection billed per active user): brute force and credential stuffing are limited ' +
          'by the API itself, per e-mail and per address, since the public client allows no password flow of its own',
      },
    );
    for (const role of roles) {
      // Group names are the roles the handlers read from the `cognito:groups` claim.
      pool.addGroup(`Group-${role}`, { groupName: role });
    }
    return pool;
  }

  private createAppClient(pool: cognito.UserPool): cognito.UserPoolClient {
    return pool.addClient('AppClient', {
      generateSecret: false,
      // Logins go through the API's login route, never through a hosted UI or an implicit grant.
      disableOAuth: true,
      // Passwords are tried only by the login route (AdminInitiateAuth), behind its limits: the
      // public client allows no USER_PASSWORD_AUTH nor SRP that would bypass them (docs/decisions.md).
      authFlows: { adminUserPassword: true },
      preventUserExistenceErrors: true,
      // The SIRET, landlord id and registration id are authorization data set by the platform: a
      // user must not be able to rewrite them with his own access token, so they are left out of
      // the writable set; so is the e-mail, which names the account (docs/decisions.md, 2026-12-03).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
        givenName: true,
        familyName: true,
        phoneNumber: true,
      }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // POST /auth/logout revokes the refresh token (RevokeToken), and refreshing then fails.
      enableTokenRevocation: true,
    });
  }
}
