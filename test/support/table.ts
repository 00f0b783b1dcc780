import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { table } from '#definitions/table.ts';
import { ensureTable } from '#local/dynamodb.ts';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { notificationStore } from '#notifications/notification-store.ts';
import { cloud, eventually } from './api.ts';

/** Direct access to the local cloud's table, to check what a route stored (or did not). */
export function localTable() {
  const env = cloud().environment;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  const tableName = env.TABLE_NAME!;
  return {
    client,
    tableName,
    get: async (key: { PK: string; SK: string }) => (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item,
  };
}

/**
 * A fresh table built from the shared definition, for tests that must not be seen by the local
 * cloud's stream consumers (nothing polls its stream). Deleted by the returned `drop`.
 */
export async function freshTable(name: string) {
  const { client } = localTable();
  const tableName = `${name}-${Date.now()}-${process.pid}`;
  await ensureTable(client as unknown as DynamoDBClient, table, tableName);
  return {
    client,
    tableName,
    get: async (key: { PK: string; SK: string }) => (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item,
    drop: () => client.send(new DeleteTableCommand({ TableName: tableName })),
  };
}

/**
 * Resolves once the outbox holds no notification left to send: every e-mail written so far has
 * been sent (or given up). On a cloud of the file's own, the mailbox then holds all it will get.
 */
export async function outboxDrained(): Promise<void> {
  const { client, tableName } = localTable();
  const notifications = notificationStore(client, tableName);
  const endOfTime = new Date('9999-12-31T23:59:59.999Z');
  await eventually('the outbox drained', async () => ((await notifications.listPending(endOfTime, 1)).length === 0 ? true : undefined));
}
