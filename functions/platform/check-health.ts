import { DescribeUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '#shared/config.ts';
import type { dependencyNames } from './platform-schemas.ts';

type DependencyName = (typeof dependencyNames)[number];
export type Probes = Record<DependencyName, () => Promise<unknown>>;

/** One cheap read per dependency: proves reachability and permissions without touching data. */
export function dependencyProbes(
  clients: { dynamodb: DynamoDBDocumentClient; s3: S3Client; cognito: CognitoIdentityProviderClient; ses: SESv2Client },
  config: Pick<Config, 'tableName' | 'bucketName' | 'userPoolId'>,
): Probes {
  return {
    dynamodb: () => clients.dynamodb.send(new DescribeTableCommand({ TableName: config.tableName })),
    s3: () => clients.s3.send(new HeadBucketCommand({ Bucket: config.bucketName })),
    cognito: () => clients.cognito.send(new DescribeUserPoolCommand({ UserPoolId: config.userPoolId })),
    ses: () => clients.ses.send(new GetAccountCommand({})),
  };
}

/**
 * Probes every dependency in parallel and reports each one's status and latency.
 * Only the error's name is reported: messages can carry resource names or data.
 */
export async function checkHealth(probes: Probes) {
  const dependencies = await Promise.all(
    (Object.entries(probes) as [DependencyName, () => Promise<unknown>][]).map(async ([name, probe]) => {
      const started = performance.now();
      try {
        await probe();
        return { name, status: 'ok' as const, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const errorName = error instanceof Error ? error.name : 'UnknownError';
        return { name, status: 'down' as const, latencyMs: Math.round(performance.now() - started), error: errorName };
      }
    }),
  );
  return { status: dependencies.every((d) => d.status === 'ok') ? ('ok' as const) : ('degraded' as const), dependencies };
}
