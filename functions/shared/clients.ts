import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { config } from './config.ts';
import { retryTransactionConflicts } from './transaction-conflicts.ts';

/**
 * SDK clients, created once per execution environment with explicit timeouts. Endpoints come
 * from the SDK's standard `AWS_ENDPOINT_URL_<SERVICE>` variables, which the local cloud sets.
 */
const requestHandler = () => new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 });
const common = () => ({ requestHandler: requestHandler(), maxAttempts: 3 });

const dynamodbClient = new DynamoDBClient(common());
retryTransactionConflicts(dynamodbClient);

export const dynamodb = DynamoDBDocumentClient.from(dynamodbClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const s3 = new S3Client({
  ...common(),
  forcePathStyle: config.s3ForcePathStyle,
  // Checksums only where the API requires them: the local S3 stand-in otherwise stores
  // aws-chunked framing as the object body.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

export const ses = new SESv2Client(common());

export const cognito = new CognitoIdentityProviderClient(common());

export const sfn = new SFNClient(common());
