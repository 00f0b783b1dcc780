import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { routeFunctionTimeoutSeconds, routeList, routes } from '#definitions/routes.ts';
import { effectiveSchedules, encodeScheduleCrons, scheduleCronsVariable, schedules } from '#definitions/schedules.ts';
import { table } from '#definitions/table.ts';
import { companyStore } from '#companies/company-store.ts';
import { originSecretVariable } from '#shared/client-address.ts';
import type { FunctionEnvironment } from '#shared/environment.ts';
import { functionEnvironment } from '#lib/function-environment.ts';
import { openApiDocument } from '#platform/openapi-document.ts';
import { startCognito } from './cognito.ts';
import { createLocalUser } from './cognito-users.ts';
import { renderDocsPage } from './docs-page.ts';
import { ensureTable, localRegion, startDynamoDbLocal } from './dynamodb.ts';
import { startGateway, type LocalEndpoint } from './gateway.ts';
import { invokeLocal } from './lambda.ts';
import type { PortPlan } from './ports.ts';
import { startS3 } from './s3.ts';
import { startScheduler } from './scheduler.ts';
import { demoAccounts, demoPassword, seed } from './seed.ts';
import type { RunningService } from './service.ts';
import { startSes } from './ses.ts';
import { startStepFunctions } from './stepfunctions/server.ts';
import { startStreamsPoller } from './streams.ts';
import { localOfferLifecycle } from './lifecycle-definition.ts';
import { productionDurations, type LifecycleDurations } from '#definitions/lifecycle.ts';
import { lifecycleStarter } from '#offers/lifecycle-starter.ts';
import { SFNClient } from '@aws-sdk/client-sfn';

export interface LocalCloudOptions {
  readonly ports: PortPlan;
  /** Keep DynamoDB, Cognito and S3 data in this folder across restarts; in memory / temporary when absent. */
  readonly dataDir?: string;
  /** Seed demo companies and accounts. */
  readonly seed: boolean;
  /** Called when a background delivery (S3 event, stream record, job) fails for good. */
  readonly onBackgroundError?: (source: string, error: unknown) => void;
  /** The lifecycle's durations (ISO 8601); production values when absent. Demos and tests use seconds. */
  readonly durations?: Partial<LifecycleDurations>;
  /** How many selection rounds an offer may have (issue #13 item 6); `selectionRounds` (2) when absent. */
  readonly selectionRounds?: number;
  /** Run the jobs on their cron (when absent) or only on demand: tests want no run to start in their midst. */
  readonly cron?: boolean;
  /** The built web app (local/web-build.ts), served by the gateway on the API's origin; no web app when absent. */
  readonly webRoot?: string;
}

const tableName = 'alin-local';
const bucketName = 'alin-local-uploads';
const emailFrom = 'no-reply@alin.local';
const lifecycleName = 'alin-local-offer-lifecycle';
const accountId = '000000000000';

/**
 * Starts the whole service on this machine: every AWS stand-in, the handlers in-process, the
 * gateway, the scheduler and the stream poller; then seeds demo data. Returns what clients
 * need and `stop`, which ends everything it started, in reverse order.
 */
export async function startLocalCloud(options: LocalCloudOptions) {
  const started: RunningService[] = [];
  const stop = async () => {
    for (const service of [...started].reverse()) {
      // One stand-in that fails to stop must not keep the others running.
      await service.stop().catch((error: unknown) => {
        console.error(`[cloud] ${service.name} did not stop: ${error instanceof Error ? error.name : typeof error}`);
      });
    }
  };
  const keep = <S extends RunningService>(service: S) => {
    started.push(service);
    return service;
  };
  const report = options.onBackgroundError ?? reportByName;
  const durations: LifecycleDurations = { ...productionDurations, ...options.durations };
  const appUrl = `http://localhost:${options.ports.api}`;
  const dataPath = (name: string) => (options.dataDir ? path.join(path.resolve(options.dataDir), name) : undefined);

  try {
    const starting = Promise.all([
      startDynamoDbLocal({ port: options.ports.dynamodb, dataDir: dataPath('dynamodb') }).then(keep),
      startCognito({ port: options.ports.cognito, dataDir: dataPath('cognito') }).then(keep),
      startSes({ port: options.ports.ses }).then(keep),
      startS3({
        port: options.ports.s3,
        bucketName,
        dataDir: dataPath('s3'),
        onError: (error) => report('s3-event', error),
        // The web app, on the gateway's origin, PUTs documents straight to presigned URLs.
        corsOrigins: options.webRoot ? [appUrl] : undefined,
      }).then(keep),
    ]);
    starting.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    // Synthesizing the lifecycle (when not cached) takes seconds of CPU: done while the stand-ins start.
    const lifecycleMachine = await localOfferLifecycle(lifecycleName, { region: localRegion, accountId });
    const [dynamo, cognito, ses, s3] = await starting;

    // Overrides (NEW_OFFER_ALERTS_CRON...) are read once, here, as the CDK app reads them at synth.
    const jobSchedules = effectiveSchedules();
    // The gateway sends it as the distribution does: the functions then count by the client's address.
    const originSecret = randomBytes(24).toString('base64url');
    const environment: FunctionEnvironment & Record<string, string> = {
      ...functionEnvironment({
        tableName,
        bucketName,
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.clientId,
        emailFrom,
        // The web app is served by the gateway, on the API's origin: e-mailed links open its pages.
        appUrl,
        s3ForcePathStyle: true,
        offerLifecycleArn: `arn:aws:states:${localRegion}:${accountId}:stateMachine:${lifecycleName}`,
        durations,
        selectionRounds: options.selectionRounds,
      }),
      AWS_REGION: localRegion,
      // s3rver checks signatures with these; the other stand-ins accept any credentials.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.url,
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${options.ports.stepFunctions}`,
      POWERTOOLS_SERVICE_NAME: 'alin-local',
      POWERTOOLS_METRICS_NAMESPACE: 'AlinLocal',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
      // As the stack gives the job listing: the crons the local scheduler runs, overrides applied.
      [scheduleCronsVariable]: encodeScheduleCrons(jobSchedules),
      [originSecretVariable]: originSecret,
    };
    // Handlers run in this process and read their configuration at first import, as on Lambda.
    Object.assign(process.env, environment);

    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.url, region: localRegion });
    await ensureTable(dynamoClient, table, tableName);

    const stepFunctions = keep(
      await startStepFunctions({
        port: options.ports.stepFunctions,
        region: localRegion,
        accountId,
        stateMachines: [lifecycleMachine],
      }),
    );
    if (stepFunctions.stateMachineArn(lifecycleName) !== environment.OFFER_LIFECYCLE_ARN) {
      throw new Error(`Local state machine ARN ${stepFunctions.stateMachineArn(lifecycleName)} differs from the configured one`);
    }
    const streams = keep(
      await startStreamsPoller({
        dynamoEndpoint: dynamo.url,
        tableName,
        onError: (error: unknown) => report('stream', error),
      }),
    );
    const scheduler = keep(await startScheduler({ cron: options.cron, schedules: jobSchedules }));

    if (options.seed) {
      const cognitoClient = new CognitoIdentityProviderClient({ endpoint: cognito.url, region: localRegion });
      const db = DynamoDBDocumentClient.from(dynamoClient, { marshallOptions: { removeUndefinedValues: true } });
      await seed({
        companies: companyStore(db, tableName),
        db,
        tableName,
        now: () => new Date(),
        lifecycle: lifecycleStarter(
          new SFNClient({ endpoint: environment.AWS_ENDPOINT_URL_SFN, region: localRegion }),
          environment.OFFER_LIFECYCLE_ARN,
          durations,
          options.selectionRounds,
        ),
        applicationWindow: durations.applicationWindow,
        createUser: async (account) => {
          await createLocalUser(cognitoClient, {
            poolId: cognito.userPoolId,
            email: account.email,
            password: demoPassword,
            groups: account.groups,
            attributes: account.attributes,
          });
          const user = await cognitoClient.send(new AdminGetUserCommand({ UserPoolId: cognito.userPoolId, Username: account.email }));
          const sub = user.UserAttributes?.find((attribute) => attribute.Name === 'sub')?.Value;
          if (!sub) throw new Error(`Seed: no sub for ${account.key}`);
          return sub;
        },
      });
    }

    if (options.dataDir) {
      // Executions live in memory: after a restart on kept data, the reconciler resumes every live
      // lifecycle from its stored state, as it would repair lost executions on AWS.
      scheduler.runNow('lifecycleReconciler').catch((error: unknown) => report('lifecycleReconciler', error));
    }

    const docsHtml = renderDocsPage(openApiDocument(routes));
    const localEndpoints: LocalEndpoint[] = [
      { method: 'GET', path: '/docs', handle: async () => ({ status: 200, contentType: 'text/html; charset=utf-8', body: docsHtml }) },
      ...Object.keys(schedules).map(
        (id): LocalEndpoint => ({
          method: 'POST',
          path: `/_local/jobs/${id}`,
          handle: async () => ({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ job: id, result: (await scheduler.runNow(id)) ?? null }),
          }),
        }),
      ),
    ];
    const gateway = keep(
      await startGateway({
        port: options.ports.api,
        routes: routeList,
        invoke: (route, event) => invokeLocal(route.handler, event, { timeoutSeconds: routeFunctionTimeoutSeconds }),
        authorizer: { issuer: cognito.issuer, audience: cognito.clientId, jwksUri: cognito.jwksUri },
        localEndpoints,
        web: options.webRoot ? { root: options.webRoot, uploadOrigins: [new URL(s3.url).origin] } : undefined,
        originSecret,
      }),
    );

    return {
      urls: {
        api: gateway.url,
        web: options.webRoot ? gateway.url : undefined,
        docs: `${gateway.url}/docs`,
        dynamodb: dynamo.url,
        cognito: cognito.url,
        s3: s3.url,
        ses: ses.url,
        mailbox: ses.mailboxUrl,
        stepFunctions: stepFunctions.url,
      },
      environment,
      userPoolId: cognito.userPoolId,
      clientId: cognito.clientId,
      demoAccounts,
      demoPassword,
      readMailbox: () => ses.readMailbox(),
      streams,
      scheduler,
      stepFunctions,
      lifecycleArn: environment.OFFER_LIFECYCLE_ARN,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;

/**
 * What a background failure (an S3 event, a stream batch, a start-up job) prints by default: its
 * source and the error's name. Never the error itself: a stream failure carries the records, and
 * so the personal data, of the batch.
 */
function reportByName(source: string, error: unknown): void {
  console.error(`[${source}] background delivery failed: ${error instanceof Error ? error.name : 'error'}`);
}
