/**
 * One definition, two consumers: the deployed side. What CDK deploys, and the handler modules
 * the definitions name, are compared with each shared definition; `one-definition.int.test.ts`
 * compares what the local cloud runs with the same definitions (and so the two with each other).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bucketNotifications, uploadFunctionTimeoutSeconds } from '#definitions/bucket-notifications.ts';
import { lifecycleFunctions, lifecycleFunctionTimeoutSeconds, productionDurations } from '#definitions/lifecycle.ts';
import { routeFunctionTimeoutSeconds, routeList } from '#definitions/routes.ts';
import {
  effectiveSchedules,
  encodeScheduleCrons,
  scheduleCronsVariable,
  scheduleFunctionTimeoutSeconds,
  schedules,
  scheduleTimeoutSeconds,
} from '#definitions/schedules.ts';
import { streamFunctionTimeoutSeconds, streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { table } from '#definitions/table.ts';
import { functionEnvironment } from '#lib/function-environment.ts';
import { createTableInput } from '#local/dynamodb.ts';
import { functionsRoot, lambdaContext } from '#local/lambda.ts';
import { startScheduler } from '#local/scheduler.ts';
import type { RouteDefinition } from '#shared/route.ts';
import { roles } from '#shared/roles.ts';
import { onlyResource, referencedId, resourcesOf, synthesize } from '../infra/synth.ts';

const { stateful, stateless, entryOf } = synthesize();
const expectedKeys = createTableInput(table, 'any');
const byName = <T extends { IndexName?: string }>(items: T[] = []) =>
  [...items].sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));

type HttpLambda = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** Loads a definition's Lambda entry as Lambda would, and answers its `handler` export. */
async function handlerOf(entry: string): Promise<unknown> {
  const module = (await import(pathToFileURL(path.join(functionsRoot, entry)).href)) as { handler?: unknown };
  return module.handler;
}

/** An API Gateway event for the route with no path, query or body, from a caller holding `groups` (anonymous when absent). */
function emptyRequest(route: RouteDefinition, groups?: readonly string[]): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: route.path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'parity' },
      // The claims of an ID token, the only kind the handlers accept.
      ...(groups ? { authorizer: { jwt: { claims: { token_use: 'id', sub: 'parity', 'cognito:groups': [...groups] }, scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/**
 * The fields the route's own schemas reject in an empty request, in the order the HTTP layer
 * parses (path, then query, then body); undefined when the request passes them all, and the
 * handler would run its use case.
 */
function fieldsRejected(route: RouteDefinition): string[] | undefined {
  for (const [location, schema] of [
    ['path', route.request.params],
    ['query', route.request.query],
  ] as const) {
    const parsed = schema?.safeParse({});
    if (parsed && !parsed.success) return parsed.error.issues.map((issue) => [location, ...issue.path.map(String)].join('.'));
  }
  return route.request.body ? ['body'] : undefined;
}

describe('the route table', () => {
  const deployed = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);

  it('gives CDK exactly the routes of the definition', () => {
    expect([...deployed].sort()).toEqual(routeList.map((route) => `${route.method} ${route.path}`).sort());
  });

  describe('names, for each route, a handler module built for that route', () => {
    // Handlers read their configuration at import, as on Lambda; nothing here reaches a service.
    const environment = functionEnvironment({
      tableName: 'parity-table',
      bucketName: 'parity-bucket',
      userPoolId: 'eu-west-3_parity',
      userPoolClientId: 'parity-client',
      emailFrom: 'no-reply@example.org',
      appUrl: 'https://logement.example.org',
      s3ForcePathStyle: false,
      offerLifecycleArn: 'arn:aws:states:eu-west-3:000000000000:stateMachine:parity',
      durations: productionDurations,
    });
    beforeAll(() => {
      for (const [name, value] of Object.entries({
        ...environment,
        AWS_REGION: 'eu-west-3',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        // Given by the stack to the job listing only.
        [scheduleCronsVariable]: encodeScheduleCrons(effectiveSchedules()),
      })) {
        vi.stubEnv(name, value);
      }
    });
    afterAll(() => vi.unstubAllEnvs());

    it.each(routeList.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async (_key, route) => {
      const handler = (await handlerOf(route.handler)) as HttpLambda;
      expect(handler, `${route.handler} exports handler`).toBeTypeOf('function');
      const call = async (groups?: readonly string[]) => {
        const response = await handler(emptyRequest(route, groups), lambdaContext(route.handler));
        return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') };
      };

      // It guards the route's roles: 401 without a caller, 403 to a role the route does not admit.
      if (route.access !== 'public') {
        expect((await call()).status).toBe(401);
        const outsider = roles.find((role) => !route.access.includes(role));
        if (outsider) expect((await call([outsider])).status).toBe(403);
      }
      // It parses with the route's schemas: an empty request is refused on exactly their fields.
      const rejected = fieldsRejected(route);
      if (rejected) {
        const refused = await call(route.access === 'public' ? undefined : route.access);
        expect(refused.status).toBe(400);
        expect(refused.body.error.fields.map((field: { field: string }) => field.field)).toEqual(rejected);
      }
    });
  });
});

describe('the other Lambda entries', () => {
  const entries = [
    ...Object.values(schedules),
    ...Object.values(bucketNotifications),
    ...Object.values(streamSubscriptions),
    ...Object.values(lifecycleFunctions),
  ].map((definition) => definition.handler);

  it.each(entries)('name a module that exports a handler: %s', async (entry) => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    expect(await handlerOf(entry)).toBeTypeOf('function');
  });
});

describe('the table definition', () => {
  it('gives CDK the keys and indexes of the definition', () => {
    const [, resource] = onlyResource(stateful, 'AWS::DynamoDB::Table');
    expect(resource.Properties.KeySchema).toEqual(expectedKeys.KeySchema);
    expect(byName(resource.Properties.GlobalSecondaryIndexes).map((i) => [i.IndexName, i.KeySchema])).toEqual(
      byName(expectedKeys.GlobalSecondaryIndexes).map((i) => [i.IndexName, i.KeySchema]),
    );
    expect(resource.Properties.StreamSpecification.StreamViewType).toBe(table.stream);
    expect(resource.Properties.TimeToLiveSpecification.AttributeName).toBe(table.timeToLiveAttribute);
  });
});

describe('the schedule table', () => {
  it('gives CDK one schedule per job with its cron', () => {
    const expressions = resourcesOf(stateless, 'AWS::Scheduler::Schedule').map(([, s]) => s.Properties.ScheduleExpression);
    expect(expressions.sort()).toEqual(
      Object.values(schedules)
        .map((s) => `cron(${s.cron})`)
        .sort(),
    );
  });

  it('gives the local scheduler the same jobs, each running its own handler within its own timeout', async () => {
    const calls: [string, number][] = [];
    const scheduler = startScheduler({
      invoke: async (entry, _event, timeoutSeconds) => {
        calls.push([entry, timeoutSeconds]);
        return undefined;
      },
    });
    try {
      expect(Object.keys(scheduler.nextRuns()).sort()).toEqual(Object.keys(schedules).sort());
      for (const id of Object.keys(schedules)) await scheduler.runNow(id);
      expect(calls).toEqual(Object.values(schedules).map((s) => [s.handler, scheduleTimeoutSeconds(s)]));
      // The digest alone takes Lambda's longest timeout; the other jobs, the schedules' default.
      expect(calls.filter(([, seconds]) => seconds !== scheduleFunctionTimeoutSeconds)).toEqual([[schedules.newOfferAlerts.handler, 900]]);
    } finally {
      await scheduler.stop();
    }
  });
});

describe('the S3 notification rules', () => {
  it('give CDK one notification per rule', () => {
    const [, notifications] = onlyResource(stateless, 'Custom::S3BucketNotifications');
    const prefixes = notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations.map(
      (c) => c.Filter.Key.FilterRules.find((r) => r.Name === 'prefix')!.Value,
    );
    expect(prefixes.sort()).toEqual(
      Object.values(bucketNotifications)
        .map((r) => r.prefix)
        .sort(),
    );
  });
});

describe('the stream subscriptions', () => {
  const mappings = resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);

  it('give CDK each filter pattern as defined', () => {
    const patterns = mappings.flatMap((m) => (m.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern)));
    expect(patterns).toEqual(Object.values(streamSubscriptions).map((s) => s.filterPattern));
  });

  // The local poller reads the same fields (test/local/streams.int.test.ts shows it retrying and bisecting by them).
  it.each(Object.entries(streamSubscriptions))('give CDK the retry policy of %s as defined', (_, subscription) => {
    const mapping = mappings.find((m) => entryOf(referencedId(m.FunctionName)!) === subscription.handler);
    expect(mapping).toMatchObject({
      StartingPosition: subscription.startingPosition,
      BatchSize: subscription.batchSize,
      MaximumRetryAttempts: subscription.retryAttempts,
      BisectBatchOnFunctionError: subscription.bisectBatchOnError,
    });
    expect(mapping!.FunctionResponseTypes ?? []).toEqual(subscription.reportBatchItemFailures ? ['ReportBatchItemFailures'] : []);
  });
});

describe('the Lambda timeouts', () => {
  // Each trigger's timeout, as its definition table gives it to CDK and to the local invocations.
  const definedTimeouts = [
    ...routeList.map((route) => [route.handler, routeFunctionTimeoutSeconds] as const),
    ...Object.values(schedules).map((schedule) => [schedule.handler, scheduleTimeoutSeconds(schedule)] as const),
    ...Object.values(bucketNotifications).map((rule) => [rule.handler, uploadFunctionTimeoutSeconds] as const),
    ...Object.values(streamSubscriptions).map((subscription) => [subscription.handler, streamFunctionTimeoutSeconds] as const),
    ...Object.values(lifecycleFunctions).map((fn) => [fn.handler, lifecycleFunctionTimeoutSeconds] as const),
  ];

  it.each(definedTimeouts)('give CDK the timeout of its trigger for %s (%i s)', (entry, seconds) => {
    const deployed = resourcesOf(stateless, 'AWS::Lambda::Function').filter(([id]) => entryOf(id) === entry);
    expect(deployed).toHaveLength(1);
    expect(deployed[0]![1].Properties.Timeout).toBe(seconds);
  });
});
