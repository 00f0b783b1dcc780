import type { CfnElement } from 'aws-cdk-lib';
import { functionEnvironmentKeys } from '#shared/environment.ts';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bucketNotifications } from '#definitions/bucket-notifications.ts';
import { lifecycleFunctions } from '#definitions/lifecycle.ts';
import { routeList } from '#definitions/routes.ts';
import { effectiveSchedules, scheduleCronsVariable, schedules } from '#definitions/schedules.ts';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { onlyResource, referencedId, resourcesOf, synthesize, type Resource } from './synth.ts';

const { stacks, stateful, stateless, entryOf, functionEntries } = synthesize();

/** The crons a function is given for the job listing (its JSON variable), by job. */
function cronsGivenTo(fn: Resource<'AWS::Lambda::Function'>): Record<string, string> {
  const text = fn.Properties.Environment.Variables[scheduleCronsVariable];
  if (typeof text !== 'string') throw new Error(`${scheduleCronsVariable} is not a string: ${JSON.stringify(text)}`);
  return JSON.parse(text);
}

/** The function behind an API route, through its Lambda integration. */
function routeFunctionEntry(routeKey: string): string | undefined {
  const [, route] = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === routeKey) ?? [];
  if (!route) return undefined;
  const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[]).map(referencedId).find(Boolean);
  const integration = stateless.toJSON().Resources[integrationId!];
  return entryOf(referencedId(integration.Properties.IntegrationUri)!);
}

describe('the HTTP API', () => {
  const routes = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
  const [authorizerId, authorizer] = onlyResource(stateless, 'AWS::ApiGatewayV2::Authorizer');

  it('has exactly the routes of the route table', () => {
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routeList)('routes $method $path to its own $handler function', (route) => {
    expect(routeFunctionEntry(`${route.method} ${route.path}`)).toBe(route.handler);
  });

  it.each(routeList)('checks a JWT on $method $path exactly when the route is not public', (route) => {
    const deployed = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`)!;
    if (route.access === 'public') {
      expect(deployed.AuthorizationType).toBe('NONE');
      expect(deployed.AuthorizerId).toBeUndefined();
    } else {
      expect(deployed.AuthorizationType).toBe('JWT');
      expect(referencedId(deployed.AuthorizerId)).toBe(authorizerId);
    }
  });

  it('accepts only ID tokens of the user pool issued to the app client', () => {
    const exportOf = (resource: IConstruct) => ({
      'Fn::ImportValue': expect.stringMatching(
        new RegExp(`:ExportsOutputRef${stacks.stateful.getLogicalId(resource as CfnElement)}[0-9A-F]{8}$`),
      ),
    });
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', exportOf(stacks.stateful.userPool.node.defaultChild!)],
          ],
        },
        Audience: [exportOf(stacks.stateful.userPoolClient.node.defaultChild!)],
      },
    });
  });

  it('requires no scope, which ID tokens lack, and lets the functions refuse access tokens', () => {
    // The authorizer cannot tell the two kinds apart: an access token carries the app client in
    // `client_id`, which API Gateway checks when `aud` is absent. The functions accept only
    // `token_use: id` (functions/shared/auth.ts; docs/decisions.md, 2026-12-03).
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(1);
    for (const route of routes) expect(route.AuthorizationScopes).toBeUndefined();
  });

  it('allows browsers from any origin to call it with a token', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayWith(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        AllowHeaders: ['Authorization', 'Content-Type'],
      },
    });
  });

  it('outputs its URL', () => {
    stateless.hasOutput('ApiUrl', {});
  });
});

describe('the functions', () => {
  const functions = resourcesOf(stateless, 'AWS::Lambda::Function');
  const service = functions.filter(([id]) => functionEntries.has(id));

  it('are one per route, schedule, upload rule, stream subscription and lifecycle task, besides CDK’s notification helper', () => {
    const expected =
      routeList.length +
      Object.keys(lifecycleFunctions).length +
      Object.keys(schedules).length +
      Object.keys(bucketNotifications).length +
      Object.keys(streamSubscriptions).length;
    expect(service).toHaveLength(expected);
    expect(functions.filter(([id]) => !functionEntries.has(id)).map(([id]) => id)).toEqual([
      expect.stringMatching(/^BucketNotificationsHandler/),
    ]);
  });

  it('all run Node.js 22 on arm64 with active tracing and an ESM bundle', () => {
    for (const [, fn] of service) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('all log to a log group kept a month', () => {
    for (const [, fn] of service) {
      const logGroup = stateless.toJSON().Resources[referencedId(fn.Properties.LoggingConfig.LogGroup)!];
      expect(logGroup.Properties.RetentionInDays).toBe(30);
    }
  });

  it('all receive every variable the config module requires', () => {
    for (const [, fn] of service) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(Object.keys(variables)).toEqual(expect.arrayContaining([...functionEnvironmentKeys]));
      expect(variables).toMatchObject({
        S3_FORCE_PATH_STYLE: 'false',
        EMAIL_FROM: 'no-reply@example.org',
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: expect.any(String),
        POWERTOOLS_METRICS_NAMESPACE: expect.any(String),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // No `selectionRounds` given to the stack: the default 2 rounds (issue #13 item 6).
        SELECTION_ROUNDS: '2',
      });
    }
  });

  it('have no physical names', () => {
    for (const [, fn] of functions) expect(fn.Properties.FunctionName).toBeUndefined();
  });
});

describe('the schedules', () => {
  const deployed = resourcesOf(stateless, 'AWS::Scheduler::Schedule').map(([, schedule]) => schedule.Properties);

  it.each(Object.entries(schedules))('run %s on its cron, Paris time, with retries and a dead-letter queue', (_, schedule) => {
    const match = deployed.find((s) => s.ScheduleExpression === `cron(${schedule.cron})`);
    expect(match).toBeDefined();
    expect(match!.ScheduleExpressionTimezone).toBe('Europe/Paris');
    expect(entryOf(referencedId(match!.Target.Arn)!)).toBe(schedule.handler);
    expect(match!.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) });
    const queue = stateless.toJSON().Resources[referencedId(match!.Target.DeadLetterConfig.Arn)!];
    expect(queue).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
  });

  it('gives the function listing the jobs the crons the schedules run, and no other function', () => {
    const listing = routeList.find((route) => route.path === '/operator/jobs' && route.method === 'GET')!;
    const withCrons = resourcesOf(stateless, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.[scheduleCronsVariable] !== undefined,
    );
    expect(withCrons.map(([id]) => entryOf(id))).toEqual([listing.handler]);
    const crons = cronsGivenTo(withCrons[0]![1]);
    expect(
      Object.values(crons)
        .map((cron) => `cron(${cron})`)
        .sort(),
    ).toEqual(deployed.map((s) => s.ScheduleExpression).sort());
  });

  it('dead-letter queues refuse requests that are not over TLS', () => {
    for (const [, policy] of resourcesOf(stateless, 'AWS::SQS::QueuePolicy')) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('a cron override (NEW_OFFER_ALERTS_CRON) at synth', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is the cron of the schedule and the one the job listing shows', () => {
    vi.stubEnv('NEW_OFFER_ALERTS_CRON', '30 18 ? * MON-FRI *');
    const overridden = synthesize();
    const alerts = resourcesOf(overridden.stateless, 'AWS::Scheduler::Schedule').find(
      ([, s]) => overridden.entryOf(referencedId(s.Properties.Target.Arn)!) === schedules.newOfferAlerts.handler,
    );
    expect(alerts![1].Properties.ScheduleExpression).toBe('cron(30 18 ? * MON-FRI *)');
    const [, listing] = resourcesOf(overridden.stateless, 'AWS::Lambda::Function').find(
      ([, fn]) => fn.Properties.Environment?.Variables?.[scheduleCronsVariable] !== undefined,
    )!;
    const crons = cronsGivenTo(listing);
    const defaults = Object.fromEntries(Object.entries(schedules).map(([id, schedule]) => [id, schedule.cron]));
    expect(crons).toEqual({ ...defaults, newOfferAlerts: '30 18 ? * MON-FRI *' });
    expect(effectiveSchedules().newOfferAlerts.cron).toBe('30 18 ? * MON-FRI *');
  });
});

describe('the upload notifications', () => {
  const [, notifications] = onlyResource(stateless, 'Custom::S3BucketNotifications');
  const configurations = notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations;

  it.each(Object.entries(bucketNotifications))('send object-created events of rule %s to its function', (_, rule) => {
    const filterRules = [{ Name: 'prefix', Value: rule.prefix }, ...('suffix' in rule ? [{ Name: 'suffix', Value: rule.suffix }] : [])];
    const match = configurations.find((c) => entryOf(referencedId(c.LambdaFunctionArn)!) === rule.handler);
    expect(match).toEqual({
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: filterRules } },
      LambdaFunctionArn: expect.anything(),
    });
  });

  it.each(Object.entries(bucketNotifications))(
    'keep the events of rule %s that still fail after retries in a dead-letter queue',
    (_, rule) => {
      const functionId = [...functionEntries].find(([, entry]) => entry === rule.handler)![0];
      const [, config] = resourcesOf(stateless, 'AWS::Lambda::EventInvokeConfig').find(
        ([, c]) => referencedId(c.Properties.FunctionName) === functionId,
      )!;
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      const destination = referencedId(config.Properties.DestinationConfig.OnFailure.Destination);
      expect(stateless.toJSON().Resources[destination!].Type).toBe('AWS::SQS::Queue');
    },
  );

  it('are configured on the stateful bucket without the stateful stack depending on this one', () => {
    expect(notifications.Properties.BucketName).toEqual({ 'Fn::ImportValue': expect.stringContaining('Uploads') });
    expect(stacks.stateful.dependencies).toEqual([]);
    expect(stacks.stateless.dependencies).toEqual([stacks.stateful]);
    expect(JSON.stringify(stateful.toJSON())).not.toContain('Fn::ImportValue');
  });
});

describe('the stream subscriptions', () => {
  const mappings = resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping').map(([, mapping]) => mapping.Properties);

  it.each(Object.entries(streamSubscriptions))('feed %s with the filter pattern of its definition', (_, subscription) => {
    const mapping = mappings.find((m) => entryOf(referencedId(m.FunctionName)!) === subscription.handler);
    expect(mapping).toBeDefined();
    // The local streams poller applies the same definition: both consumers filter alike.
    const patterns = (mapping!.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([subscription.filterPattern]);
    expect(mapping).toMatchObject({
      EventSourceArn: { 'Fn::ImportValue': expect.stringContaining('StreamArn') },
      BatchSize: subscription.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: expect.any(Number),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // ... each from the definition, which the local poller applies too.
    expect(mapping).toMatchObject({
      StartingPosition: subscription.startingPosition,
      MaximumRetryAttempts: subscription.retryAttempts,
      BisectBatchOnFunctionError: subscription.bisectBatchOnError,
    });
    const queue = stateless.toJSON().Resources[referencedId(mapping!.DestinationConfig.OnFailure.Destination)!];
    expect(queue.Type).toBe('AWS::SQS::Queue');
  });
});

describe('the offer lifecycle', () => {
  it('is one Standard state machine, named after the stack, whose ARN every function is given', () => {
    const [, machine] = onlyResource(stateless, 'AWS::StepFunctions::StateMachine');
    expect(machine.Properties.StateMachineType).toBe('STANDARD');
    expect(machine.Properties.StateMachineName).toBe(`${stacks.stateless.stackName}-offer-lifecycle`);
    const [, fn] = resourcesOf(stateless, 'AWS::Lambda::Function')[0]!;
    expect(JSON.stringify(fn.Properties.Environment.Variables.OFFER_LIFECYCLE_ARN)).toContain(
      `stateMachine:${stacks.stateless.stackName}-offer-lifecycle`,
    );
  });
});
