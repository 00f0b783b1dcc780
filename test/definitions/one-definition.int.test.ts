/**
 * One definition, two consumers: the local cloud's side. What the local cloud runs is compared
 * with each shared definition; `one-definition.test.ts` compares what CDK deploys with the same
 * definitions (and so the two with each other).
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { bucketPrefixes } from '#definitions/bucket-notifications.ts';
import { routeList } from '#definitions/routes.ts';
import { table } from '#definitions/table.ts';
import { importKey } from '#imports/import-store.ts';
import { createTableInput } from '#local/dynamodb.ts';
import { newNotification, notificationToItem } from '#notifications/outbox.ts';
import { api, cloud, eventually } from '../support/api.ts';
import { localTable } from '../support/table.ts';

const expectedKeys = createTableInput(table, 'any');
const byName = <T extends { IndexName?: string }>(items: T[] = []) =>
  [...items].sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));

describe('the route table', () => {
  it.each(routeList.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'is served by the local gateway: %s',
    async (_key, route) => {
      const path = route.path.replace(/\{\w+\}/g, '43219876500013');
      const response = await api(route.method, path, route.method === 'GET' ? {} : { body: {} });
      expect([404, 405]).not.toContain(response.status);
      // Protected routes meet the JWT check before any handler (API Gateway's bare
      // `Unauthorized`); public ones reach theirs, which may answer 401 in its own words (a
      // refresh without a session).
      const stoppedByJwtCheck = response.status === 401 && response.body?.message === 'Unauthorized';
      expect(stoppedByJwtCheck).toBe(route.access !== 'public');
    },
  );
});

describe('the table definition', () => {
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

describe('the S3 notification rules', () => {
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
