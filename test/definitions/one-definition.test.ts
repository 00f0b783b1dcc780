/**
 * One definition, two consumers: for each shared definition, what CDK deploys and what the
 * local cloud runs are compared with the definition itself (and so with each other).
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { bucketNotifications, bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { routeList } from '#definitions/routes.ts';
import { schedules } from '#definitions/schedules.ts';
import { streamSubscriptions } from '#definitions/stream-subscriptions.ts';
import { table } from '#definitions/table.ts';
import { importKey } from '#imports/import-store.ts';
import { createTableInput } from '#local/dynamodb.ts';
import { startScheduler } from '#local/scheduler.ts';
import { newNotification, notificationToItem } from '#notifications/outbox.ts';
import { onlyResource, resourcesOf, synthesize } from '../infra/synth.ts';
import { api, cloud, eventually } from '../support/api.ts';
import { localTable } from '../support/table.ts';

const { stateful, stateless } = synthesize();
const expectedKeys = createTableInput(table, 'any');
const byName = <T extends { IndexName?: string }>(items: T[] = []) =>
  [...items].sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));

describe('the route table', () => {
  const deployed = resourcesOf(stateless, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);

  it('gives CDK exactly the routes of the definition', () => {
    expect([...deployed].sort()).toEqual(routeList.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(routeList.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'is served by the local gateway: %s',
    async (_key, route) => {
      const path = route.path.replace(/\{\w+\}/g, '43219876500013');
      const response = await api(route.method, path, route.method === 'GET' ? {} : { body: {} });
      expect([404, 405]).not.toContain(response.status);
      // Protected routes meet the JWT check before any handler; public ones reach theirs.
      if (route.access === 'public') expect(response.status).not.toBe(401);
      else expect(response.status).toBe(401);
    },
  );
});

describe('the table definition', () => {
  it('gives CDK the keys and indexes of the definition', () => {
    const [, resource] = onlyResource(stateful, 'AWS::DynamoDB::Table');
    expect(resource.Properties.KeySchema).toEqual(expectedKeys.KeySchema);
    expect(byName(resource.Properties.GlobalSecondaryIndexes).map((i: any) => [i.IndexName, i.KeySchema])).toEqual(
      byName(expectedKeys.GlobalSecondaryIndexes).map((i) => [i.IndexName, i.KeySchema]),
    );
    expect(resource.Properties.StreamSpecification.StreamViewType).toBe(table.stream);
    expect(resource.Properties.TimeToLiveSpecification.AttributeName).toBe(table.timeToLiveAttribute);
  });

  it('gives the local table the same keys and indexes', async () => {
    const local = localTable();
    const { Table } = await local.client.send(new DescribeTableCommand({ TableName: local.tableName }));
    expect(Table?.KeySchema).toEqual(expectedKeys.KeySchema);
    expect(byName(Table?.GlobalSecondaryIndexes).map((i) => [i.IndexName, i.KeySchema])).toEqual(
      byName(expectedKeys.GlobalSecondaryIndexes).map((i) => [i.IndexName, i.KeySchema]),
    );
    expect(Table?.StreamSpecification?.StreamViewType).toBe(table.stream);
  });
});

describe('the schedule table', () => {
  it('gives CDK one schedule per job with its cron', () => {
    const expressions = resourcesOf(stateless, 'AWS::Scheduler::Schedule').map(([, s]) => s.Properties.ScheduleExpression);
    expect(expressions.sort()).toEqual(Object.values(schedules).map((s) => `cron(${s.cron})`).sort());
  });

  it('gives the local scheduler the same jobs, each running its own handler', async () => {
    const calls: string[] = [];
    const scheduler = startScheduler({
      invoke: async (entry) => {
        calls.push(entry);
        return undefined;
      },
    });
    try {
      expect(Object.keys(scheduler.nextRuns()).sort()).toEqual(Object.keys(schedules).sort());
      for (const id of Object.keys(schedules)) await scheduler.runNow(id);
      expect(calls).toEqual(Object.values(schedules).map((s) => s.handler));
    } finally {
      await scheduler.stop();
    }
  });
});

describe('the S3 notification rules', () => {
  it('give CDK one notification per rule', () => {
    const [, notifications] = onlyResource(stateless, 'Custom::S3BucketNotifications');
    const prefixes = notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations.map(
      (c: any) => c.Filter.Key.FilterRules.find((r: { Name: string }) => r.Name === 'prefix').Value,
    );
    expect(prefixes.sort()).toEqual(Object.values(bucketNotifications).map((r) => r.prefix).sort());
  });

  it('route a file dropped under imports/ to the import handler on the local cloud', async () => {
    const env = cloud().environment;
    const s3 = new S3Client({
      endpoint: env.AWS_ENDPOINT_URL_S3,
      region: env.AWS_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const importId = `parity-${Date.now()}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: env.BUCKET_NAME,
        Key: `${bucketPrefixes.imports}landlord-demo/${importId}.csv`,
        Body: 'reference;commune\n',
      }),
    );
    const item = await eventually('the import record', () => localTable().get(importKey('landlord-demo', importId)));
    expect(item).toMatchObject({ entity: 'ImportJob', status: 'RECEIVED', format: 'csv', sizeBytes: 18 });
  });
});

describe('the stream subscriptions', () => {
  it('give CDK each filter pattern as defined', () => {
    const patterns = resourcesOf(stateless, 'AWS::Lambda::EventSourceMapping').flatMap(([, m]) =>
      (m.Properties.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern)),
    );
    expect(patterns).toEqual(Object.values(streamSubscriptions).map((s) => s.filterPattern));
  });

  it('feed the local notifier with a new outbox item, which is then sent once', async () => {
    const to = `parity-${Date.now()}@example.org`;
    const notification = newNotification({
      template: 'company-declared',
      to,
      params: { companyName: 'Parité', siret: '43219876500013' },
      createdAt: new Date().toISOString(),
    });
    const local = localTable();
    await local.client.send(new PutCommand({ TableName: local.tableName, Item: notificationToItem(notification) }));
    const sent = await eventually('the notification marked sent', async () => {
      const item = await local.get({ PK: `NOTIFICATION#${notification.id}`, SK: 'NOTIFICATION' });
      return item?.status === 'SENT' ? item : undefined;
    });
    expect(sent).not.toHaveProperty('GSI3PK');
    const mails = (await (await fetch(`${cloud().mailbox}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    expect(mails.emails.filter((mail) => mail.destination.to.includes(to))).toHaveLength(1);
  });
});
