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
 *
 * Each client is built by a factory whose call is marked pure: a function that never reads a
 * client does not construct it, and the bundler drops that client's SDK package from its bundle
 * (an S3 or Cognito client is 100 KB of minified code a DynamoDB-only function need not load).
 */
/**
 * Sockets per client. A deployed function serves one invocation at a time with a few dozen calls
 * in flight at most, so its pool never makes a call wait. The local cloud serves every invocation
 * from one process: with the SDK's default of 50, a burst (200 simultaneous "Je postule") queues
 * for a socket, and the SDK counts that wait against the connection timeout (500s locally).
 */
export const socketsPerClient = 1_024;
const requestHandler = () =>
  new NodeHttpHandler({
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    httpAgent: { maxSockets: socketsPerClient },
    httpsAgent: { maxSockets: socketsPerClient },
  });
const common = () => ({ requestHandler: requestHandler(), maxAttempts: 3 });

function documentClient() {
  const client = new DynamoDBClient(common());
  retryTransactionConflicts(client);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

const s3Client = () =>
  new S3Client({
    ...common(),
    forcePathStyle: config.s3ForcePathStyle,
    // Checksums only where the API requires them: the local S3 stand-in otherwise stores
    // aws-chunked framing as the object body.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

const sesClient = () => new SESv2Client(common());
const cognitoClient = () => new CognitoIdentityProviderClient(common());
const sfnClient = () => new SFNClient(common());

export const dynamodb = /* @__PURE__ */ documentClient();

export const s3 = /* @__PURE__ */ s3Client();

export const ses = /* @__PURE__ */ sesClient();

export const cognito = /* @__PURE__ */ cognitoClient();

export const sfn = /* @__PURE__ */ sfnClient();
